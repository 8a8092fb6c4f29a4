"""`yusuan check --format html`: one standalone, printable page (inline styles, no external assets)."""

from __future__ import annotations

from html import escape

from yusuan.audit.finding import Finding
from yusuan.audit.registry import CATEGORY_LABELS, SEVERITY_LABELS
from yusuan.model.disclosure import Disclosure
from yusuan.read.lines import SourceDocument

_CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:2em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border:1px solid #ddd;padding:.35em .5em;vertical-align:top}
th{background:#f3f3f3;text-align:left}.error{color:#b00020;font-weight:bold}.warning{color:#9a6700}.info{color:#0b5394}
.src{font-family:monospace;color:#555;white-space:pre-wrap}.summary span{margin-right:1.5em}
@media print{body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}}
"""


def _location(f: Finding) -> str:
    parts = []
    for p in f.locations[:4]:
        where = "·".join(x for x in (f"〔{p.document}〕" if p.document else None, p.table, p.row, p.column) if x)
        parts.append(escape(f"{where} {p.where()}".strip()))
    more = f"（另 {len(f.locations) - 4} 处）" if len(f.locations) > 4 else ""
    if f.related:
        more += "<br>" + escape(related_text(f))
    return "<br>".join(parts) + more


def related_text(f: Finding, show: int = 6) -> str:
    """'同样见于：第12行、第30行…（共 5 处）' for a finding that stands in more places."""
    shown = "、".join(p.where() or (p.table or "") for p in f.related[:show])
    return f"同样见于：{shown}" + ("…" if len(f.related) > show else "")


def render_html(results: list[tuple[SourceDocument, Disclosure, list[Finding]]]) -> str:
    out = ["<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>yusuan 核查报告</title>",
           f"<style>{_CSS}</style></head><body><h1>预算公开文件核查报告</h1>"]
    for doc, disc, findings in results:
        lines = {ln.no: ln.text for ln in doc.lines}
        counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
        out.append(f"<h2>{escape(disc.unit_name or '（未识别单位名称）')} {disc.year or ''} "
                   f"<small>{escape(disc.source)}</small></h2>")
        out.append("<p class='summary'>" + "".join(
            f"<span class='{s}'>{SEVERITY_LABELS[s]} {counts[s]}</span>" for s in counts) + "</p>")
        if not findings:
            out.append("<p>未发现问题。</p>")
            continue
        out.append("<table><tr><th>级别</th><th>规则</th><th>说明</th><th>数字</th><th>位置</th><th>原文</th></tr>")
        for f in findings:
            line = f.locations[0].line if f.locations else None
            source = escape(lines.get(line, "")[:120]) if line else ""
            out.append(f"<tr><td class='{f.severity}'>{SEVERITY_LABELS[f.severity]}</td>"
                       f"<td>{f.code}<br><small>{CATEGORY_LABELS[f.category]}</small></td><td>{escape(f.message)}</td>"
                       f"<td>{escape('、'.join(f.values))}</td><td>{_location(f)}</td><td class='src'>{source}</td></tr>")
        out.append("</table>")
    out.append("<p><small>由 yusuan 生成。四舍五入尾数误差不作为问题报告。</small></p></body></html>")
    return "\n".join(out)
