"""A batch's summary: in the terminal (Rich) and as a self-contained HTML report."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from yusuan.audit.registry import SEVERITY_LABELS, all_rules
from yusuan.batch.runner import Summary

STATUS_LABELS = {"new": "新导入", "version": "新版本", "duplicate": "已存在（相同文件）",
                 "same": "内容相同的另一份文件", "failed": "无法读取"}


def rows(summary: Summary) -> dict:
    """The report's tables as plain rows (shared by the terminal and HTML)."""
    statuses = [(STATUS_LABELS.get(k, k), n) for k, n in sorted(summary.statuses.items())]
    statuses.append(("已处理过（跳过）", summary.skipped))
    statuses.append(("其中此前已记录为无法读取", len(summary.failed_before)))
    statuses.append(("未读取（隐藏文件或不支持的类型）", len(summary.ignored)))
    titles = {r.code: r.title for r in all_rules()}  # the rules are registered where they run: the workers
    by_rule = [(code, titles.get(code, ""), SEVERITY_LABELS.get(sev, sev), n)
               for (code, sev), n in sorted(summary.findings.items(), key=lambda kv: (-kv[1], kv[0]))]
    units = [(unit, year or "", n) for (unit, year), n in summary.units.most_common(20)]
    mib = [round(v / 1024, 1) for v in summary.max_rss_kib.values() if v]
    figures = [("文件总数", summary.total), ("本次处理", summary.processed),
               ("用时（秒）", f"{summary.seconds:.1f}"), ("吞吐量（份/秒）", f"{summary.rate:.1f}"),
               ("并行", f"{summary.workers}（{'Dask 集群' if summary.engine == 'dask' else '本机进程'}）"),
               ("每个工作进程峰值内存（MiB）", f"{max(mib):.0f}" if mib else "—"), ("结果写入", summary.where)]
    if summary.interrupted:
        figures.append(("状态", "已中断：已完成的结果已保存，重新运行同一命令继续"))
    return {"statuses": statuses, "rules": by_rule, "units": units, "failures": summary.failures[:200],
            "failed_before": summary.failed_before[:200],
            "ignored": summary.ignored[:200],
            "figures": figures}


def print_summary(summary: Summary, console: Console) -> None:
    r = rows(summary)
    t = Table("项目", "数值", title="批量处理结果")
    for k, v in r["figures"] + r["statuses"]:
        t.add_row(str(k), str(v))
    console.print(t)
    if r["rules"]:
        t = Table("规则", "检查内容", "级别", "次数", title="发现（按规则）")
        for code, title, sev, n in r["rules"][:20]:
            t.add_row(code, title, sev, str(n))
        console.print(t)
    if r["units"]:
        t = Table("单位", "年度", "错误", title="错误最多的单位")
        for unit, year, n in r["units"][:10]:
            t.add_row(escape(unit or ""), str(year), str(n))
        console.print(t)
    if summary.interrupted:
        console.print("[yellow]已中断[/yellow]：已完成的结果已保存，重新运行同一命令即可继续（已处理的文件会跳过）",
                      highlight=False, soft_wrap=True)
    for name, error in r["failures"][:20]:
        console.print(f"[red]无法读取[/red] {escape(error)}", highlight=False, soft_wrap=True)
    if len(r["failures"]) > 20:
        console.print(f"……另有 {len(summary.failures) - 20} 个文件无法读取（见 --report）")
    for name in summary.failed_before[:10]:
        console.print(f"[red]此前已记录为无法读取[/red] {escape(name)}（内容未变，未再读取）", highlight=False, soft_wrap=True)
    if len(summary.failed_before) > 10:
        console.print(f"……另有 {len(summary.failed_before) - 10} 个此前无法读取的文件（见 --report）", highlight=False)
    print_ignored(summary.ignored, console, "（见 --report）")


def print_ignored(ignored: list[tuple[str, str]], console: Console, more: str = "", shown: int = 10) -> None:
    """The files passed over (hidden, or of a type not read), one line each, the first `shown`."""
    for name, reason in ignored[:shown]:
        console.print(f"[yellow]未读取[/yellow] {escape(name)}：{reason}", highlight=False, soft_wrap=True)
    if len(ignored) > shown:
        console.print(f"……另有 {len(ignored) - shown} 个文件未读取{more}", highlight=False)


def write_html(summary: Summary, path: Path) -> None:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("yusuan.batch", "templates"), autoescape=select_autoescape(["html", "j2"]))
    path.write_text(env.get_template("report.html.j2").render(**rows(summary)), encoding="utf-8")
