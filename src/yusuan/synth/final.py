"""Synthetic 部门决算: the final accounts of a generated budget (its 年初预算), consistent by
construction, in the national nine-table template and its variants, with the 情况说明 a
district's 决算 prints (年初预算 vs 决算 per item with the completion rate and direction word,
三公 预算数 vs 决算数, 机关运行经费, 政府采购).

Layout variants, drawn per document: the 合计 row first or last; the 基本支出决算表 in two
side-by-side halves (人员经费 | 公用经费) or as one list; ordinals on the two-sided tables or not;
a 全年预算 (adjusted budget) stated beside the 年初预算 or not; 年初/年末结转和结余 or none."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from yusuan.model.budget import Budget
from yusuan.render.layout import Page, cn_ordinal
from yusuan.synth.budget import CLASS_NAMES, KUAN_NAMES, generate

FINAL_STYLES = ("tabs", "markdown")  # the text styles that keep the grid (blank cells stay blank)
CENT = Decimal("0.01")
ZERO = Decimal("0.00")

INCOME_COLUMNS = ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
USE_COLUMNS = ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
PURPOSES = {"行政运行": "行政单位人员支出、公用支出", "事业运行": "事业单位人员支出、公用支出",
            "一般行政管理事务": "行政单位项目支出", "培训支出": "干部教育培训支出",
            "机关事业单位基本养老保险缴费支出": "行政事业单位养老保险支出",
            "机关事业单位职业年金缴费支出": "行政事业单位职业年金支出", "其他行政事业单位养老支出": "退休人员活动支出",
            "行政单位医疗": "行政单位医疗保险支出", "事业单位医疗": "事业单位医疗保险支出",
            "公务员医疗补助": "公务员医疗补助支出", "住房公积金": "住房公积金支出", "安全监管": "安全监管项目支出"}
UNDER_REASONS = ["严格落实过紧日子要求，压减一般性支出", "人员变动引起实际支出低于预算", "部分项目年末未完成政府采购流程",
                 "年中社会保险缴费基数调整"]
OVER_REASONS = ["年中追加专项任务经费", "人员增加及调资"]


def _money(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def _cents(v: Decimal) -> int:
    return int((v * 100).to_integral_value())


def pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(CENT, ROUND_HALF_UP) if whole else ZERO


def class_name(code: str) -> str:
    name = CLASS_NAMES[code]
    return name if name.endswith("支出") else name + "支出"


@dataclass
class Item:
    """One 项 of the 一般公共预算财政拨款支出: its 年初预算, 全年预算 and 决算 (基本 | 项目)."""

    code: str
    name: str
    budget: Decimal
    adjusted: Decimal
    basic: Decimal
    project: Decimal

    @property
    def final(self) -> Decimal:
        return self.basic + self.project


@dataclass
class FinalAccounts:
    unit_name: str
    year: int
    scope: str
    items: list[Item]
    economic: list[tuple[str, str, str, Decimal]]  # code, name, personnel/public, 决算数
    three_public: dict[str, tuple[Decimal, Decimal]]  # key -> (预算数, 决算数)
    last_total: Decimal  # 上年决算 收入支出总计
    last_operating: Decimal
    procurement: dict[str, Decimal]
    carry_start: Decimal = ZERO
    year_end: Decimal = ZERO
    adjusted_stated: bool = False
    layout: dict[str, bool] = field(default_factory=dict)

    def sum(self, attr: str, items: list[Item] | None = None) -> Decimal:
        return sum((getattr(i, attr) for i in (self.items if items is None else items)), ZERO)

    @property
    def expenditure(self) -> Decimal:  # 本年支出合计
        return self.sum("final")

    @property
    def income(self) -> Decimal:  # 本年收入合计 (all 财政拨款)
        return self.expenditure + self.year_end - self.carry_start

    @property
    def grand_total(self) -> Decimal:  # 总计
        return self.income + self.carry_start

    @property
    def personnel(self) -> Decimal:
        return sum((a for _, _, g, a in self.economic if g == "personnel"), ZERO)

    @property
    def public(self) -> Decimal:
        return sum((a for _, _, g, a in self.economic if g == "public"), ZERO)

    @property
    def who(self) -> str:
        return "部门" if self.scope == "department" else "单位"


def _scale(amounts: list[Decimal], total: Decimal) -> list[Decimal]:
    """Amounts scaled to sum exactly to `total` (largest remainder, in cents)."""
    base = sum(amounts, ZERO)
    want = _cents(total)
    if base == 0:
        return [_money(want)] + [ZERO] * (len(amounts) - 1)
    raw = [Decimal(_cents(a)) * want / _cents(base) for a in amounts]
    cents = [int(r) for r in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - cents[i], reverse=True)[: want - sum(cents)]:
        cents[i] += 1
    return [_money(c) for c in cents]


def final_of(b: Budget, seed: int | None = None) -> FinalAccounts:
    """The 决算 of budget `b`: each 项 spent at 85–100% of its 年初预算 (now and then exactly, or
    above it with a 全年预算 that covers it), the 基本支出 spread over the budget's economic items."""
    rng = random.Random(seed if seed is not None else _cents(b.total) * 31 + b.year)
    items = []
    for f in b.functions:
        def spent(v: Decimal) -> Decimal:
            if v == 0:
                return ZERO
            r = rng.random()
            factor = Decimal(1) if r < 0.3 else Decimal(rng.randint(850, 999)) / 1000 if r < 0.9 else \
                Decimal(rng.randint(1001, 1080)) / 1000
            return _money(max(1, _cents(v * factor)))
        basic, project = spent(f.basic), spent(f.project)
        adjusted = max(f.total, basic + project) if rng.random() < 0.5 else f.total
        items.append(Item(f.code, f.name, f.total, adjusted, basic, project))
    basic = sum((i.basic for i in items), ZERO)
    econ = b.economic or [("30201", "办公费", "public", basic)]
    scaled = _scale([a for *_, a in econ], basic)
    economic = [(c, n, g, a) for (c, n, g, _), a in zip(econ, scaled)]
    three = {}
    for key in ("abroad", "vehicle_purchase", "vehicle_operation", "reception"):
        budget = b.tp(key)
        final = ZERO if budget == 0 else _money(_cents(budget) * rng.randint(40, 100) // 100)
        three[key] = (budget, final)
    layout = {"total_last": rng.random() < 0.4, "basic_halves": rng.random() < 0.7, "ordinals": rng.random() < 0.7}
    carry = _money(rng.choice([0, 0, rng.randint(1_00, 50_00)]))
    year_end = _money(rng.choice([0, 0, rng.randint(1_00, 30_00)])) if carry else ZERO
    fa = FinalAccounts(unit_name=b.unit_name, year=b.year, scope=b.scope, items=items, economic=economic,
                       three_public=three, last_total=ZERO, last_operating=ZERO,
                       procurement={k: v for k, v in b.procurement.items()}, carry_start=carry, year_end=year_end,
                       adjusted_stated=any(i.adjusted != i.budget for i in items), layout=layout)
    fa.last_total = _money(max(1_00, _cents(fa.grand_total * Decimal(rng.randint(80, 120)) / 100)))
    fa.last_operating = _money(max(1, _cents(fa.public * Decimal(rng.randint(85, 115)) / 100)))
    return fa


def generate_final(seed: int | None = None) -> FinalAccounts:
    return final_of(generate(seed), seed)


# --- writing ------------------------------------------------------------------------------

def _m(out: Page, v: Decimal | None) -> str:
    return out.money(v)


def _classes(fa: FinalAccounts) -> list[tuple[str, str, list[Item]]]:
    codes = sorted({i.code[:3] for i in fa.items})
    return [(c, class_name(c), [i for i in fa.items if i.code[:3] == c]) for c in codes]


def _coded_rows(fa: FinalAccounts, out: Page, cells) -> list[list[str]]:
    """类 / 款 / 项 rows of the function classification, each with `cells(items)`."""
    rows = []
    for cls, name, in_cls in _classes(fa):
        rows.append([cls, name] + cells(in_cls))
        for kuan in sorted({i.code[:5] for i in in_cls}):
            in_kuan = [i for i in in_cls if i.code[:5] == kuan]
            rows.append([kuan, KUAN_NAMES[kuan]] + cells(in_kuan))
            rows += [[i.code, i.name] + cells([i]) for i in in_kuan]
    return rows


def _with_total(fa: FinalAccounts, total: list[str], rows: list[list[str]]) -> list[list[str]]:
    return rows + [total] if fa.layout.get("total_last") else [total] + rows


def _ord(fa: FinalAccounts, n: int, text: str) -> str:
    return f"{cn_ordinal(n)}、{text}" if fa.layout.get("ordinals") else text


def write_final(b_or_fa, style: str = "tabs") -> str:
    """A 部门决算 as extracted text (`style`: tabs or markdown keep the grid)."""
    if style not in FINAL_STYLES:
        raise ValueError(f"决算只能写成 {'、'.join(FINAL_STYLES)} 文本样式：{style}")
    fa = b_or_fa if isinstance(b_or_fa, FinalAccounts) else final_of(b_or_fa)
    out = Page(style)
    m = lambda v: _m(out, v)  # noqa: E731
    y = fa.year
    out.text(f"{fa.unit_name}{y}年度{fa.who}决算", "", "目录", "第一部分 部门概况", "第二部分 部门决算表",
             "第三部分 部门决算情况说明", "第四部分 名词解释", "")
    out.text("第一部分 部门概况", f"{fa.unit_name}主要职能是承担本行业的管理和服务工作。", "")
    out.text("第二部分 部门决算表", f"{fa.unit_name}{y}年度部门决算表", "")
    meta = "单位：万元"
    classes = _classes(fa)
    numbers = iter(range(1, 20))

    def label() -> str:  # 附表1…附表9: where the office writers cut the tables
        return f"附表{next(numbers)}"
    E, I = fa.expenditure, fa.income

    # 1 收入支出决算表
    left = [(_ord(fa, 1, "一般公共预算财政拨款收入"), I), (_ord(fa, 2, "政府性基金预算财政拨款收入"), None),
            (_ord(fa, 3, "国有资本经营预算财政拨款收入"), None), (_ord(fa, 4, "上级补助收入"), None),
            (_ord(fa, 5, "事业收入"), None), (_ord(fa, 6, "经营收入"), None), (_ord(fa, 7, "附属单位上缴收入"), None),
            (_ord(fa, 8, "其他收入"), None)]
    right = [(_ord(fa, k + 1, name), fa.sum("final", its)) for k, (_, name, its) in enumerate(classes)]
    rows = [[lt, m(lv), rt, m(rv)] for (lt, lv), (rt, rv) in _pairs(left, right)]
    rows += [["本年收入合计", m(I), "本年支出合计", m(E)], ["使用非财政拨款结余", "", "结余分配", ""],
             ["年初结转和结余", m(fa.carry_start), "年末结转和结余", m(fa.year_end)],
             ["总计", m(fa.grand_total), "总计", m(fa.grand_total)]]
    out.table(label(), "收入支出决算表", fa.unit_name, [["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"]], rows,
              two_sided=True, meta=meta, note="注：本表反映部门本年度的总收支和年末结转结余情况。")

    # 2 收入决算表
    first = max(fa.items, key=lambda i: i.final)

    def income_cells(its):  # what was received beyond the spending stays with the largest 项 (年末结转)
        v = fa.sum("final", its) + ((I - E) if first in its else ZERO)
        return [m(v), m(v), "", "", "", "", ""]
    total = ["", "合计"] + [m(I), m(I), "", "", "", "", ""]
    rows = _coded_rows(fa, out, income_cells)
    out.table(label(), "收入决算表", fa.unit_name, [["科目编码", "科目名称", *INCOME_COLUMNS]], _with_total(fa, total, rows),
              meta=meta, note="注：本表反映部门本年度取得的各项收入情况。")

    # 3 支出决算表
    def use_cells(its):
        return [m(fa.sum("final", its)), m(fa.sum("basic", its)), m(fa.sum("project", its)), "", "", ""]
    total = ["", "合计"] + use_cells(fa.items)
    out.table(label(), "支出决算表", fa.unit_name, [["科目编码", "科目名称", *USE_COLUMNS]],
              _with_total(fa, total, _coded_rows(fa, out, use_cells)), meta=meta,
              note="注：本表反映部门本年度各项支出情况。")

    # 4 财政拨款收入支出决算表
    left = [(_ord(fa, 1, "一般公共预算财政拨款"), I), (_ord(fa, 2, "政府性基金预算财政拨款"), None),
            (_ord(fa, 3, "国有资本经营预算财政拨款"), None)]
    right = [(_ord(fa, k + 1, name), fa.sum("final", its)) for k, (_, name, its) in enumerate(classes)]
    rows = [[lt, m(lv), rt, m(rv), m(rv), "", ""] for (lt, lv), (rt, rv) in _pairs(left, right)]
    rows += [["本年收入合计", m(I), "本年支出合计", m(E), m(E), "", ""],
             ["年初财政拨款结转和结余", m(fa.carry_start), "年末财政拨款结转和结余", m(fa.year_end), m(fa.year_end), "", ""],
             ["总计", m(fa.grand_total), "总计", m(fa.grand_total), m(fa.grand_total), "", ""]]
    out.table(label(), "财政拨款收入支出决算表", fa.unit_name,
              [["收入", "", "支出", "", "", "", ""],
               ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]],
              rows, two_sided=True, meta=meta, note="注：本表反映部门本年度财政拨款总收支和结转结余情况。")

    # 5 一般公共预算财政拨款支出决算表
    def gpb_cells(its):
        return [m(fa.sum("final", its)), m(fa.sum("basic", its)), m(fa.sum("project", its))]
    total = ["", "合计"] + gpb_cells(fa.items)
    out.table(label(), "一般公共预算财政拨款支出决算表", fa.unit_name, [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
              _with_total(fa, total, _coded_rows(fa, out, gpb_cells)), meta=meta,
              note="注：本表反映部门本年度一般公共预算财政拨款支出情况。")

    # 6 一般公共预算财政拨款基本支出决算表
    personnel = [e for e in fa.economic if e[2] == "personnel"]
    public = [e for e in fa.economic if e[2] == "public"]

    def econ_rows(entries):
        rows = []
        for cls in sorted({c[:3] for c, *_ in entries}):
            mine = [e for e in entries if e[0][:3] == cls]
            rows.append([cls, _ECON_CLASS[cls], m(sum((a for *_, a in mine), ZERO))])
            rows += [[c, n, m(a)] for c, n, _, a in sorted(mine)]
        return rows
    left, right = econ_rows(personnel), econ_rows(public)
    if fa.layout.get("basic_halves"):
        n = max(len(left), len(right))
        left += [["", "", ""]] * (n - len(left))
        right += [["", "", ""]] * (n - len(right))
        rows = [a + b for a, b in zip(left, right)]
        rows.append(["人员经费合计", "", m(fa.personnel), "公用经费合计", "", m(fa.public)])
        head = [["经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"]]
    else:
        rows = [["", "合计", m(fa.personnel + fa.public)]] + left + right
        head = [["经济分类科目编码", "科目名称", "决算数"]]
    out.table(label(), "一般公共预算财政拨款基本支出决算表", fa.unit_name, head, rows, meta=meta,
              note="注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。")

    # 7 财政拨款“三公”经费支出决算表
    tp = fa.three_public
    vt = (tp["vehicle_purchase"][0] + tp["vehicle_operation"][0], tp["vehicle_purchase"][1] + tp["vehicle_operation"][1])
    tt = (tp["abroad"][0] + vt[0] + tp["reception"][0], tp["abroad"][1] + vt[1] + tp["reception"][1])
    head = [["合计", "", "因公出国（境）费", "", "公务用车购置及运行维护费", "", "", "", "", "", "公务接待费", ""],
            ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行维护费", "", "", ""],
            ["预算数", "决算数"] * 6]
    row = [m(v) if v else "0.00" for pair in (tt, tp["abroad"], vt, tp["vehicle_purchase"], tp["vehicle_operation"],
                                             tp["reception"]) for v in pair]
    out.table(label(), "财政拨款“三公”经费支出决算表", fa.unit_name, head, [row] if tt[0] or tt[1] else [], meta=meta,
              note="注：本表反映部门本年度“三公”经费支出预决算情况。" + (
                  "" if tt[0] or tt[1] else f"\n说明：{fa.unit_name}本年度没有财政拨款“三公”经费支出，故本表无数据。"))

    # 8, 9 政府性基金 / 国有资本经营: empty, with their notes
    for title, what in (("政府性基金预算财政拨款收入支出决算表", "政府性基金预算"),
                        ("国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算")):
        out.table(label(), title, fa.unit_name, [["科目编码", "科目名称", "年初结转和结余", "本年收入", "本年支出", "", "",
                                             "年末结转和结余"], ["", "", "", "", "合计", "基本支出", "项目支出", ""]], [],
                  meta=meta, note=f"说明：{fa.unit_name}本年度没有{what}财政拨款收入和支出，故本表无数据。")
    out.text("")
    out.text(*narrative_final(fa))
    return "\n".join(out.lines) + "\n"


_ECON_CLASS = {"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "310": "资本性支出"}


def _pairs(left, right):
    n = max(len(left), len(right))
    return [(left[i] if i < len(left) else ("", None), right[i] if i < len(right) else ("", None)) for i in range(n)]


def _change(now: Decimal, last: Decimal, what: str, y: int) -> str:
    d = now - last
    if d == 0:
        return f"与{y - 1}年度相比，{what}持平。"
    word, rate = ("增加", "增长") if d > 0 else ("减少", "下降")
    return f"与{y - 1}年度相比，{what}{word}{abs(d):.2f}万元，{rate}{pct(abs(d), last)}%。主要原因：业务工作量变化。"


def _versus(final: Decimal, base: Decimal, reason: str) -> str:
    if final == base:
        return "决算数同预算数持平。"
    return f"决算数{'大于' if final > base else '小于'}预算数的主要原因：{reason}。"


def narrative_final(fa: FinalAccounts) -> list[str]:
    y, u = fa.year, fa.unit_name
    E, I, G = fa.expenditure, fa.income, fa.grand_total
    basic, project = fa.sum("basic"), fa.sum("project")
    lines = [f"第三部分 {u}{y}年度部门决算情况说明", "一、收入支出决算总体情况说明",
             f"{u}{y}年度收入支出总计{G:.2f}万元。" + _change(G, fa.last_total, "收入支出总计", y),
             "二、收入决算情况说明", f"本年收入合计{I:.2f}万元，其中：财政拨款收入{I:.2f}万元，占100.00%。",
             "三、支出决算情况说明",
             f"本年支出合计{E:.2f}万元，其中：基本支出{basic:.2f}万元，占{pct(basic, E)}%；"
             f"项目支出{project:.2f}万元，占{pct(project, E)}%。",
             "四、财政拨款收入支出决算总体情况说明",
             f"{u}{y}年度财政拨款收入支出总计{G:.2f}万元。" + _change(G, fa.last_total, "财政拨款收入支出总计", y),
             "五、一般公共预算财政拨款支出决算情况说明", "（一）一般公共预算财政拨款支出决算总体情况",
             f"一般公共预算财政拨款支出{E:.2f}万元，占本年支出合计的100.00%。", "（二）一般公共预算财政拨款支出决算结构情况"]
    parts = [f"{name}（类）{fa.sum('final', its):.2f}万元，占{pct(fa.sum('final', its), E)}%" for _, name, its in _classes(fa)]
    lines.append(f"一般公共预算财政拨款支出{E:.2f}万元，主要用于以下方面：" + "；".join(parts) + "。")
    lines.append("（三）一般公共预算财政拨款支出决算具体情况")
    budget, adjusted = fa.sum("budget"), fa.sum("adjusted")
    rng = random.Random(_cents(E))
    if fa.adjusted_stated:
        head = (f"一般公共预算财政拨款支出年初预算为{budget:.2f}万元，全年预算为{adjusted:.2f}万元，支出决算为{E:.2f}万元，"
                f"完成全年预算的{pct(E, adjusted)}%。")
        base_total = adjusted
    else:
        head = f"一般公共预算财政拨款支出年初预算为{budget:.2f}万元，支出决算为{E:.2f}万元，完成年初预算的{pct(E, budget)}%。"
        base_total = budget
    lines.append(head + _versus(E, base_total, rng.choice(UNDER_REASONS if E < base_total else OVER_REASONS)) + "其中：")
    for k, it in enumerate(fa.items, 1):
        kuan = KUAN_NAMES[it.code[:5]]
        text = f"{k}、{class_name(it.code[:3])}（类）{kuan}（款）{it.name}（项）。主要用于：{PURPOSES.get(it.name, '本单位相关支出')}。"
        if fa.adjusted_stated:
            base, word = it.adjusted, "全年预算"
            text += f"年初预算为{it.budget:.2f}万元，全年预算为{it.adjusted:.2f}万元，"
        else:
            base, word = it.budget, "年初预算"
            text += f"年初预算为{it.budget:.2f}万元，"
        text += f"支出决算为{it.final:.2f}万元"
        text += f"，完成{word}的{pct(it.final, base)}%。" if base else "。"
        reason = rng.choice(UNDER_REASONS if it.final < base else OVER_REASONS)
        lines.append(text + _versus(it.final, base, reason))
    lines += ["六、一般公共预算财政拨款基本支出决算情况说明",
              f"一般公共预算财政拨款基本支出{basic:.2f}万元，其中：人员经费{fa.personnel:.2f}万元，主要包括："
              + "、".join(n for _, n, g, _ in fa.economic if g == "personnel") + f"；公用经费{fa.public:.2f}万元，主要包括："
              + "、".join(n for _, n, g, _ in fa.economic if g == "public") + "。"]
    tp = fa.three_public
    tb = sum((v[0] for v in tp.values()), ZERO)
    tf = sum((v[1] for v in tp.values()), ZERO)
    lines += ["七、财政拨款“三公”经费支出决算情况说明", "（一）“三公”经费财政拨款支出决算总体情况说明"]
    if tb or tf:
        vb = tp["vehicle_purchase"][0] + tp["vehicle_operation"][0]
        vf = tp["vehicle_purchase"][1] + tp["vehicle_operation"][1]
        rate = lambda f, b: f"，完成预算的{pct(f, b)}%" if b else ""  # noqa: E731
        lines.append(f"“三公”经费财政拨款支出年初预算为{tb:.2f}万元，支出决算为{tf:.2f}万元{rate(tf, tb)}，其中："
                     f"因公出国（境）费决算为{tp['abroad'][1]:.2f}万元{rate(tp['abroad'][1], tp['abroad'][0])}；"
                     f"公务用车购置及运行维护费支出决算为{vf:.2f}万元{rate(vf, vb)}；"
                     f"公务接待费支出决算为{tp['reception'][1]:.2f}万元{rate(tp['reception'][1], tp['reception'][0])}。"
                     + (f"{y}年度“三公”经费支出决算数小于预算数的主要原因：严格落实中央八项规定，控制“三公”经费支出。"
                        if tf < tb else ""))
    else:
        lines.append(f"{u}{y}年度无“三公”经费财政拨款支出。")
    goods, works, services = (fa.procurement.get(k, ZERO) for k in ("goods", "works", "services"))
    procurement = goods + works + services
    projects = sum(1 for i in fa.items if i.project)
    lines += ["八、政府性基金预算财政拨款收入支出决算情况说明", f"{u}{y}年度无政府性基金预算财政拨款收入和支出。",
              "九、国有资本经营预算财政拨款收入支出决算情况说明", f"{u}{y}年度无国有资本经营预算财政拨款收入和支出。",
              "十、其他重要事项的情况说明", "（一）机关运行经费支出情况",
              f"{y}年度本部门机关运行经费支出{fa.public:.2f}万元。" + _change(fa.public, fa.last_operating, "机关运行经费支出", y),
              "（二）政府采购支出情况",
              f"{u}{y}年度政府采购金额（以合同签订为准）为{procurement:.2f}万元，其中：货物采购金额{goods:.2f}万元、"
              f"工程采购金额{works:.2f}万元、服务采购金额{services:.2f}万元。",
              "（三）国有资产占用情况", f"截至{y}年12月31日，{u}共有车辆0辆。单价100万元（含）以上设备（不含车辆）0台（套）。",
              "（四）预算绩效管理情况",
              f"全过程绩效管理实施情况：编报绩效目标的{y}年度项目{projects}个，涉及预算金额{fa.sum('project'):.2f}万元。",
              "第四部分 名词解释", "一、财政拨款收入：指本级财政当年拨付的资金。"]
    return lines
