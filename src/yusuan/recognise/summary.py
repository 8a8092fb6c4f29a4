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
from yusuan.reference.catalogue import catalogue, strip_ordinal
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


def items_of(lines: list[SourceLine]) -> list[Item]:
    items: list[Item] = []
    for ln in lines:
        for t in line_tokens(ln):
            if t.is_number:
                if items:
                    items[-1].amounts.append(t)
                continue
            if items and not items[-1].amounts and not _starts_label(t.text) and ln.cells is None:
                items[-1].text += t.text
                continue
            items.append(Item(t.text.replace(" ", ""), ln))
    return items


def side_and_key(text: str, section: str | None) -> tuple[str, str | None, str | None]:
    """('income'|'expenditure', fact key, function code) for a label."""
    t = strip_ordinal(text.replace(" ", ""))
    t = t.replace("其中：", "其中").replace("其中:", "其中")
    code = catalogue().function_class_by_name(t)
    if code and "收入" not in t and "拨款" not in t:
        return "expenditure", f"function:{code}", code
    if "年终结转" in t:
        return "expenditure", "year_end_carryover", None
    if "支出" in t:
        if "总计" in t or t == "支出合计":
            return "expenditure", "expenditure_total", None
        if "本年支出" in t:
            return "expenditure", "current_expenditure", None
        return "expenditure", None, None
    prefix = "carry_" if section == "carry" else ""
    if "总计" in t or t == "收入合计":
        return "income", "income_total", None
    if t.startswith("本年收入"):
        return "income", "current_income", None
    if t.startswith("上年结转"):
        return "income", "carryover", None
    if "财政拨款" in t and t.startswith("其中"):
        return "income", prefix + "fiscal", None
    for word, key in (("一般公共预算", "gpb"), ("政府性基金", "gov_fund"), ("国有资本经营", "state_capital"),
                      ("财政专户", "special_account"), ("事业单位经营", "operating"), ("事业收入", "business"),
                      ("上级补助", "superior"), ("附属单位", "affiliated"), ("其他收入", "other"), ("单位资金", "unit_funds")):
        if word in t:
            return "income", prefix + key, None
    return "income", None, None


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
        table.columns = [Column(r, role_label(r)) for r in FISCAL_EXPENDITURE.roles]
