"""The budget as an office compiles it (预算编制数据): the figures a disclosure is written from.

Only leaf figures are kept (功能分类 项 rows by economic column, 经济分类 款 rows, projects,
"三公" items); every total a disclosure prints is summed from them, so a document rendered from a
Budget is consistent by construction. A 部门 budget is the consolidation of its units' budgets
(see compose.consolidate); `unit_functions` then keeps each unit's own 项 rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

THREE_PUBLIC_ITEMS = (("abroad", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"),
                      ("vehicle_operation", "公务用车运行维护费"), ("reception", "公务接待费"))
PROCUREMENT_ITEMS = (("goods", "货物"), ("works", "工程"), ("services", "服务"))
PROJECT_TYPES = ("其他运转类", "特定目标类")
# the money a row is paid from (资金来源): key, the label templates print; 财政拨款 is the first three
FUNDS = (("general", "一般公共预算"), ("gov_fund", "政府性基金预算"), ("state_capital", "国有资本经营预算"),
         ("special", "财政专户管理资金"), ("unit", "单位资金"))
FISCAL_FUNDS = ("general", "gov_fund", "state_capital")
# what a unit's own money (单位资金) is received as in the year: key, label
UNIT_INCOME = (("business", "事业收入"), ("operation", "事业单位经营收入"), ("superior", "上级补助收入"),
               ("affiliated", "附属单位上缴收入"), ("other", "其他收入"))
# counted: 上年末 vehicles and large equipment (国有资产占用情况), the 专项转移支付 projects a 部门 manages;
# key, what, unit of count
COUNT_ITEMS = (("vehicles_official", "一般公务用车", "辆"), ("vehicles_enforcement", "执法执勤用车", "辆"),
               ("vehicles_other", "其他用车", "辆"), ("equipment_general", "单位价值50万元以上通用设备", "台（套）"),
               ("equipment_special", "单位价值100万元以上专用设备", "台（套）"),
               ("transfer_projects", "负责管理的专项转移支付项目", "项"))
LAST_YEAR_SUMS = {"three_public": ("abroad", "vehicle_purchase", "vehicle_operation", "reception"),
                  "vehicle_total": ("vehicle_purchase", "vehicle_operation")}


@dataclass
class FunctionRow:
    """One 支出功能分类 项 (e.g. 2010301 行政运行) with its amounts by economic column."""
    code: str
    name: str
    salaries: Decimal = ZERO  # 工资福利支出
    family: Decimal = ZERO  # 对个人和家庭的补助
    goods: Decimal = ZERO  # 商品和服务支出
    capital: Decimal = ZERO  # 资本性支出
    project_operating: Decimal = ZERO  # 其他运转类项目
    project_specific: Decimal = ZERO  # 特定目标类项目
    fund: str = "general"  # 资金来源 (FUNDS): a 项 paid from two kinds of money is two rows

    def derived(self, role: str) -> Decimal:
        """A total of the row as the 支出表's declared identities define it (reference/data/tables.yaml)."""
        from yusuan.model.disclosure import TableKind
        from yusuan.reference.tables import derive

        return derive(TableKind.EXPENDITURE, {f: getattr(self, f) for f in AMOUNT_FIELDS}, role)

    @property
    def personnel(self) -> Decimal:
        return self.derived("personnel")

    @property
    def public(self) -> Decimal:
        return self.derived("public")

    @property
    def basic(self) -> Decimal:
        return self.derived("basic")

    @property
    def project(self) -> Decimal:
        return self.derived("project")

    @property
    def total(self) -> Decimal:
        return self.derived("total")


AMOUNT_FIELDS = ("salaries", "family", "goods", "capital", "project_operating", "project_specific")


@dataclass
class Profile:
    """第一部分 概况: 主要职能, 机构设置, 人员 as the officer writes them."""
    duties: list[str] = field(default_factory=list)
    institutions: list[str] = field(default_factory=list)
    staff: str = ""
    overall_goal: str = ""  # 部门整体绩效目标
    tasks: list[tuple[str, str]] = field(default_factory=list)  # 年度主要任务: (任务名称, 主要内容)


PERFORMANCE_LEVEL1 = ("成本指标", "产出指标", "效益指标", "满意度指标")  # a project's 一级指标, as the template prints them
# the narrative's sections an officer may add a paragraph to: key, the heading it follows, the template's label
NARRATIVE_SECTIONS = (
    ("overview", "一、收入支出预算总体", "收支总体"), ("income", "二、收入预算总体", "收入"),
    ("expenditure", "三、支出预算总体", "支出"), ("fiscal", "四、财政拨款收入支出", "财政拨款"),
    ("general", "五、一般公共预算支出", "一般公共预算支出"), ("basic", "六、一般公共预算基本支出", "基本支出"),
    ("gov_fund", "七、政府性基金", "政府性基金"), ("state_capital", "八、国有资本经营", "国有资本经营"),
    ("three_public", "九、“三公”经费", "“三公”经费"), ("operating", "（一）机关（机构）运行经费", "机关运行经费"),
    ("procurement", "（二）政府采购", "政府采购"), ("assets", "（三）国有资产", "国有资产"),
    ("performance", "（四）关于预算绩效管理", "预算绩效"))
