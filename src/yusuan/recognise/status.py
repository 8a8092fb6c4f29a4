"""The reading status of a table (读取情况): whether its figures stand where the reader put them.

A reading is proven when the printed header named its columns and the table's own identities
hold. Identities that fail in a few rows are the document's defects, for the audit to report;
identities that fail in most rows, figures shaped like codes in a money column, labels of two
rows run together and figures that fit no column point at the reading instead, and then no
error may be built on the table.
"""

from __future__ import annotations

import re

from yusuan.model.disclosure import Table
from yusuan.model.reading import Reading
from yusuan.recognise.verify import summarise, table_checks
from yusuan.reference.tables import TableSchema

MOST = 0.25  # more than this share of failing checks (and at least two) points at the reading
_CODE_LIKE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_TWO_ORDINALS = re.compile(r"[一二三四五六七八九十]+、.+[一二三四五六七八九十]+、")


def _suspects(table: Table) -> list[str]:
    """Evidence against the reading, whatever the identities say."""
    out = []
    amounts = [c for r in table.rows for c in r.cells.values()]
    decimals = sum(1 for c in amounts if "." in c.amount.printed)
    codes = [c for c in amounts if _CODE_LIKE.match(c.amount.printed.replace(",", ""))]
    if len(codes) >= 2 and decimals >= len(codes):
        out.append(f"金额列中有 {len(codes)} 个形如科目编码的整数（如 {codes[0].amount.printed}），列可能读错")
    merged = [r.label for r in table.rows if _TWO_ORDINALS.search(r.label or "")]
    if merged:
        out.append(f"{len(merged)} 行的名称像两行连在一起（如“{merged[0][:30]}”）")
    unplaced = [r for r in table.rows if r.attrs.get("unplaced")]
    if unplaced and (len(unplaced) >= 2 or len(unplaced) > 0.1 * max(1, len(table.rows))):
        out.append(f"{len(unplaced)} 行的金额无法对应到表头的列")
    return out


def _to_explain(failed) -> int:
    """How many figures, or whole rows, must be wrong to explain every failing check (greedy
    cover, the smaller of the two): one wrong figure breaks its row, its column and its subtotal
    at once, one wrong row (a 合计 row copied wrongly) breaks every column; a misread table breaks
    checks that share neither."""
    return min(_cover([{(id(t.row), t.role) for t in c.wholes + c.parts} for c in failed]),
               _cover([{id(t.row) for t in c.wholes + c.parts} for c in failed]))


def _cover(open_checks: list[set]) -> int:
    n = 0
    while open_checks and n < 10:
        counts: dict = {}
        for cells in open_checks:
            for cell in cells:
                counts[cell] = counts.get(cell, 0) + 1
        best = max(counts, key=counts.get)
        open_checks = [cells for cells in open_checks if best not in cells]
        n += 1
    return n if not open_checks else n + len(open_checks)


def decide(table: Table, sch: TableSchema, reading: Reading) -> Reading:
    checks = table_checks(table, sch)
    reading.identities = summarise(checks)
    held, failed = reading.held(), reading.failed()
    has_figures = any(r.cells for r in table.rows)
    reading.inferred_cells = sum(1 for r in table.rows for c in r.cells.values() if c.inferred)
    if not has_figures:
        reading.evidence.append("表中没有数字")
    elif held + failed == 0:
        reading.evidence.append("表中没有可以核对的勾稽关系")
    else:
        reading.evidence.append(f"勾稽关系成立 {held} 处，不成立 {failed} 处")
    suspects = _suspects(table)
    reading.evidence += suspects
    spread = _to_explain([c for c in checks if not c.holds])
    most_fail = failed >= 2 and failed > MOST * (held + failed) and spread > 2
    if most_fail:
        reading.evidence.append("多数勾稽关系不成立，更可能是读错了列或行，而不是原表的错误")
    if reading.status == "unreadable":
        return reading
    if suspects or most_fail:
        reading.status = "unverified"
    elif reading.inferred_cells:
        reading.status = "inferred"
        reading.evidence.append(f"{reading.inferred_cells} 个数字的列位置由勾稽关系推断（原文省略了空白单元格）")
    else:
        reading.status = "verified"
    return reading


def grid_reading(table: Table, sch: TableSchema, header: list, realigned: list[str], furniture: int) -> Reading:
    reading = Reading(method="header", columns=[c.to_dict() for c in header], realigned=list(realigned))
    mapped = [c for c in header if c.role]
    reading.evidence.append(f"{len(mapped)} 列由表头确定：" + "、".join(f"{c.printed or '（空）'}→{c.role}" for c in mapped[:12]))
    unknown = [c for c in header if not c.role and not c.label_role and c.path]
    if unknown:
        reading.evidence.append("表头未能识别的列：" + "、".join(c.printed for c in unknown[:6]))
    if furniture:
        reading.evidence.append(f"略去栏次行 {furniture} 行")
    if realigned:
        reading.evidence.append(f"{len(realigned)} 行按表头重新对齐")
    return decide(table, sch, reading)


def layout_reading(table: Table, sch: TableSchema) -> Reading:
    """A table read from text that kept no grid: columns from the kind's layouts and identities."""
    reading = Reading(method="identities")
    reading.columns = [{"index": i, "role": c.role, "header": c.label, "how": "按版式与勾稽关系确定（原文无表格线）"}
                       for i, c in enumerate(table.columns)]
    return decide(table, sch, reading)


def unreadable(table: Table, why: str) -> Reading:
    return Reading(status="unreadable", method="none", evidence=[why])
