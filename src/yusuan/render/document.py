"""A whole disclosure laid out from a Budget, ready for any output format: 封面, 目录, 第一部分 概况,
第二部分 预算情况说明, 第三部分 名词解释 and 附件 (the template's tables, numbered)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.model.budget import Budget
from yusuan.render.files import GridTable
from yusuan.render.henan import henan_tables
from yusuan.render.narrative import Block, narrative_blocks
from yusuan.render.layout import Page, cn_ordinal

TEMPLATES = ("henan", "shanghai")  # 河南式 15 表; 上海式九张表（元）
_YEAR = re.compile(r"^\d{4}年度?")
_CN_DIGITS = "〇一二三四五六七八九"


class TableRecorder(Page):
    """A Page that keeps each table as a grid (header rows apart) instead of writing text: what a
    published document prints, one layout for every budget."""

    vary = False

    def __init__(self) -> None:
        super().__init__("tabs")
        self.tables: list[GridTable] = []

    def money(self, v: Decimal | None, blank_zero: bool = True) -> str:
        if v is None or (blank_zero and v == 0):
            return ""
        return f"{v:,.2f}"

    def table(self, label, title, unit_name, header, rows, note=None, two_sided=False, meta=None) -> None:
        self.tables.append(GridTable(label=label, title=title, before=[meta or f"单位名称：{unit_name}    单位：万元"],
                                     rows=[list(h) for h in header] + [list(r) for r in rows],
                                     after=[note] if note else [], head=len(header)))


@dataclass
class Document:
    title: str  # 单位名称
    subtitle: str  # 2025年度单位预算
    date: str  # 二〇二五年
    blocks: list[Block] = field(default_factory=list)
    appendix: str = ""  # 附件：…预算表
    tables: list[GridTable] = field(default_factory=list)

    def contents(self) -> list[tuple[int, str, str]]:
        """目录 entries (level, text, anchor): the three parts, their sections and every table. The anchor
        names what an entry points to: block i ('b3'), the appendix, or table k ('t2')."""
        out: list[tuple[int, str, str]] = []
        for i, b in enumerate(self.blocks):
            if b.kind == "part" and b.text.startswith("第"):
                after = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
                title = f" {after.text}" if after and after.kind == "part" and not after.text.startswith("第") else ""
                out.append((1, b.text + title, f"b{i}"))
            elif b.kind == "heading":
                out.append((2, b.text, f"b{i}"))
        out.append((1, self.appendix, "appendix"))
        # as the samples' 目录: names without the year, so an entry is never read as a table's title
        out += [(2, f"{cn_ordinal(k)}、{_YEAR.sub('', t.title)}", f"t{k}") for k, t in enumerate(self.tables, 1)]
        return out


def cn_month(month: int) -> str:
    """'二月' for 2, '十二月' for 12, '' for no month."""
    return f"{cn_ordinal(month)}月" if 1 <= month <= 12 else ""


def cn_year(year: int) -> str:
    return "".join(_CN_DIGITS[int(d)] for d in str(year))


def build_document(b: Budget, template: str = "henan") -> Document:
    if template not in TEMPLATES:
        raise ValueError(template)
    rec = TableRecorder()
    if template == "shanghai":
        from yusuan.render.shanghai import shanghai_tables

        shanghai_tables(b, rec)  # unnumbered: in the template's order
        tables = rec.tables
    else:
        henan_tables(b, rec, complete=True)
        tables = sorted(rec.tables, key=lambda t: t.label or "")
    return Document(title=b.unit_name, subtitle=f"{b.year}年度{b.who}预算", date=f"{cn_year(b.year)}年{cn_month(b.month)}",
                    blocks=narrative_blocks(b, template), appendix=f"附件：{b.unit_name}{b.year}年度{b.who}预算表", tables=tables)
