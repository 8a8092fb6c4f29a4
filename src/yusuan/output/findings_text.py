"""`yusuan check --format text`: findings grouped by severity and table, each with its source line."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from yusuan.audit.finding import Finding
from yusuan.audit.registry import SEVERITY_LABELS
from yusuan.model.disclosure import Disclosure
from yusuan.read.lines import SourceDocument

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def print_total(results: list[tuple], console: Console) -> None:
    """The last line of a text report: how many documents, and their findings by severity."""
    counts = {s: sum(1 for _, _, fs in results for f in fs if f.severity == s) for s in ("error", "warning", "info")}
    console.print(f"\n合计：{len(results)} 份文件，错误 {counts['error']} 条，警告 {counts['warning']} 条，"
                  f"提示 {counts['info']} 条", highlight=False)


def print_findings(doc: SourceDocument, disc: Disclosure, findings: list[Finding], console: Console) -> None:
    lines = {ln.no: ln.text for ln in doc.lines}
    who = f"{disc.unit_name or '（未识别单位名称）'} {disc.year or ''}"
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    console.print(f"[bold]{escape(disc.source)}[/bold]  {escape(who)}  —  错误 {counts['error']}，"
                  f"警告 {counts['warning']}，提示 {counts['info']}")
    for sev in ("error", "warning", "info"):
        group = [f for f in findings if f.severity == sev]
        tables: dict[str, list[Finding]] = {}
        for f in group:
            tables.setdefault(f.locations[0].table if f.locations else "（全文）", []).append(f)
        for table, fs in tables.items():
            console.print(f"\n[{_STYLE[sev]}]{SEVERITY_LABELS[sev]}[/] · {escape(table)}")
            for f in fs:
                where = f.locations[0] if f.locations else None
                pos = where.where() if where else ""
                console.print(f"  [{_STYLE[sev]}]{f.code}[/] {pos} {escape(f.message)}", highlight=False)
                if where and where.line in lines:
                    console.print(f"      │ {escape(lines[where.line][:100])}", style="dim", highlight=False)
                if f.related:
                    from yusuan.output.findings_html import related_text

                    console.print(f"      {escape(related_text(f))}", style="dim", highlight=False)
    if not findings:
        console.print("  未发现问题。")
