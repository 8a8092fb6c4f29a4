"""A random budget whose identities hold exactly (every total is the sum of its parts)."""

from __future__ import annotations

import random
from decimal import Decimal

from yusuan.model.budget import CENT, Budget, FunctionRow


# (code, name, which columns it may use)
FUNCTION_POOL = [
    ("2010301", "行政运行", "basic"), ("2010302", "一般行政管理事务", "project"), ("2010350", "事业运行", "mixed"),
    ("2011350", "事业运行", "mixed"), ("2050803", "培训支出", "goods"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "salaries"), ("2080506", "机关事业单位职业年金缴费支出", "salaries"),
    ("2080599", "其他行政事业单位养老支出", "family"), ("2101101", "行政单位医疗", "salaries"),
    ("2101102", "事业单位医疗", "salaries"), ("2101103", "公务员医疗补助", "salaries"),
    ("2210201", "住房公积金", "salaries"), ("2130101", "行政运行", "basic"), ("2130104", "事业运行", "mixed"),
    ("2240106", "安全监管", "project"),
]
CLASS_NAMES = {"201": "一般公共服务", "205": "教育", "208": "社会保障和就业", "210": "卫生健康", "213": "农林水事务",
               "221": "住房保障支出", "224": "灾害防治及应急管理"}
# 款 of the pool's 项 (政府收支分类科目), for templates that print 类 and 款 subtotal rows
KUAN_NAMES = {"20103": "政府办公厅（室）及相关机构事务", "20113": "商贸事务", "20508": "进修及培训",
              "20805": "行政事业单位养老支出", "21011": "行政事业单位医疗", "21301": "农业农村",
              "22102": "住房改革支出", "22401": "应急管理事务"}
