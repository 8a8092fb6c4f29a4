"""Tables, rows, cells, narrative statements and the disclosure that holds them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from yusuan.model.amount import Amount, WAN
from yusuan.model.location import Location
from yusuan.model.reading import Reading


# a 项目绩效目标表 tells a unit's row from a project's by its code: a unit's has 3–8 digits, a project's more
UNIT_CODE = re.compile(r"^\d{3,8}$")
PROJECT_CODE = re.compile(r"^\d{9,40}$")


class TableKind(str, Enum):
    """The controlled vocabulary of table kinds (表种类)."""

    SUMMARY = "summary"  # 收支总表
    INCOME = "income"  # 收入表
    EXPENDITURE = "expenditure"  # 支出表
    FISCAL_SUMMARY = "fiscal_summary"  # 财政拨款收支表
    GENERAL_BUDGET = "general_budget"  # 一般公共预算支出表
    GENERAL_BASIC = "general_basic"  # 一般公共预算基本支出表
    BASIC_DETAIL = "basic_detail"  # 基本支出明细表
    ECONOMIC_SUMMARY = "economic_summary"  # 支出经济分类汇总表
    THREE_PUBLIC = "three_public"  # 三公经费表
    GOV_FUND = "gov_fund"  # 政府性基金支出表
    STATE_CAPITAL = "state_capital"  # 国有资本经营支出表
    PROJECT = "project"  # 项目支出表（本年）
    PROJECT_CARRYOVER = "project_carryover"  # 项目支出表（上年结转）
    OPERATING = "operating"  # 机关（机构）运行经费表
    DEPT_PERFORMANCE = "dept_performance"  # 部门（单位）整体绩效目标表
    PROJECT_PERFORMANCE = "project_performance"  # 项目绩效目标表
    OTHER = "other"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    TableKind.SUMMARY: "收支总表",
    TableKind.INCOME: "收入表",
    TableKind.EXPENDITURE: "支出表",
    TableKind.FISCAL_SUMMARY: "财政拨款收支表",
    TableKind.GENERAL_BUDGET: "一般公共预算支出表",
    TableKind.GENERAL_BASIC: "一般公共预算基本支出表",
    TableKind.BASIC_DETAIL: "基本支出明细表",
    TableKind.ECONOMIC_SUMMARY: "支出经济分类汇总表",
    TableKind.THREE_PUBLIC: "三公经费表",
    TableKind.GOV_FUND: "政府性基金支出表",
    TableKind.STATE_CAPITAL: "国有资本经营支出表",
    TableKind.PROJECT: "项目支出表",
    TableKind.PROJECT_CARRYOVER: "上年结转项目支出表",
    TableKind.OPERATING: "机关运行经费表",
    TableKind.DEPT_PERFORMANCE: "部门整体绩效目标表",
    TableKind.PROJECT_PERFORMANCE: "项目绩效目标表",
    TableKind.OTHER: "其他表",
}


@dataclass
class Column:
    """A column by meaning (列的语义角色), e.g. role 'basic' labelled 基本支出.

    `label` is the header as printed where the table was read from its header; `measure` is
    'budget' / 'adjusted' / 'final' / 'last' where the header says (预算数 / 决算数 …); `scope`
    the funding scope of its figures (本年 current, 上年结转 carryover, 年末结转 year_end, all);
    `side` the side of a two-sided table."""

    role: str
    label: str
    measure: str | None = None
    scope: str | None = None
    side: str | None = None

    def to_dict(self) -> dict:
        d = {"role": self.role, "label": self.label}
        for k in ("measure", "scope", "side"):
            v = getattr(self, k)
            if v:
                d[k] = v
        return d


@dataclass
class Cell:
    """One figure in a table: its column role, the amount, where it stands.

    `inferred` is true where the printed row dropped blank cells and the column was found
    from the table's identities rather than read from a grid position.
    """

    role: str
    amount: Amount
    location: Location
    inferred: bool = False
    scope: str | None = None  # funding scope: current / carryover / year_end / all

    def to_dict(self) -> dict:
        d = {
            "column": self.role,
            "printed": self.amount.printed,
            "value": self.amount.wan_text(),
            "unit": self.amount.unit,
            **self.location.to_dict(),
        }
        if self.scope:
            d["scope"] = self.scope
        if self.inferred:
            d["inferred"] = True
        return d


@dataclass
class Row:
    """A table row: a label, an optional classification code, and its cells by role.

    kind: 'total' (合计), 'unit' (单位 row), 'item' (a coded or named line), 'group'.
    code_scheme: 'function' (支出功能分类), 'economic' (部门预算支出经济分类), 'unit', 'project'.
    """

    label: str
    location: Location
    kind: str = "item"
    code: str | None = None
    code_scheme: str | None = None
    cells: dict[str, Cell] = field(default_factory=dict)
    attrs: dict[str, str] = field(default_factory=dict)

    def value(self, role: str) -> Decimal | None:
        c = self.cells.get(role)
        return c.amount.wan if c else None

    @property
    def level(self) -> str | None:
        if not self.code:
            return None
        if self.code_scheme == "function":
            return {3: "类", 5: "款", 7: "项"}.get(len(self.code))
        if self.code_scheme == "economic":
            return {3: "类", 5: "款"}.get(len(self.code))
        return None

    def to_dict(self) -> dict:
        d: dict = {"label": self.label, "kind": self.kind}
        if self.code:
            d["code"] = self.code
            d["code_scheme"] = self.code_scheme
            if self.level:
                d["level"] = self.level
        if self.attrs:
            d["attrs"] = dict(self.attrs)
        d["cells"] = [c.to_dict() for c in self.cells.values()]
        d.update(self.location.to_dict())
        return d


@dataclass
class Table:
    """A recognised table (已识别的表)."""

    kind: TableKind
    title: str
    location: Location
    label: str | None = None  # '预算03表'
    year: int | None = None
    unit: str = WAN
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    end_line: int | None = None
    scope: str | None = None  # funding scope of the table: current / carryover / all
    reading: Reading | None = None  # how the table was read, with the evidence

    @property
    def trusted(self) -> bool:
        """Its figures may support an error: the reading is proven (header matched, identities hold)."""
        return self.reading is None or self.reading.trusted

    def column(self, role: str) -> Column | None:
        return next((c for c in self.columns if c.role == role), None)

    @property
    def empty(self) -> bool:
        return not any(r.cells for r in self.rows)

    @property
    def no_data_note(self) -> bool:
        # '故本表无数据', '本单位没有…', '无此项支出', '此表为空表', '本单位2024年无政府性基金预算拨款安排的支出'
        return any(re.search(r"无数据|没有|无此|空表|为空|^注[:：]?\s*\S{0,12}无\S{0,20}(?:支出|收入|安排|经费)", n)
                   for n in self.notes)

    def total_row(self) -> Row | None:
        for r in self.rows:
            if r.kind == "total":
                return r
        return None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind.value,
            "kind_label": self.kind.label,
            "title": self.title,
            "label": self.label,
            "year": self.year,
            "unit": self.unit,
            **self.location.to_dict(),
            "end_line": self.end_line,
            "columns": [c.to_dict() for c in self.columns],
            "rows": [r.to_dict() for r in self.rows],
            "notes": list(self.notes),
            "empty": self.empty,
            "warnings": list(self.warnings),
            **({"scope": self.scope} if self.scope else {}),
            **({"reading": self.reading.to_dict()} if self.reading else {}),
        }


@dataclass
class Statement:
    """A figure stated in the narrative (情况说明中的数字陈述).

    '一般公共服务支出71.86万元，占82.58%' -> subject 一般公共服务支出, amount 71.86, share 82.58.
    """

    subject: str
    location: Location
    text: str
    key: str | None = None  # the fact it states, e.g. 'basic', 'function:201', 'count:vehicles'
    amount: Amount | None = None
    count: int | None = None
    share: Decimal | None = None
    share_printed: str | None = None
    share_of: str | None = None  # the whole a share names: '占本年支出合计的…' → 本年支出合计
    change_amount: Amount | None = None
    change_pct: Decimal | None = None
    change_pct_printed: str | None = None
    direction: str | None = None  # 增加 / 减少 / 持平
    pct_direction: str | None = None  # the word before the percentage: 增长 → 增加, 下降 → 减少
    reason: str | None = None
    section: str | None = None
    measure: str | None = None  # 'budget' (年初预算数), 'adjusted' (全年/调整预算数), 'final' (决算数)
    completion_pct: Decimal | None = None  # '完成年初预算的95.45%'
    completion_printed: str | None = None
    completion_base: str | None = None  # 'budget' (完成年初预算), 'adjusted' (完成全年/调整预算), None (完成预算)
    versus_budget: str | None = None  # '决算数小于预算数' → 小于 / 大于 / 持平
    versus_base: str | None = None  # '小于全年预算数' → adjusted; '小于预算数' → None
    item: str | None = None  # the 类/款/项 names of the item a statement speaks of

    def to_dict(self) -> dict:
        d: dict = {"subject": self.subject, "key": self.key, "text": self.text}
        if self.section:
            d["section"] = self.section
        for k in ("measure", "item", "versus_budget", "versus_base", "completion_base"):
            v = getattr(self, k)
            if v:
                d[k] = v
        if self.completion_pct is not None:
            d["completion_pct"] = self.completion_printed
        if self.amount is not None:
            d["amount"] = self.amount.wan_text()
            d["printed"] = self.amount.printed
        if self.count is not None:
            d["count"] = self.count
        if self.share is not None:
            d["share"] = self.share_printed
        if self.change_amount is not None:
            d["change_amount"] = self.change_amount.wan_text()
        if self.change_pct is not None:
            d["change_pct"] = self.change_pct_printed
        if self.direction:
            d["direction"] = self.direction
        if self.reason:
            d["reason"] = self.reason
        d.update(self.location.to_dict())
        return d


@dataclass
class Narrative:
    """The 情况说明 and 概况 as structured statements."""

    statements: list[Statement] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, text) as printed

    def first(self, key: str) -> Statement | None:
        for s in self.statements:
            if s.key == key:
                return s
        return None

    def to_dict(self) -> dict:
        return {
            "sections": list(self.sections),
            "statements": [s.to_dict() for s in self.statements],
        }


@dataclass
class Disclosure:
    """One budget disclosure document (一份预算公开文件)."""

    source: str
    format: str
    unit_name: str | None = None
    year: int | None = None
    scope: str | None = None  # 'unit' | 'department'
    doc_type: str | None = None  # 'budget' (预算) | 'final' (决算) | 'adjusted' (调整预算)
    template_name: str | None = None  # the publisher's table set it follows (reference/data/templates)
    blank_template: bool = False  # a blank form to fill in ('上海市XX局'), not a disclosure
    template: str | None = None
    units: list[dict] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    narrative: Narrative = field(default_factory=Narrative)
    contents: list[str] = field(default_factory=list)  # table names promised by the 目录
    warnings: list[str] = field(default_factory=list)

    def tables_of(self, kind: TableKind) -> list[Table]:
        return [t for t in self.tables if t.kind == kind]

    def table(self, kind: TableKind) -> Table | None:
        found = self.tables_of(kind)
        return found[0] if found else None
