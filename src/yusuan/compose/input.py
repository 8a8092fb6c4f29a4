"""Budget input as plain data (the YAML/JSON form, and what the workbook reader produces) turned
into a Budget, every value checked for type and range with the place it came from.

The form (amounts in 万元; the README lists what each field means):

    unit: {name, code, year, scope: unit|department, type: 行政|参公|事业, month: 1–12}  # month: the cover's
    profile: {duties: [..], institutions: [..], staff, overall_goal, tasks}  # tasks: '任务名称：主要内容' per line
    units: [{code, name, type}]                # a 部门's units, when consolidated
    functions: [{code, name, salaries, family, goods, capital, project_operating, project_specific, fund, unit}]
    economic: [{code, name, amount, unit, fund}]  # 基本支出 by 部门经济分类 款 (a 部门's: by unit code)
    projects: [{type: 其他运转类|特定目标类, name, amount, unit, economic, code, fund}]  # economic: 部门经济分类 款; code: 项目编码
    income: [{unit, business, operation, superior, affiliated, other,   # 单位资金 by source (事业收入…其他收入)
              carry_general, carry_gov_fund, carry_state_capital, carry_special, carry_unit}]  # 上年结转结余 by fund
    # fund (资金来源): 一般公共预算 (default), 政府性基金预算, 国有资本经营预算, 财政专户管理资金, 单位资金
    targets: [{project, level1, level2, indicator, value}]  # project 部门整体: the 部门's own indicators
    three_public: {abroad, vehicle_purchase, vehicle_operation, reception}
    operating: [{code, name, amount}]          # 机关运行经费 by 经济分类
    procurement: {goods, works, services}
    counts: {vehicles_official, vehicles_enforcement, vehicles_other, equipment_general, equipment_special,
             transfer_projects}                # numbers (上年末 vehicles and equipment; 专项转移支付 projects)
    texts: {overview, income, …, performance}  # the officer's paragraph at the end of a narrative section
    assets: [{kind, amount}]                   # 上年末固定资产
    last_year: {total, basic, abroad, vehicle_purchase, vehicle_operation, reception, operating}
    reasons: {total, basic, three_public, abroad, vehicle_purchase, vehicle_operation, reception, operating}
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from yusuan.compose.problems import Problems
from yusuan.model.budget import COUNT_ITEMS, DEPARTMENT_TARGETS, FUNDS, NARRATIVE_SECTIONS, PERFORMANCE_LEVEL1, \
    DEFAULT_PROJECT_ECONOMIC, AMOUNT_FIELDS, PROCUREMENT_ITEMS, PROJECT_TYPES, THREE_PUBLIC_ITEMS, UNIT_INCOME, ZERO, \
    Budget, FunctionRow, Profile, fund_key
from yusuan.model.disclosure import PROJECT_CODE
from yusuan.reference.economic_mapping import unit_kind

LAST_YEAR_KEYS = ("total", "basic", "abroad", "vehicle_purchase", "vehicle_operation", "reception", "operating")
REASON_KEYS = LAST_YEAR_KEYS + ("three_public",)
PERSONNEL_CLASSES = ("301", "303")  # 工资福利支出, 对个人和家庭的补助: 人员经费; the rest is 公用经费
_FUNCTION_CODE = re.compile(r"^\d{7}$")
_ECONOMIC_CODE = re.compile(r"^3\d{4}$")
_SURROGATE = re.compile("[\ud800-\udfff]")

Where = Callable[[str], str]


class Reader:
    """Reads values out of the data, reporting each bad one where it stands."""

    def __init__(self, where: Where, problems: Problems):
        self.where, self.problems = where, problems

    def text(self, value: Any, path: str, required: bool = False, label: str = "") -> str:
        s = "" if value is None else _SURROGATE.sub("\ufffd", str(value).strip())  # JSON may carry a lone '\ud800'
        if isinstance(value, float) and value.is_integer():
            s = str(int(value))
        if required and not s:
            self.problems.error(self.where(path), f"{label or path}不能为空")
        return s

    def amount(self, value: Any, path: str, label: str = "金额") -> Decimal:
        if value is None or (isinstance(value, str) and not value.strip()):
            return ZERO
        if isinstance(value, bool):
            self.problems.error(self.where(path), f"{label}应为数字，填写的是“{value}”")
            return ZERO
        try:
            d = Decimal(str(value).replace(",", "").replace("，", "").strip()) if not isinstance(value, Decimal) else value
        except InvalidOperation:
            self.problems.error(self.where(path), f"{label}应为数字（万元），填写的是“{value}”")
            return ZERO
        if not d.is_finite() or abs(d) >= Decimal(10) ** 12:  # a trillion 万元 is no unit's budget
            self.problems.error(self.where(path), f"{label}应为数字（万元），填写的是“{value}”")
            return ZERO
        if d < 0:
            self.problems.error(self.where(path), f"{label}不能为负数：{value}")
            return ZERO
        if d != d.quantize(Decimal("0.01")):
            if isinstance(value, float) and abs(d - d.quantize(Decimal("0.01"))) < Decimal("1e-9"):
                d = d.quantize(Decimal("0.01"))  # a spreadsheet's binary float of a two-decimal figure
            else:
                self.problems.error(self.where(path), f"{label}最多保留两位小数（万元）：{value}")
                return ZERO
        return d.quantize(Decimal("0.01"))

    def items(self, data: dict, key: str) -> list[tuple[str, dict]]:
        value = data.get(key) or []
        if not isinstance(value, list):
            self.problems.error(self.where(key), f"{key} 应为列表")
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((f"{key}[{i}]", item))
            else:
                self.problems.error(self.where(f"{key}[{i}]"), "应为一行数据（键值对）")
        return out

    def fund(self, value: Any, path: str) -> str:
        """资金来源 as typed: a fund key ('general' when blank); an unknown one is an error."""
        text = self.text(value, path)
        key = fund_key(text)
        if key is None:
            self.problems.error(self.where(path), f"资金来源应为{'、'.join(label for _, label in FUNDS)}之一，填写的是“{_cut(text)}”")
            return "general"
        return key

    def mapping(self, data: dict, key: str) -> dict:
        value = data.get(key) or {}
        if not isinstance(value, dict):
            self.problems.error(self.where(key), f"{key} 应为键值对")
            return {}
        return value


def _economic_known(code: str) -> bool:
    from yusuan.reference.catalogue import catalogue

    return bool(catalogue().economic.get(code))


def _section_texts(r: Reader, data: dict, key: str, problems: Problems, where: Where) -> dict[str, str]:
    """The officer's text per narrative section (`texts`: added at the end; `rewrites`: in place of
    the generated text); a section that does not exist is said, not dropped."""
    given = r.mapping(data, key)
    known = [k for k, _, _ in NARRATIVE_SECTIONS]
    for k in given:
        if k not in known and given[k] not in (None, ""):
            problems.error(where(f"{key}.{k}"), f"情况说明没有“{_cut(str(k))}”这一节（可填：{'、'.join(known)}）")
    return {k: r.text(given.get(k), f"{key}.{k}") for k in known if given.get(k) not in (None, "")}


def _paragraphs(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split("\n")
    return [str(x).strip() for x in items if str(x).strip()]


def _cut(text: str, n: int = 30) -> str:
    """What was typed, as a message quotes it: at most n characters."""
    return text if len(text) <= n else text[:n] + "…"


def _whole(value: Any) -> Any:
    """A whole number typed as a float or a decimal (Excel's 3.0, 4.108002200000001E+20) as an int;
    anything else, NaN and ∞ included (YAML .nan/.inf, JSON NaN), as it is."""
    if isinstance(value, (float, Decimal)) and not isinstance(value, bool):
        finite = value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
        if finite and value == int(value):
            return int(value)
    return value


def _count(value: Any, where: str, label: str, problems: Problems) -> int | None:
    """A number of vehicles or pieces of equipment: a whole number from 0, or nothing given."""
    if value is None or isinstance(value, str) and not value.strip():
        return None
    text = str(_whole(value)).strip()
    if isinstance(value, bool) or not (text.isascii() and text.isdigit()) or len(text) > 6:
        problems.error(where, f"{label}应为整数（数量），填写的是“{_cut(text)}”")
        return None
    return int(text)


def _task(line: str) -> tuple[str, str]:
    """'任务名称：主要内容' (or a name alone) as (任务名称, 主要内容)."""
    name, _, content = line.replace(":", "：", 1).partition("：")
    return name.strip(), content.strip()


def budget_from_dict(data: Any, problems: Problems, where: Where = lambda p: p) -> Budget | None:
    """The Budget the data describes, or None when the data is too broken to make one (problems say why)."""
    if not isinstance(data, dict):
        problems.error("", "输入内容应为键值对（unit、functions 等），不是一个列表或单个值")
        return None
    r = Reader(where, problems)
    unit = r.mapping(data, "unit")
    name = r.text(unit.get("name"), "unit.name", True, "单位名称")
    code = r.text(unit.get("code"), "unit.code")
    year_text = r.text(unit.get("year"), "unit.year", True, "预算年度")
    year = 0
    if year_text:
        if year_text.isascii() and year_text.isdigit() and 1990 <= int(year_text) <= 2100:  # not '2025²'
            year = int(year_text)
        else:
            problems.error(where("unit.year"), f"预算年度应为四位年份，填写的是“{year_text}”")
    scope_text = r.text(unit.get("scope"), "unit.scope") or "unit"
    scope = {"unit": "unit", "单位": "unit", "department": "department", "部门": "department"}.get(scope_text)
    if scope is None:
        problems.error(where("unit.scope"), f"编制范围应为“单位”或“部门”，填写的是“{scope_text}”")
        scope = "unit"
    unit_type = _unit_type(r, unit.get("type"), "unit.type", problems, where)
    month_text = r.text(unit.get("month"), "unit.month")
    month = int(month_text) if month_text.isascii() and month_text.isdigit() and len(month_text) <= 2 \
        and 1 <= int(month_text) <= 12 else 0
    if month_text and not month:
        problems.error(where("unit.month"), f"公开月份应为 1–12 的整数，填写的是“{_cut(month_text)}”")

    functions: list[FunctionRow] = []
    by_unit: dict[str, list[FunctionRow]] = {}  # a 部门's 项 rows by unit code
    listed_units = bool(data.get("units"))

    def own(value: Any) -> bool:
        """A 单位 budget's rows marked with its own unit code: the same as not marked."""
        return scope == "unit" and not listed_units and bool(code) and str(_whole(value) or "").strip() == code
    for path, item in r.items(data, "functions"):
        fcode = r.text(item.get("code"), f"{path}.code", True, "功能分类科目编码").replace(" ", "")
        if fcode and not _FUNCTION_CODE.match(fcode):
            problems.error(where(f"{path}.code"), f"功能分类科目编码应为 7 位数字（类 3 位、款 2 位、项 2 位），填写的是“{fcode}”")
        row = FunctionRow(fcode, r.text(item.get("name"), f"{path}.name", True, "科目名称"),
                          fund=r.fund(item.get("fund"), f"{path}.fund"))
        for f in AMOUNT_FIELDS:
            setattr(row, f, r.amount(item.get(f), f"{path}.{f}", FIELD_LABELS[f]))
        if row.total == 0 and fcode:
            problems.warn(where(path), f"科目 {fcode} 没有金额，已略去")
            continue
        functions.append(row)
        if item.get("unit") and not own(item.get("unit")):
            by_unit.setdefault(r.text(item.get("unit"), f"{path}.unit"), []).append(row)
    if by_unit and len(by_unit) < len(functions) and sum(len(v) for v in by_unit.values()) < len(functions):
        problems.error(where("functions"), "部分科目填写了所属单位、部分没有：要么每行都填单位编码，要么都不填")
    if not functions:
        problems.error(where("functions"), "没有任何支出功能分类科目的金额：至少需要一行")

    units_in = [(r.text(u.get("code"), f"{p}.code"), r.text(u.get("name"), f"{p}.name", True, "单位名称"))
                for p, u in r.items(data, "units")]
    unit_types = {c: _unit_type(r, u.get("type"), f"{p}.type", problems, where)
                  for (p, u), (c, _) in zip(r.items(data, "units"), units_in)}
    economic, economic_units, economic_funds = [], [], []
    for path, item in r.items(data, "economic"):
        ecode = r.text(item.get("code"), f"{path}.code", True, "经济分类科目编码").replace(" ", "")
        if ecode and not _ECONOMIC_CODE.match(ecode):
            problems.error(where(f"{path}.code"), f"部门预算支出经济分类科目编码应为 5 位数字（如 30101），填写的是“{ecode}”")
        amt = r.amount(item.get("amount"), f"{path}.amount")
        if amt:
            group = "personnel" if ecode[:3] in PERSONNEL_CLASSES else "public"
            economic.append((ecode, r.text(item.get("name"), f"{path}.name", True, "科目名称"), group, amt))
            eunit = "" if own(item.get("unit")) else r.text(item.get("unit"), f"{path}.unit")
            if eunit and eunit not in unit_types:
                problems.error(where(f"{path}.unit"), f"经济分类所属单位 {eunit} 不在“预算单位”表（units）中")
            economic_units.append(eunit)
            economic_funds.append(r.fund(item.get("fund"), f"{path}.fund"))
    kinds = {unit_kind(t) for t in unit_types.values() if t}
    if len(kinds) > 1 and not all(economic_units):
        problems.error(where("economic"), "所属单位中既有行政（参公）单位也有事业单位，两者的政府预算支出经济分类不同："
                                          "基本支出经济分类须按单位填写（unit）")

    projects, project_units, project_economic, project_codes, project_funds, defaulted = [], {}, {}, {}, {}, 0
    project_paths: dict[str, str] = {}  # project name -> where its 项目单位 was given
    for path, item in r.items(data, "projects"):
        typ = r.text(item.get("type"), f"{path}.type") or "其他运转类"
        if typ not in PROJECT_TYPES:
            problems.error(where(f"{path}.type"), f"项目类型应为“其他运转类”或“特定目标类”，填写的是“{typ}”")
        pname = r.text(item.get("name"), f"{path}.name", True, "项目名称")
        amt = r.amount(item.get("amount"), f"{path}.amount")
        if pname and any(pname == p[1] for p in projects):
            problems.error(where(f"{path}.name"), f"项目“{pname}”重复填写")
        projects.append((typ, pname, amt))
        pfund = r.fund(item.get("fund"), f"{path}.fund")
        if pfund != "general":
            project_funds[pname] = pfund
        if item.get("unit"):
            project_units[pname] = r.text(item.get("unit"), f"{path}.unit")
            project_paths[pname] = f"{path}.unit"
        raw = _whole(item.get("code"))  # a code Excel keeps as a number: its digits as they now are
        number = r.text(raw, f"{path}.code").replace(" ", "")
        if isinstance(raw, int) and not isinstance(raw, bool) and len(number) > 15:
            problems.error(where(f"{path}.code"), f"项目编码“{number}”被 Excel 存成了数字，超过 15 位的数字会丢失末尾的位数："
                                                  "请把该列设为文本格式（或在编码前加英文单引号 '）后重新输入")
        elif number and not PROJECT_CODE.match(number):  # (21 digits in Henan; a unit's code is shorter)
            problems.error(where(f"{path}.code"), f"项目编码应为预算系统中 9 位以上的数字编码（如 410800220000000053201），"
                                                  f"填写的是“{_cut(r.text(raw, f'{path}.code'))}”")
        elif number in project_codes.values():
            other = next(n for n, c in project_codes.items() if c == number)
            problems.error(where(f"{path}.code"), f"项目编码 {number} 已用于项目“{other}”：每个项目的编码不同")
        elif number:
            project_codes[pname] = number
        pcode = r.text(item.get("economic"), f"{path}.economic").replace(" ", "")
        if pcode and not _ECONOMIC_CODE.match(pcode):
            problems.error(where(f"{path}.economic"), f"项目的部门预算支出经济分类应为 5 位数字（如 30227），填写的是“{pcode}”")
        elif pcode and not _economic_known(pcode):
            problems.error(where(f"{path}.economic"), f"项目的经济分类 {pcode} 不在部门预算支出经济分类科目目录中，"
                                                      "支出经济分类汇总表无法写出它的名称：请核对编码（如 30227 委托业务费、31005 基础设施建设）")
        elif pcode:
            project_economic[pname] = pcode
        elif amt:
            defaulted += 1
    if defaulted:
        problems.warn(where("projects"), f"{defaulted} 个项目未填写经济分类，按 {DEFAULT_PROJECT_ECONOMIC} 其他商品和服务支出列示"
                                         "（可在项目的“经济分类”中改为实际科目，如 30227 委托业务费、31002 办公设备购置）")

    targets = []
    for path, item in r.items(data, "targets"):
        row = tuple(r.text(item.get(k), f"{path}.{k}", True, label)
                    for k, label in (("level1", "一级指标"), ("level2", "二级指标"), ("indicator", "三级指标"), ("value", "指标值")))
        project = r.text(item.get("project"), f"{path}.project", True, "项目名称")
        if project != DEPARTMENT_TARGETS and row[0] and row[0] not in PERFORMANCE_LEVEL1:
            problems.error(where(f"{path}.level1"), f"项目的一级指标应为{'、'.join(PERFORMANCE_LEVEL1)}之一，填写的是“{row[0]}”"
                                                    "（二级指标如数量指标、社会效益指标填在“二级指标”列）")
        targets.append((project, row))

    tp = r.mapping(data, "three_public")
    three_public = {k: r.amount(tp.get(k), f"three_public.{k}", label) for k, label in THREE_PUBLIC_ITEMS}
    operating = [(r.text(item.get("code"), f"{path}.code"), r.text(item.get("name"), f"{path}.name", True, "科目名称"),
                  r.amount(item.get("amount"), f"{path}.amount")) for path, item in r.items(data, "operating")]
    proc = r.mapping(data, "procurement")
    procurement = {k: r.amount(proc.get(k), f"procurement.{k}", f"政府采购{label}") for k, label in PROCUREMENT_ITEMS}
    texts, rewrites = (_section_texts(r, data, key, problems, where) for key in ("texts", "rewrites"))
    given = r.mapping(data, "counts")
    counts = {k: n for k, label, unit in COUNT_ITEMS
              if (n := _count(given.get(k), where(f"counts.{k}"), f"{label}（{unit}）", problems)) is not None}
    assets = [(r.text(item.get("kind"), f"{path}.kind", True, "资产类别"), r.amount(item.get("amount"), f"{path}.amount"))
              for path, item in r.items(data, "assets")]
    ly = r.mapping(data, "last_year")
    last_year = {k: r.amount(ly[k], f"last_year.{k}", "上年预算数") for k in LAST_YEAR_KEYS
                 if ly.get(k) not in (None, "")}
    reasons_in = r.mapping(data, "reasons")
    reasons = {k: r.text(reasons_in.get(k), f"reasons.{k}") for k in REASON_KEYS if reasons_in.get(k)}
    prof = r.mapping(data, "profile")
    profile = Profile(duties=_paragraphs(prof.get("duties")), institutions=_paragraphs(prof.get("institutions")),
                      staff=r.text(prof.get("staff"), "profile.staff"),
                      overall_goal=r.text(prof.get("overall_goal"), "profile.overall_goal"),
                      tasks=[_task(line) for line in _paragraphs(prof.get("tasks"))])

    total = sum((f.total for f in functions), ZERO)
    if not unit_type and not any(unit_types.values()):
        problems.warn(where("unit.type"), "未填写单位类型（行政、参公或事业），政府预算支出经济分类按事业单位列示"
                                          "（301 → 50501，302 → 50502）")
    b = Budget(unit_name=name, year=year, scope=scope, units=[], functions=functions, economic=economic,
               projects=projects, targets=targets, three_public=three_public, operating=operating, profile=profile,
               last_year=last_year, reasons=reasons, procurement=procurement, asset_items=assets, counts=counts,
               month=month, texts=texts, rewrites=rewrites,
               project_units=project_units, unit_type=unit_type, unit_types=unit_types,
               economic_units=economic_units, economic_funds=economic_funds, project_funds=project_funds,
               project_economic=project_economic, project_codes=project_codes)
    if by_unit:
        from yusuan.compose.consolidate import merge_functions

        names = dict(units_in)
        for ucode in by_unit:
            if ucode not in names:
                problems.error(where("units"), f"支出科目所属单位 {ucode} 不在“预算单位”表（units）中")
        b.unit_functions = by_unit
        b.functions = merge_functions(functions)
        b.units = [(c, n, sum((f.total for f in by_unit.get(c, [])), ZERO)) for c, n in units_in]
    elif units_in:
        problems.error(where("units"), "列出了所属单位，但支出科目没有填写所属单位（unit），无法得出各单位的金额")
    else:
        b.units = [(code or "", name, total)]
    _project_units(b, project_paths, problems, where)
    _income(r, data, b, problems, where)
    return b


INCOME_FIELDS = [(k, label) for k, label in UNIT_INCOME] + [(f"carry_{k}", f"上年结转结余·{label}") for k, label in FUNDS]


def _income(r: Reader, data: dict, b: Budget, problems: Problems, where: Where) -> None:
    """The `income` rows: each unit's 单位资金 by source and 上年结转结余 by fund (one row per unit; a
    单位 budget's row needs no unit code)."""
    codes = {c for c, _, _ in b.units}
    single = b.units[0][0] if len(b.units) == 1 else None
    for path, item in r.items(data, "income"):
        unit = r.text(item.get("unit"), f"{path}.unit").replace(" ", "")
        if not unit and single is not None:
            unit = single
        elif unit not in codes:
            problems.error(where(f"{path}.unit"), f"收入来源的所属单位“{_cut(unit)}”不在单位列表中"
                                                  + ("（部门预算每行须填单位编码）" if not unit else ""))
            continue
        if unit in b.unit_income or unit in b.carryover:
            problems.error(where(f"{path}.unit"), f"单位 {unit or b.unit_name} 的收入来源重复填写（每个单位一行）")
            continue
        sources = {k: v for k, label in UNIT_INCOME if (v := r.amount(item.get(k), f"{path}.{k}", label))}
        carry = {k[6:]: v for k, label in INCOME_FIELDS[len(UNIT_INCOME):]
                 if (v := r.amount(item.get(k), f"{path}.{k}", label))}
        if sources:
            b.unit_income[unit] = sources
        if carry:
            b.carryover[unit] = carry


def _project_units(b: Budget, paths: dict[str, str], problems: Problems, where: Where) -> None:
    """Each project's 项目单位 is one of the budget's units (by name, or by its code, which becomes the
    name), and each unit's projects add up to the project money of its 支出功能分类 rows."""
    names = {n for _, n, _ in b.units}
    by_code = {c: n for c, n, _ in b.units if c}
    for pname, unit in list(b.project_units.items()):
        if unit in names:
            continue
        if unit.replace(" ", "") in by_code:
            b.project_units[pname] = by_code[unit.replace(" ", "")]
            continue
        listed = "、".join(sorted(names)) or b.unit_name
        problems.error(where(paths.get(pname, "projects")), f"项目“{pname}”的项目单位“{unit}”不是本预算的单位（可填：{listed}，"
                                                            "或其单位编码）")
    if not b.unit_functions or problems.errors:
        return
    for ucode, uname, _ in b.units:
        want = sum((f.project for f in b.unit_functions.get(ucode, [])), ZERO)
        listed = sum((a for _, p, a in b.projects if b.project_unit(p) == uname), ZERO)
        if want != listed:
            problems.error(where("projects"), f"项目单位为“{uname}”的项目合计 {listed:,.2f} 万元，支出功能分类中该单位的项目支出 "
                                              f"{want:,.2f} 万元，两者应相等（请核对各项目的“项目单位”）")


def _unit_type(r: Reader, value: Any, path: str, problems: Problems, where: Where) -> str:
    text = r.text(value, path)
    if text and unit_kind(text) is None:
        problems.error(where(path), f"单位类型应为“行政”“参公”或“事业”，填写的是“{text}”")
        return ""
    return text


FIELD_LABELS = {"salaries": "工资福利支出", "family": "对个人和家庭的补助", "goods": "商品和服务支出", "capital": "资本性支出",
                "project_operating": "其他运转类项目支出", "project_specific": "特定目标类项目支出"}


def budget_to_dict(b: Budget) -> dict:
    """The YAML/JSON form of a Budget (what `budget_from_dict` reads)."""
    def num(v: Decimal) -> str:
        return str(v)

    return {
        "unit": {"name": b.unit_name, "code": b.units[0][0] if len(b.units) == 1 else "", "year": b.year,
                 "scope": b.scope, **({"type": b.unit_type} if b.unit_type else {}),
                 **({"month": b.month} if b.month else {})},
        "profile": {"duties": b.profile.duties, "institutions": b.profile.institutions, "staff": b.profile.staff,
                    "overall_goal": b.profile.overall_goal,
                    **({"tasks": "\n".join(f"{t}：{c}" if c else t for t, c in b.profile.tasks)} if b.profile.tasks else {})},
        "units": [{"code": c, "name": n, **({"type": b.unit_types[c]} if b.unit_types.get(c) else {})}
                  for c, n, _ in b.units] if b.scope == "department" else [],
        "functions": [{"code": f.code, "name": f.name, **{k: num(getattr(f, k)) for k in AMOUNT_FIELDS}, **({"unit": u} if u else {}),
                       **({"fund": _fund_label(f.fund)} if f.fund != "general" else {})}
                      for u, rows in (b.unit_functions.items() if b.unit_functions else [("", b.functions)]) for f in rows],
        "economic": [{"code": c, "name": n, "amount": num(a),
                      **({"unit": b.economic_units[i]} if i < len(b.economic_units) and b.economic_units[i] else {}),
                      **({"fund": _fund_label(b.economic_fund(i))} if b.economic_fund(i) != "general" else {})}
                     for i, (c, n, _, a) in enumerate(b.economic)],
        "projects": [{"type": t, "name": n, "amount": num(a), "unit": b.project_unit(n),
                      **({"economic": b.project_economic[n]} if n in b.project_economic else {}),
                      **({"code": b.project_codes[n]} if n in b.project_codes else {}),
                      **({"fund": _fund_label(b.project_fund(n))} if b.project_fund(n) != "general" else {})}
                     for t, n, a in b.projects],
        "income": [{**({"unit": u} if b.scope == "department" else {}),
                    **{k: num(b.unit_income.get(u, {}).get(k, ZERO)) for k, _ in UNIT_INCOME},
                    **{f"carry_{k}": num(b.carryover.get(u, {}).get(k, ZERO)) for k, _ in FUNDS}}
                   for u in sorted(set(b.unit_income) | set(b.carryover))],
        "targets": [{"project": p, "level1": t[0], "level2": t[1], "indicator": t[2], "value": t[3]} for p, t in b.targets],
        "three_public": {k: num(b.tp(k)) for k, _ in THREE_PUBLIC_ITEMS},
        "operating": [{"code": c, "name": n, "amount": num(a)} for c, n, a in b.operating],
        "procurement": {k: num(b.procurement.get(k, ZERO)) for k, _ in PROCUREMENT_ITEMS},
        "counts": dict(b.counts),
        "texts": dict(b.texts),
        "rewrites": dict(b.rewrites),
        "assets": [{"kind": k, "amount": num(v)} for k, v in b.assets],
        "last_year": {k: num(v) for k, v in b.last_year.items()},
        "reasons": dict(b.reasons),
    }


def _fund_label(key: str) -> str:
    return dict(FUNDS).get(key, key)


def blank_dict(year: int, scope: str) -> dict:
    """The YAML/JSON form with nothing filled in but the year and scope: every key present."""
    return {"unit": {"name": "", "code": "", "year": year, "scope": scope, "type": "", "month": ""},
            "profile": {"duties": [], "institutions": [], "staff": "", "overall_goal": "", "tasks": ""},
            "units": [], "functions": [], "economic": [], "projects": [], "targets": [], "income": [],
            "three_public": {k: "0.00" for k, _ in THREE_PUBLIC_ITEMS}, "operating": [],
            "procurement": {k: "0.00" for k, _ in PROCUREMENT_ITEMS}, "assets": [], "last_year": {}, "reasons": {},
            "counts": {k: None for k, _, _ in COUNT_ITEMS}, "texts": {k: "" for k, _, _ in NARRATIVE_SECTIONS},
            "rewrites": {k: "" for k, _, _ in NARRATIVE_SECTIONS}}