ECON_CLASS_NAMES = {"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "310": "资本性支出"}
INDICATORS = [("产出指标", "数量指标", "运维系统数量", "≥9个"), ("产出指标", "质量指标", "验收合格率", "≥95%"),
              ("产出指标", "时效指标", "完成时限", "≤12月"), ("效益指标", "社会效益指标", "服务效率提升程度", "明显"),
              ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"),
              ("成本指标", "经济成本指标", "项目成本控制率", "≤100%")]
PERSONNEL_ECON = [("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"), ("30107", "绩效工资"),
                  ("30108", "机关事业单位基本养老保险缴费"), ("30110", "职工基本医疗保险缴费"), ("30113", "住房公积金")]
FAMILY_ECON = [("30302", "退休费"), ("30399", "其他对个人和家庭的补助")]
PUBLIC_ECON = [("30201", "办公费"), ("30202", "印刷费"), ("30211", "差旅费"), ("30216", "培训费"),
               ("30217", "公务接待费"), ("30228", "工会经费"), ("30229", "福利费"), ("30231", "公务用车运行维护费")]
CAPITAL_ECON = [("31002", "办公设备购置"), ("31003", "专用设备购置"), ("31007", "信息网络及软件购置更新")]
PROJECT_NAMES = ["信息化运维经费", "专项业务工作经费", "政务公开工作经费", "培训宣传经费", "平台建设维护费",
                 "档案数字化经费", "课题研究经费", "执法装备购置"]
UNIT_NAMES = ["市数据管理中心", "市政务服务中心", "市信息安全中心", "市电子商务服务中心", "市档案馆"]


def _split(total_cents: int, n: int, rng: random.Random, allow_zero: bool = False) -> list[int]:
    if n == 1:
        return [total_cents]
    lo = 0 if allow_zero else 1
    if total_cents < n * lo:
        return [total_cents] + [0] * (n - 1)
    cuts = sorted(rng.sample(range(lo, total_cents - lo + 1), n - 1)) if total_cents - 2 * lo + 1 >= n - 1 else [total_cents] * (n - 1)
    parts = [b - a for a, b in zip([0] + cuts, cuts + [total_cents])]
    return parts


def money(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


# what projects are booked as (部门预算支出经济分类 款 of 302 商品和服务支出)
PROJECT_ECON = ("30299", "30299", "30227", "30226", "30213", "30201")


def generate(seed: int | None = None, units: int | None = None, year: int | None = None) -> Budget:
    rng = random.Random(seed)
    n_units = units if units is not None else rng.choice([1, 1, 2, 3])
    year = year or rng.choice([2022, 2023, 2024, 2025])
    scope = "department" if n_units > 1 else "unit"
    dept_code = str(rng.randint(101, 199))
    names = rng.sample(UNIT_NAMES, n_units)
    unit_name = "焦作" + names[0].replace("中心", "管理局") if scope == "department" else "焦作" + names[0]

    personnel_c = rng.randint(50_00, 2_000_00)
    family_c = rng.choice([0, rng.randint(1_00, 60_00)])
    public_c = rng.randint(2_00, 120_00)
    capital_c = rng.choice([0, 0, rng.randint(50, 30_00)])
    project_c = rng.choice([0, rng.randint(1_00, 200_00)])
    specific_c = rng.choice([0, rng.randint(0, project_c)]) if project_c > 1_00 else 0
    operating_c = project_c - specific_c

    pool = rng.sample(FUNCTION_POOL, rng.randint(3, 7))
    if not any(p[2] in ("basic", "mixed", "salaries") for p in pool):
        pool.append(("2010301", "行政运行", "basic"))
    pool = sorted({p[0]: p for p in pool}.values())
    rows = [FunctionRow(code, name) for code, name, _ in pool]
    kinds = {code: k for code, _, k in pool}

    def targets(*allowed: str) -> list[FunctionRow]:
        t = [r for r in rows if kinds[r.code] in allowed]
        return t or [r for r in rows if kinds[r.code] in ("basic", "mixed")] or rows[:1]

    for attr, cents, allowed in (("salaries", personnel_c, ("basic", "mixed", "salaries")),
                                 ("family", family_c, ("family", "basic")),
                                 ("goods", public_c, ("basic", "mixed", "goods")),
                                 ("capital", capital_c, ("basic", "mixed")),
                                 ("project_operating", operating_c, ("project", "mixed")),
                                 ("project_specific", specific_c, ("project", "mixed"))):
        if cents == 0:
            continue
        tg = targets(*allowed)
        for r, part in zip(tg, _split(cents, len(tg), rng)):
            setattr(r, attr, money(part))

    rows[:] = [r for r in rows if r.total != 0]
    economic = []
    for group, cents, pool_e in (("personnel", personnel_c, PERSONNEL_ECON), ("personnel", family_c, FAMILY_ECON),
                                 ("public", public_c, PUBLIC_ECON), ("public", capital_c, CAPITAL_ECON)):
        if cents == 0:
            continue
        picks = rng.sample(pool_e, min(len(pool_e), rng.randint(1, 4), cents))  # never an item of 0.00
        for (code, name), part in zip(picks, _split(cents, len(picks), rng)):
            economic.append((code, name, group, money(part)))

    projects = []
    names_left = rng.sample(PROJECT_NAMES, len(PROJECT_NAMES))
    for typ, cents in (("其他运转类", operating_c), ("特定目标类", specific_c)):
        if cents:
            k = min(rng.randint(1, 3), cents)  # never a project of 0.00: a published table lists none
            for name, part in zip([names_left.pop() for _ in range(k)], _split(cents, k, rng)):
                projects.append((typ, name, money(part)))

    # the unit type and the projects' economic classes from a generator of their own: the figures of
    # a seed stay what they were before these were added
    kind_rng = random.Random(f"unit-type-{seed}")
    budget = Budget(unit_name=unit_name, year=year, scope=scope, units=[], functions=rows,
                    economic=economic, projects=projects, unit_type=kind_rng.choice(["行政", "参公", "事业", "事业"]),
                    project_economic={name: kind_rng.choice(PROJECT_ECON) for _, name, _ in projects})
    total_c = int(budget.total * 100)
    unit_parts = _split(total_c, n_units, rng)
    for i, (nm, part) in enumerate(zip(names, unit_parts)):
        budget.units.append((f"{dept_code}{i + 1:01d}01", "焦作" + nm, money(part)))

    purchase = money(rng.choice([0, 0, rng.randint(1_00, 30_00)]))
    operation = money(rng.choice([0, rng.randint(10, 800)]))
    reception = money(rng.choice([0, rng.randint(10, 500)]))
    budget.three_public = {"abroad": Decimal("0.00"), "vehicle_purchase": purchase, "vehicle_operation": operation,
                           "reception": reception}
    economic[:] = _within_three_public(economic, budget.three_public)
    ops = [e for e in economic if e[2] == "public"][:3]
    budget.operating = [(c, n, a) for c, n, _, a in ops]
    for _, pname, _ in projects:  # drawn last, so earlier draws stay as they were for a seed
        for ind in rng.sample(INDICATORS, rng.randint(2, 4)):
            budget.targets.append((pname, ind))
    _last_year(budget, rng)
    return budget


def _within_three_public(economic: list[tuple], tp: dict[str, Decimal]) -> list[tuple]:
    """A basic 30217 公务接待费 or 30231 公务用车运行维护费 larger than its 三公 figure (which covers it)
    is booked as 30299 其他商品和服务支出 instead: the amounts stay, so every other figure of a seed does."""
    caps = {"30217": tp.get("reception", Decimal("0.00")), "30231": tp.get("vehicle_operation", Decimal("0.00"))}
    out: list[tuple] = []
    for code, name, group, amt in economic:
        if code in caps and amt > caps[code]:
            code, name = "30299", "其他商品和服务支出"
        same = next((k for k, e in enumerate(out) if e[0] == code), None)
        if same is None:
            out.append((code, name, group, amt))
        else:
            out[same] = out[same][:3] + (out[same][3] + amt,)
    return out


REASONS = {"total": "人员增加和信息化项目调整", "basic": "人员调资及社保缴费基数调整", "three_public": "严格落实过紧日子要求",
           "abroad": "无因公出国（境）计划", "vehicle_purchase": "按计划更新公务用车", "vehicle_operation": "压减车辆运行支出",
           "reception": "压减公务接待活动", "operating": "厉行节约，压减日常公用支出"}


def _last_year(b: Budget, rng: random.Random) -> None:
    """上年预算数, 增减原因, 政府采购 and 国有资产 (drawn last, so the figures above stay as they were for a seed)."""
    def near(v: Decimal) -> Decimal:
        if v == 0:
            return money(rng.choice([0, 0, rng.randint(10, 500)]))
        return money(max(0, int(v * 100 * Decimal(rng.uniform(0.7, 1.3)))))
    b.last_year = {"total": near(b.total), "basic": near(b.sum("basic")), "operating": near(b.operating_total)}
    b.last_year.update({k: near(v) for k, v in b.three_public.items()})
    b.reasons = {k: v for k, v in REASONS.items() if rng.random() < 0.8 or k not in ("total", "basic", "operating")}
    goods = rng.choice([0, rng.randint(10, int(b.sum("public") * 100) + 10)])
    b.procurement = {"goods": money(goods), "works": Decimal("0.00"), "services": money(rng.choice([0, rng.randint(10, 2000)]))}


def with_every_fund(b: Budget, seed: int, unit_type: str = "事业") -> Budget:
    """A generated 单位 budget that also spends money of every other kind, as a 事业单位 with its own
    income does: 单位资金 (事业收入, 其他收入…) paying salaries and goods, a 政府性基金 and a 国有资本经营
    project, a 财政专户 item, and 上年结转结余 of 一般公共预算 and 单位资金. Its own generator: the
    一般公共预算 figures of the seed stay as they were."""
    rng = random.Random(f"funds-{seed}")
    b.unit_type = unit_type
    salaries, goods = money(rng.randint(5_00, 300_00)), money(rng.randint(1_00, 80_00))
    special = money(rng.randint(1_00, 40_00))
    code, name = ("2060499", "其他技术研究与开发支出") if unit_type == "事业" else ("2010399", "其他政府办公厅（室）及相关机构事务支出")
    b.functions.append(FunctionRow(code, name, salaries=salaries, goods=goods, fund="unit"))
    b.functions.append(FunctionRow(code, name, goods=special, fund="special"))
    b.economic += [("30101", "基本工资", "personnel", salaries), ("30201", "办公费", "public", goods + special)]
    b.economic_funds = ["general"] * (len(b.economic) - 2) + ["unit", "special"]
    b.economic[-1:] = [("30201", "办公费", "public", goods), ("30201", "办公费", "public", special)]
    b.economic_funds[-1:] = ["unit", "special"]
    b.economic_funds = b.economic_funds[:len(b.economic)]
    for fund, fcode, fname, pname in (("gov_fund", "2120803", "城市建设支出", "城市基础设施维护项目"),
                                      ("state_capital", "2230105", "国有企业退休人员社会化管理补助支出", "退休人员社会化管理补助")):
        amount = money(rng.randint(5_00, 150_00))
        b.functions.append(FunctionRow(fcode, fname, project_specific=amount, fund=fund))
        b.projects.append(("特定目标类", pname, amount))
        b.project_funds[pname] = fund
        b.project_economic[pname] = "30227" if fund == "gov_fund" else "30305"
        b.targets += [(pname, ("产出指标", "数量指标", "完成项目数", "1个")), (pname, ("效益指标", "社会效益指标", "服务对象满意度", "≥90%"))]
    code = b.units[0][0] if b.units else ""
    own = salaries + goods
    carry_unit = money(rng.randint(0, int(own * 30)))  # at most 30% carried over
    general = b.unit_spending("general")
    carry_general = money(rng.randint(0, int(general * 20)))
    business = own - carry_unit
    other = money(rng.randint(0, int(business * 30)))
    b.unit_income = {code: {k: v for k, v in (("business", business - other), ("other", other)) if v}}
    b.carryover = {code: {k: v for k, v in (("general", carry_general), ("unit", carry_unit)) if v}}
    b.units = [(c, n, b.total) for c, n, _ in b.units[:1]]
    return b
