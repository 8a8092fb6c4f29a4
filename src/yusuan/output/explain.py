"""`yusuan parse --explain`: how every table was read, stage by stage.

For each table: its kind and reading status with the evidence, which printed header gave each
column its role, which identities held or failed (and where), which rows were realigned and
how many figures were placed by the identities instead of a header. For a PDF, `explain_pages`
draws the recognised cells on page images (after pdfplumber's visual debugging).
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from yusuan.model.disclosure import Disclosure, Table
from yusuan.model.reading import STATUS_LABELS
from yusuan.reference.tables import role_label

_LABEL_NAMES = {"code": "编码", "gov_code": "政府经济分类编码", "gov_name": "政府经济分类名称", "name": "名称",
                "type": "类型", "unit": "单位", "seq": "序号", "note": "备注"}

STATUS_STYLE = {"verified": "green", "inferred": "yellow", "unverified": "red", "unreadable": "red"}


def explain_table(t: Table, console: Console) -> None:
    r = t.reading
    where = f"第{t.location.page}页" if t.location.page else f"第{t.location.line}行"
    if r is None:
        console.print(f"\n[bold]{escape(t.title)}[/bold]（{t.kind.label}，{where}）：按表单或文字读取，没有列的勾稽关系可核对")
        return
    style = STATUS_STYLE[r.status]
    console.print(f"\n[bold]{escape(t.title)}[/bold]（{t.kind.label}，{where}）  读取：[{style}]{STATUS_LABELS[r.status]}"
                  f"（{r.status}）[/{style}]  方法：{_METHOD.get(r.method, r.method)}")
    for e in r.evidence:
        console.print(f"  · {escape(e)}")
    if r.columns:
        ct = RichTable(title="列：表头 → 含义", show_lines=False)
        for col in ("列", "表头（印刷）", "含义", "依据"):
            ct.add_column(col)
        for c in r.columns:
            if c.get("role"):
                meaning = f"{c['role']}（{role_label(c['role'], t.kind)}）"
            elif c.get("label_role"):
                meaning = f"〔{_LABEL_NAMES.get(c['label_role'], c['label_role'])}〕"
            else:
                meaning = "—"
            if c.get("side"):
                meaning = f"{'收入' if c['side'] == 'income' else '支出'}·{meaning}"
            ct.add_row(str(c["index"] + 1) if isinstance(c.get("index"), int) else "", escape(c.get("header", "")),
                       escape(meaning), escape(c.get("how", "")))
        console.print(ct)
    if r.identities:
        it = RichTable(title="勾稽关系", show_lines=False)
        for col in ("规则", "关系", "成立", "不成立", "不成立之处"):
            it.add_column(col)
        for i in r.identities:
            it.add_row(i.rule, escape(i.text), str(i.held), str(i.failed), escape("、".join(i.failures)))
        console.print(it)
    for x in r.realigned:
        console.print(f"  ↔ {escape(x)}")
    if r.inferred_cells:
        console.print(f"  推断：{r.inferred_cells} 个数字的列由勾稽关系确定（JSON 中标记 inferred）")


_METHOD = {"header": "按表头", "identities": "按版式与勾稽关系（原文没有保留表格列）", "form": "按表单字段", "none": "无"}


def print_explain(disc: Disclosure, console: Console) -> None:
    kind = {"final": "决算", "budget": "预算", "adjusted": "调整预算"}.get(disc.doc_type or "", "未知类型")
    console.print(f"[bold]{escape(disc.unit_name or '（未识别单位名称）')}[/bold]  {disc.year or '?'}年  {kind}  —  "
                  f"{escape(disc.source)}")
    counts: dict[str, int] = {}
    for t in disc.tables:
        if t.reading is not None:
            counts[t.reading.status] = counts.get(t.reading.status, 0) + 1
    console.print("读取情况：" + "，".join(f"{STATUS_LABELS[s]} {n} 张" for s, n in counts.items()))
    for t in disc.tables:
        explain_table(t, console)
    if disc.narrative.statements:
        console.print(f"\n情况说明：{len(disc.narrative.statements)} 条数字陈述，"
                      f"{len(disc.narrative.sections)} 个小节（表格之外的文字，无论在表格之前还是之后）")


# colours of recognised cells on a page image: value cells by whether their column has a role
_VALUE, _LABEL, _UNKNOWN = (40, 160, 60), (40, 90, 220), (220, 40, 40)


def explain_pages(pdf: Path, disc: Disclosure, pages: list[int], out_dir: Path, resolution: int = 100) -> list[Path]:
    """PNG images of PDF pages with every recognised figure outlined (green), its row label's line
    (blue), and figures of rows that could not be placed (red)."""
    import pdfplumber

    out_dir.mkdir(parents=True, exist_ok=True)
    boxes: dict[int, list[tuple[tuple, tuple]]] = {}
    for t in disc.tables:
        for r in t.rows:
            if r.location.page and r.location.bbox:
                boxes.setdefault(r.location.page, []).append((r.location.bbox, _LABEL))
            for c in r.cells.values():
                if c.location.page and c.location.bbox:
                    boxes.setdefault(c.location.page, []).append((c.location.bbox, _UNKNOWN if c.inferred else _VALUE))
    written = []
    with pdfplumber.open(pdf) as doc:
        for n in pages:
            if not 1 <= n <= len(doc.pages):
                continue
            page = doc.pages[n - 1]
            img = page.to_image(resolution=resolution)
            for bbox, colour in boxes.get(n, []):
                img.draw_rect(bbox, stroke=colour, fill=colour + (40,), stroke_width=1)
            path = out_dir / f"explain-page-{n}.png"
            img.save(path)
            written.append(path)
    return written