DEPARTMENT_TARGETS = "部门整体"  # the 项目名称 under which the input gives a 部门's 整体绩效 indicators
DEFAULT_PROJECT_ECONOMIC = "30299"  # 其他商品和服务支出: what a project is booked as unless the input says


@dataclass
class Budget:
    unit_name: str
    year: int
    scope: str  # unit | department
    units: list[tuple[str, str, Decimal]]  # code, name, total (the 收入表's unit rows)
    functions: list[FunctionRow]
    economic: list[tuple[str, str, str, Decimal]]  # code, name, group (personnel/public), amount
    projects: list[tuple[str, str, Decimal]]  # type, name, amount
    targets: list[tuple[str, tuple[str, str, str, str]]] = field(default_factory=list)  # project, indicator row
    three_public: dict[str, Decimal] = field(default_factory=dict)
    operating: list[tuple[str, str, Decimal]] = field(default_factory=list)
    profile: Profile = field(default_factory=Profile)
    last_year: dict[str, Decimal] = field(default_factory=dict)  # 上年预算数 by item key (see narrative)
    reasons: dict[str, str] = field(default_factory=dict)  # 增减变化原因 by the same keys
    procurement: dict[str, Decimal] = field(default_factory=dict)  # goods / works / services
    counts: dict[str, int] = field(default_factory=dict)  # COUNT_ITEMS given: vehicles and large equipment
    month: int = 0  # the month of publication printed on the cover (0: the year only)
    texts: dict[str, str] = field(default_factory=dict)  # the officer's own paragraph per narrative section (NARRATIVE_SECTIONS)
    rewrites: dict[str, str] = field(default_factory=dict)  # the officer's text in place of a section's generated one
    asset_items: list[tuple[str, Decimal]] | None = None  # 上年末固定资产 by kind
    unit_functions: dict[str, list[FunctionRow]] = field(default_factory=dict)  # unit code -> its 项 rows
    project_units: dict[str, str] = field(default_factory=dict)  # project name -> 项目单位
    unit_type: str = ""  # 行政 | 参公 | 事业 (yusuan.reference.economic_mapping.UNIT_TYPES); '' not given
    unit_types: dict[str, str] = field(default_factory=dict)  # a 部门's units: unit code -> unit type
    economic_units: list[str] = field(default_factory=list)  # a 部门's: the unit code of each economic row
    project_economic: dict[str, str] = field(default_factory=dict)  # project name -> 部门经济分类 款
    project_codes: dict[str, str] = field(default_factory=dict)  # project name -> 项目编码 as the budget system gives it
    # every kind of money: each spending row has its fund (FunctionRow.fund, economic_funds, project_funds);
    # the income side follows from it: a fund's current-year income is its spending less the 上年结转结余
    # of that fund; a unit's own money (单位资金) is split into its UNIT_INCOME sources. Both by unit code.
    economic_funds: list[str] = field(default_factory=list)  # the fund of each economic row ('' or absent: general)
    project_funds: dict[str, str] = field(default_factory=dict)  # project name -> fund (absent: general)
    carryover: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # unit code -> fund -> 上年结转结余
    unit_income: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # unit code -> UNIT_INCOME key -> amount

    def sum(self, attr: str, fund: str | None = None) -> Decimal:
        """A column summed over the 项 rows, of one fund or (None) of all money."""
        return sum((getattr(f, attr) for f in self.functions if fund is None or f.fund == fund), ZERO)

    def general(self, attr: str) -> Decimal:
        """A column of the 一般公共预算 rows (tables 05–07, the 基本支出 narrative)."""
        return self.sum(attr, "general")

    def fund_rows(self, fund: str | None = None) -> list[FunctionRow]:
        """The 项 rows of one fund, or (None) of all money, one row per code (the funds summed)."""
        out: dict[str, FunctionRow] = {}
        for f in self.functions:
            if fund is not None and f.fund != fund:
                continue
            row = out.setdefault(f.code, FunctionRow(f.code, f.name, fund=fund or f.fund))
            for a in AMOUNT_FIELDS:
                setattr(row, a, getattr(row, a) + getattr(f, a))
        return [out[c] for c in dict.fromkeys(f.code for f in self.functions) if c in out]

    @property
    def funds_used(self) -> set[str]:
        return {f.fund for f in self.functions if f.total}

    def unit_rows(self, code: str) -> list[FunctionRow]:
        """One unit's 项 rows (a 单位 budget's are all rows)."""
        if self.unit_functions:
            return self.unit_functions.get(code, [])
        return self.functions

    def carry(self, fund: str | None = None, unit: str | None = None) -> Decimal:
        """上年结转结余 of one fund (None: all) of one unit (None: all units)."""
        return sum((a for u, funds in self.carryover.items() if unit is None or u == unit
                    for k, a in funds.items() if fund is None or k == fund), ZERO)

    def unit_spending(self, fund: str, unit: str | None = None) -> Decimal:
        rows = self.functions if unit is None else self.unit_rows(unit)
        return sum((f.total for f in rows if f.fund == fund), ZERO)

    def current(self, fund: str, unit: str | None = None) -> Decimal:
        """A fund's current-year income (本年收入): its spending less its 上年结转结余."""
        return self.unit_spending(fund, unit) - self.carry(fund, unit)

    def source(self, key: str, unit: str | None = None) -> Decimal:
        """本年收入 of one UNIT_INCOME source (事业收入…)."""
        return sum((a for u, src in self.unit_income.items() if unit is None or u == unit
                    for k, a in src.items() if k == key), ZERO)

    @property
    def current_total(self) -> Decimal:
        """本年收入合计: all money less 上年结转结余."""
        return self.total - self.carry()

    @property
    def fiscal_total(self) -> Decimal:
        """财政拨款收支总计 (一般公共预算, 政府性基金, 国有资本经营: this year's and carried over)."""
        return sum((self.unit_spending(k) for k in FISCAL_FUNDS), ZERO)

    def economic_fund(self, i: int) -> str:
        return (self.economic_funds[i] if i < len(self.economic_funds) else "") or "general"

    def project_fund(self, name: str) -> str:
        return self.project_funds.get(name) or "general"

    @property
    def total(self) -> Decimal:
        return self.sum("total")

    @property
    def who(self) -> str:
        return "部门" if self.scope == "department" else "单位"

    def tp(self, key: str) -> Decimal:
        return self.three_public.get(key, ZERO)

    @property
    def vehicle_total(self) -> Decimal:
        return self.tp("vehicle_purchase") + self.tp("vehicle_operation")

    @property
    def three_public_total(self) -> Decimal:
        return self.tp("abroad") + self.vehicle_total + self.tp("reception")

    @property
    def operating_total(self) -> Decimal:
        return sum((a for _, _, a in self.operating), ZERO)

    @property
    def procurement_total(self) -> Decimal:
        return sum((self.procurement.get(k, ZERO) for k, _ in PROCUREMENT_ITEMS), ZERO)

    @property
    def assets(self) -> list[tuple[str, Decimal]]:
        """上年末固定资产 by kind; generated budgets without figures derive them from the budget's size."""
        if self.asset_items is not None:
            return self.asset_items
        t = self.total
        return [("房屋建筑物", (t / 10).quantize(CENT)), ("车辆", (t / 20).quantize(CENT)), ("办公设备", (t / 7).quantize(CENT))]

    def economic_type(self, i: int) -> str:
        """The unit type the i-th 基本支出 economic row is booked under (a 部门's rows by their units)."""
        unit = self.economic_units[i] if i < len(self.economic_units) else ""
        return self.unit_types.get(unit, "") or self.unit_type or "事业"

    def gov_class(self, i: int) -> tuple[str, str]:
        """The 政府预算支出经济分类 (code, name) of the i-th 基本支出 economic row."""
        from yusuan.reference.economic_mapping import default_gov

        return default_gov(self.economic[i][0], self.economic_type(i))

    def project_class(self, name: str) -> str:
        """A project's 部门经济分类 款 (30299 其他商品和服务支出 where the input gives none)."""
        return self.project_economic.get(name) or DEFAULT_PROJECT_ECONOMIC

    def project_unit(self, name: str) -> str:
        return self.project_units.get(name) or (self.units[0][1] if self.units else self.unit_name)

    def project_type(self, name: str) -> str:
        """The unit type a project is booked under: its 项目单位's (a 部门 of 行政 and 事业 units)."""
        unit = self.project_unit(name)
        code = next((c for c, n, _ in self.units if n == unit), "")
        return self.unit_types.get(code, "") or self.unit_type or "事业"

    def class_totals(self, fund: str | None = None) -> list[tuple[str, str, Decimal]]:
        out: dict[str, Decimal] = {}
        for f in self.functions:
            if fund is not None and f.fund != fund:
                continue
            out[f.code[:3]] = out.get(f.code[:3], ZERO) + f.total
        return [(c, function_name(c), v) for c, v in sorted(out.items())]

    def last(self, key: str) -> Decimal | None:
        """上年预算数 of an item, or of a sum of items ("三公" total, 公务用车购置及运行费) when every part is known."""
        parts = LAST_YEAR_SUMS.get(key)
        if parts is None:
            return self.last_year.get(key)
        vals = [self.last_year.get(k) for k in parts]
        return None if any(v is None for v in vals) else sum(vals, ZERO)


def fund_key(text: str) -> str | None:
    """A fund as typed ('政府性基金', '单位资金', 'gov_fund'; '' is 一般公共预算), or None when it is none."""
    t = (text or "").strip().replace("预算资金", "预算").replace("拨款", "")
    if not t:
        return "general"
    for key, label in FUNDS:
        if t in (key, label, label.removesuffix("预算"), label.removesuffix("资金")):
            return key
    return {"财政专户": "special", "其他资金": "unit"}.get(t)


def function_name(code: str) -> str:
    """The catalogue name of a 功能分类 code ('201' -> '一般公共服务支出')."""
    from yusuan.reference.catalogue import catalogue

    names = catalogue().function.get(code)
    return names[0] if names else code
