"""Two-sided tables: 收支总表 and 财政拨款收支表 (income on the left, expenditure on the right).

Labels are read as a stream — each new label starts with an ordinal, '其中' or a total word;
anything else continues a label the layout wrapped — and each label takes the amounts after it.
Which side a label belongs to is decided by its meaning, not its position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yusuan.model.disclosure import Cell, Column, Row, Table
from yusuan.read.lines import SourceLine
from yusuan.recognise.align import place
from yusuan.recognise.block import Block, loc
from yusuan.recognise.columns import FISCAL_EXPENDITURE, label as role_label
from yusuan.recognise.tokens import Token, line_tokens
from yusuan.model.disclosure import TableKind
from yusuan.reference.catalogue import catalogue, strip_ordinal
from yusuan.reference.tables import schema
from yusuan.model.amount import parse_amount

_STARTS = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|其中)")
_TOTAL_WORDS = ("本年收入", "本年支出", "收入总计", "支出总计", "收入合计", "支出合计", "上年结转", "年终结转", "结转结余")


@dataclass
class Item:
    text: str
    line: SourceLine
    amounts: list[Token] = field(default_factory=list)


_SOURCE_WORDS = ("一般公共预算", "政府性基金", "国有资本经营", "财政专户", "单位资金", "事业收入", "事业单位经营",
                 "上级补助", "附属单位", "其他收入")


def _starts_label(text: str) -> bool:
    """Ordinals, 其中 and totals start a label; so does a label that is a whole item by itself
    ('教育支出', '单位资金'), which templates without ordinals print side by side."""
    t = text.replace(" ", "")
    return (bool(_STARTS.match(t)) or any(t.startswith(w) for w in _TOTAL_WORDS + _SOURCE_WORDS)
            or catalogue().function_class_by_name(t) is not None or catalogue().starts_function_class(t))


_SECOND_ORDINAL = re.compile(r"(?<=[^一二三四五六七八九十百、（(])(?=(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]))")
_SECOND_TOTAL = re.compile(r"(?<=[\u4e00-\u9fff])(?=本年支出|支出总计|支出合计|年终结转|年末结转|结余分配)")
_INCOME_END = ("收入", "预算", "资金", "拨款", "结余", "结转", "合计", "总计")


def split_run_together(text: str) -> list[str]:
    """Two labels of one printed row run together where the extraction lost the gap between the
    sides: '二、政府性基金预算拨款收入二十一、住房保障支出', '上年结转结余年终结转结余'."""
    t = text.replace(" ", "")
    for pat in (_SECOND_ORDINAL, _SECOND_TOTAL):
        m = pat.search(t, 2)
        if m and m.start() >= 3 and len(t) - m.start() >= 3:
            return [t[: m.start()]] + split_run_together(t[m.start():])
    # an expenditure side without ordinals: '二、政府性基金预算卫生健康支出'
    if t.endswith("支出") and not catalogue().function_class_by_name(t):
        for i in range(3, len(t) - 3):
            if t[:i].endswith(_INCOME_END) and catalogue().function_class_by_name(t[i:]):
                return [t[:i], t[i:]]
    return [t]


def items_of(lines: list[SourceLine]) -> list[Item]:
    items: list[Item] = []
    for ln in lines:
        for t in line_tokens(ln):
            if t.is_number:
                if items:
                    items[-1].amounts.append(t)
                continue
            parts = split_run_together(t.text) if ln.cells is None else [t.text.replace(" ", "")]
            for k, part in enumerate(parts):
                if not k and items and not items[-1].amounts and not _starts_label(part) and ln.cells is None:
                    items[-1].text += part
                    continue
                items.append(Item(part, ln))
    return items


SOURCE_KEYS = ("gpb", "fiscal", "gov_fund", "state_capital", "special_account", "operating", "business", "superior",
               "affiliated", "other", "unit_funds")


def two_sided_key(text: str, side: str | None, section: str | None, sch=None) -> tuple[str | None, str | None, str | None]:
    """(fact key, function code, section after this row) of a label of a two-sided table, from
    the table's row vocabulary (reference/tables.yaml). Sources listed below 上年结转 (年初结转和结余)
    are carry-over sources; below 年末结转和结余, year-end ones."""
    sch = sch or schema(TableKind.SUMMARY)
    t = strip_ordinal(text.replace(" ", ""))
    t = t.replace("其中：", "其中").replace("其中:", "其中")
    code = catalogue().function_class_by_name(t)
    if code and "收入" not in t and "拨款" not in t and side != "income":
        return f"function:{code}", code, section
    rk = sch.row_key(t, side)
    if rk is None:
        return None, None, section
    key = rk.key
    if key == "total":
        key = f"{side}_total" if side in ("income", "expenditure") else None
    if rk.section == "carry":
        section = "carry"
    elif rk.section == "current":
        section = None
    elif key == "year_end_carryover":
        section = "year_end"
    if key in SOURCE_KEYS and section == "carry" and rk.side != "expenditure" and side != "expenditure":
        key = "carry_" + key
    elif key in SOURCE_KEYS and section == "year_end" and side == "expenditure":
        key = "year_end_" + key
    return key, None, section


def side_and_key(text: str, section: str | None) -> tuple[str, str | None, str | None]:
    """('income'|'expenditure', fact key, function code) for a label of flattened text, where no
    column says the side: the label's meaning does."""
    key, code, _ = two_sided_key(text, None, section)
    if code:
        return "expenditure", key, code
    t = text.replace(" ", "")
    rk = schema(TableKind.SUMMARY).row_key(strip_ordinal(t).replace("其中：", "其中").replace("其中:", "其中"))
    if rk is not None and rk.side in ("income", "expenditure"):
        return rk.side, key, None
    return ("expenditure" if "支出" in t else "income"), key, None


def extract_two_sided(block: Block, table: Table, fiscal: bool) -> None:
    # flattened text puts the first item's label ('收入合计') on a line above its amount
    head = list(block.header_lines)
    lead: list[SourceLine] = []
    while head and head[-1].cells is None and _starts_label(head[-1].text) and not any(
            t.is_number for t in line_tokens(head[-1])):
        lead.insert(0, head.pop())
    lines = lead + block.body_lines
    section = None
    for it in items_of(lines):
        side, key, code = side_and_key(it.text, section)
        if key == "carryover":
            section = "carry"
        elif key == "current_income":
            section = None
        row = Row(label=it.text, location=loc(it.line), kind="item", code=code,
                  code_scheme="function" if code else None)
        row.attrs["side"] = side
        if code:
            row.attrs["code_from"] = "name"  # the 类 named, no code printed
        if key:
            row.attrs["key"] = key
        if key in ("income_total", "expenditure_total", "current_income", "current_expenditure"):
            row.kind = "total"
        amts = [parse_amount(t.text, block.unit) for t in it.amounts]
        amts = [a for a in amts if a is not None]
        if side == "expenditure" and fiscal and len(amts) > 1:
            cands = place([a.value for a in amts], FISCAL_EXPENDITURE)
            roles = cands[0].roles if cands else tuple(f"col{i}" for i in range(len(amts)))
            inferred = True
        else:
            roles = ("total",) + tuple(f"col{i}" for i in range(1, len(amts)))
            inferred = False
        for role, a, tok in zip(roles, amts, it.amounts):
            row.cells[role] = Cell(role, a, loc(tok.line, tok.col), inferred=inferred and len(amts) > 1)
        table.rows.append(row)
    table.columns = [Column("total", "金额")]
    if fiscal:
        table.columns = [Column(r, role_label(r, table.kind)) for r in FISCAL_EXPENDITURE.roles]
