"""The narrative of a disclosure (概况, 预算情况说明, 名词解释) written from a Budget's figures.

Every amount, share and change is computed from the same figures the tables print and rounded
the way the tables are read: a share is part / whole rounded half up to 0.01%, a change is this
year − last year with its percentage of last year and the matching direction word. So the
text agrees with the tables by construction, and `yusuan check` finds nothing to object to."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from yusuan.model.budget import COUNT_ITEMS, FISCAL_FUNDS, NARRATIVE_SECTIONS, PROCUREMENT_ITEMS, UNIT_INCOME, ZERO, Budget
from yusuan.render.layout import cn_ordinal


@dataclass(frozen=True)
class Block:
    """One piece of the narrative: a part title (第一部分), a heading (一、), a subheading (（一）) or a paragraph."""
    kind: str  # part | heading | subheading | text
    text: str


def wan(v: Decimal) -> str:
    """An amount in 万元 as narratives print it: two decimals, no thousands separator."""
    return f"{v.quantize(Decimal('0.01'), ROUND_HALF_UP)}"


def share(part: Decimal, whole: Decimal) -> str:
    if not whole:
        return "0.00"
    return f"{(part / whole * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}"


def change(b: Budget, key: str, this: Decimal, *, lead: str | None = None) -> str:
    """'，比2024年预算数增加5.41万元，增长6.63%，主要原因是…' (empty when last year's figure is unknown);
    `lead` replaces '比2024年预算数'."""
    last = b.last(key)
    if last is None:
        return ""
    d = this - last
    reason = _reason(b, key)
    why = f"，主要原因是{reason}" if reason else ""
    if d == 0:
        return f"，与{b.year - 1}年预算数持平{why}"  # the officer's reason is kept here too
    word, rate = ("增加", "增长") if d > 0 else ("减少", "下降")
    pct = f"，{rate}{share(abs(d), last)}%" if last else ""
    return f"，{lead or f'比{b.year - 1}年预算数'}{word}{wan(abs(d))}万元{pct}{why}"


def _reason(b: Budget, key: str) -> str:
    """The officer's reason for a change; 公务用车购置及运行费 takes those of its two parts."""
    if key == "vehicle_total" and not b.reasons.get(key):
        parts = [k for k in ("vehicle_purchase", "vehicle_operation") if b.last_year.get(k) not in (None, b.tp(k))]
        return "；".join(r for r in (_reason(b, k) for k in parts) if r)
    return b.reasons.get(key, "").strip().rstrip("。；;")


def profile(b: Budget, ph: dict) -> list[Block]:
    p = b.profile
    out = [Block("part", "第一部分"), Block("part", f"{b.unit_name}概况"), Block("heading", "一、主要职能")]
    duties = p.duties or [ph["default_duty"].format(unit=b.unit_name)]
    out += [Block("subheading", "（一）主要职责")] + [Block("text", d) for d in duties]
    if p.institutions or p.staff:
        out.append(Block("subheading", "（二）机构设置情况"))
        out += [Block("text", x) for x in p.institutions]
        if p.staff:
            out.append(Block("text", p.staff))
    out.append(Block("heading", f"二、{b.unit_name}预算单位构成"))
    if b.scope == "department":
        names = "、".join(n + ("本级" if n == b.unit_name else "") for _, n, _ in b.units)  # the 部门's own unit is its 本级
        out.append(Block("text", f"纳入{b.unit_name}{b.year}年部门预算编制范围的预算单位包括：{names}。"))
    else:
        out.append(Block("text", f"本预算为{b.unit_name}本级预算。"))
    return out


def explanation(b: Budget, ph: dict) -> list[Block]:
    """第二部分 预算情况说明, in the usual ten sections."""
    y, who, total = b.year, b.who, b.total
    basic, project = b.sum("basic"), b.sum("project")
    out = [Block("part", "第二部分"), Block("part", f"{b.unit_name}{y}年度{who}预算情况说明")]

    def section(title: str, *texts: str) -> None:
        out.append(Block("heading", title))
        out.extend(Block("text", t) for t in texts if t)

    section("一、收入支出预算总体情况说明",
            f"{y}年收入总计{wan(total)}万元，支出总计{wan(total)}万元"
            + change(b, "total", total, lead=f"与{y - 1}年相比，收、支总计各") + "。")
    current = b.current_total
    own = [(label, b.source(k)) for k, label in UNIT_INCOME if b.source(k)]  # each as 01表 prints it
    sources = [("一般公共预算收入", b.current("general")), ("政府性基金预算收入", b.current("gov_fund")),
               ("国有资本经营预算收入", b.current("state_capital")), ("财政专户管理资金收入", b.current("special"))]
    sources += own or [("单位资金收入", ZERO)]
    carry = b.carry()
    section("二、收入预算总体情况说明",
            f"{y}年收入合计{wan(current)}万元，其中：" + "；".join(
                f"{label}{wan(v)}万元" + (f"，占{share(v, current)}%" if v else "") for label, v in sources) + "。"
            + (f"另有上年结转结余{wan(carry)}万元。" if carry else ""))
    section("三、支出预算总体情况说明",
            f"{y}年支出合计{wan(total)}万元，其中：基本支出{wan(basic)}万元，占{share(basic, total)}%；"
            f"项目支出{wan(project)}万元，占{share(project, total)}%。")
    fiscal = b.fiscal_total
    parts = [("一般公共预算拨款", b.current("general")), ("政府性基金预算拨款", b.current("gov_fund")),
             ("国有资本经营预算拨款", b.current("state_capital"))]
    fiscal_carry = sum((b.carry(k) for k in FISCAL_FUNDS), ZERO)
    section("四、财政拨款收入支出预算总体情况说明",
            f"{y}年财政拨款收支总预算{wan(fiscal)}万元，其中：" + "；".join(f"{label}{wan(v)}万元" for label, v in parts)
            + (f"；上年财政拨款结转{wan(fiscal_carry)}万元" if fiscal_carry else "") + "。")
    general = b.unit_spending("general")
    classes = "；".join(f"{n}{wan(v)}万元，占{share(v, general)}%" for _, n, v in b.class_totals("general"))
    section("五、一般公共预算支出预算情况说明",
            f"{y}年一般公共预算支出年初预算为{wan(general)}万元" + (f"。主要用于以下方面：{classes}。" if classes else "。"))
    # each item once: a 部门 of 行政 and 事业 units lists a code once per kind of unit
    general_economic = [e for i, e in enumerate(b.economic) if b.economic_fund(i) == "general"]
    personnel_items = "、".join(dict.fromkeys(n for _, n, g, _ in general_economic if g == "personnel"))
    public_items = "、".join(dict.fromkeys(n for _, n, g, _ in general_economic if g == "public"))
    gbasic, gpersonnel, gpublic = b.general("basic"), b.general("personnel"), b.general("public")
    section("六、一般公共预算基本支出预算情况说明",
            f"{y}年一般公共预算基本支出{wan(gbasic)}万元"
            + change(b, "basic", gbasic) + "。其中："
            + f"人员经费{wan(gpersonnel)}万元" + (f"，主要包括：{personnel_items}" if personnel_items else "")
            + f"；公用经费{wan(gpublic)}万元" + (f"，主要包括：{public_items}" if public_items else "") + "。")
    for title, fund, money in (("七、政府性基金预算支出预算情况说明", "gov_fund", "政府性基金预算"),
                               ("八、国有资本经营预算支出预算情况说明", "state_capital", "国有资本经营预算")):
        spent = b.unit_spending(fund)
        if not spent:
            section(title, ph["no_fund"].format(who=who, year=y, fund=money))
            continue
        used = "；".join(f"{n if n.endswith('支出') else n + '支出'}{wan(v)}万元" for _, n, v in b.class_totals(fund))
        section(title, f"本{who}{y}年{money}支出{wan(spent)}万元，主要用于：{used}。")
    out += three_public(b)
    out += other_matters(b, ph)
    return out


def three_public(b: Budget) -> list[Block]:
    y = b.year
    return [
        Block("heading", "九、“三公”经费支出预算情况说明"),
        Block("text", f"{b.unit_name}{y}年“三公”经费支出预算为{wan(b.three_public_total)}万元"
                      + change(b, "three_public", b.three_public_total) + "。具体支出情况如下："),
        Block("text", f"（一）因公出国（境）费{wan(b.tp('abroad'))}万元" + change(b, "abroad", b.tp("abroad")) + "。"),
        Block("text", f"（二）公务用车购置及运行费{wan(b.vehicle_total)}万元"
              + change(b, "vehicle_total", b.vehicle_total)
              + f"。其中：公务用车购置费{wan(b.tp('vehicle_purchase'))}万元"
              + change(b, "vehicle_purchase", b.tp("vehicle_purchase"))
              + f"；公务用车运行维护费{wan(b.tp('vehicle_operation'))}万元"
              + change(b, "vehicle_operation", b.tp("vehicle_operation")) + "。"),
        Block("text", f"（三）公务接待费{wan(b.tp('reception'))}万元" + change(b, "reception", b.tp("reception")) + "。"),
    ]


def _counts(b: Budget) -> str:
    """车辆共有N辆，其中：… and the large equipment, as the samples state them; only what was given."""
    c = b.counts
    vehicles = [(k, label, unit) for k, label, unit in COUNT_ITEMS if k.startswith("vehicles") and k in c]
    parts = []
    if vehicles:
        parts.append(f"车辆共有{sum(c[k] for k, _, _ in vehicles)}辆，其中：" + "，".join(f"{label}{c[k]}{unit}" for k, label, unit in vehicles))
    equipment = [f"{label}{c[k]}{unit}" for k, label, unit in COUNT_ITEMS if k.startswith("equipment") and k in c]
    if equipment:
        parts.append("，".join(equipment))
    return "；".join(parts) + "。" if parts else ""


def _operating_items(b: Budget) -> str:
    """What the 机关运行经费 pays for, from its own lines (the largest first), not a fixed phrase."""
    items = sorted(((a, n) for _, n, a in b.operating if a > 0 and n), key=lambda x: -x[0])
    names = list(dict.fromkeys(n for _, n in items))
    if not names:
        return "日常公用支出"
    return "、".join(names[:4]) + ("等支出" if len(names) > 4 else "支出")


def other_matters(b: Budget, ph: dict) -> list[Block]:
    y, who, total = b.year, b.who, b.total
    op = b.operating_total
    proc = b.procurement
    assets = b.assets
    asset_total = sum((v for _, v in assets), ZERO)
    out = [Block("heading", "十、其他重要事项的情况说明"),
           Block("subheading", "（一）机关（机构）运行经费支出情况"),
           Block("text", f"{y}年{b.unit_name}机关（机构）运行经费支出预算{wan(op)}万元"
                 + change(b, "operating", op) + (ph["operating_purpose"].format(items=_operating_items(b)) if op else
                                                 ph["no_operating"].format(who=who))),
           Block("subheading", "（二）政府采购支出情况"),
           Block("text", f"{y}年政府采购预算安排{wan(b.procurement_total)}万元，其中："
                 + "、".join(f"政府采购{label}预算{wan(proc.get(k, ZERO))}万元" for k, label in PROCUREMENT_ITEMS) + "。"),
           Block("subheading", "（三）国有资产占用情况"),
           Block("text", f"上年期末，{b.unit_name}固定资产总额{wan(asset_total)}万元"
                 + ("，其中，" + "，".join(f"{k}{wan(v)}万元" for k, v in assets) if assets else "") + "。"
                 + _counts(b)),
           Block("subheading", "（四）关于预算绩效管理工作开展情况说明"),
           Block("text", f"{y}年，本{who}纳入预算绩效管理的支出总额为{wan(total)}万元。其中："
                 + (f"人员经费支出{wan(b.sum('personnel'))}万元；公用经费支出{wan(b.sum('public'))}万元；"
                    if b.funds_used <= {"general"} else f"基本支出{wan(b.sum('basic'))}万元；")  # 06 is 一般公共预算 only
                 + f"项目支出{wan(b.sum('project'))}万元，涉及项目{len(b.projects)}个。"
                 + (f"{b.profile.overall_goal.rstrip('。')}。" if b.profile.overall_goal else ""))]
    out += [Block("text", line) for line in _key_projects(b)]
    if "transfer_projects" in b.counts:
        out += [Block("subheading", "（五）专项转移支付项目情况"),
                Block("text", f"本{who}负责管理的专项转移支付项目共有{b.counts['transfer_projects']}项。")]
    return out


KEY_PROJECTS = 2  # the 重点项目 the narrative names: the largest 特定目标类 projects


def _key_projects(b: Budget) -> list[str]:
    """重点项目一：…，年初预算安排N万元。 for the largest 特定目标类 projects (as the samples name them)."""
    specific = sorted(((a, n) for t, n, a in b.projects if t == "特定目标类" and a > 0), key=lambda x: -x[0])
    return [f"重点项目{cn_ordinal(k)}：{n}，年初预算安排{wan(a)}万元。" for k, (a, n) in enumerate(specific[:KEY_PROJECTS], 1)]


def phrases(template: str = "henan") -> dict:
    """The narrative's fixed wording of a template (reference/data/templates/*-budget.yaml, key
    `phrases`), Henan's where the template has none of its own."""
    from yusuan.reference.templates import templates

    own = templates().get(f"{template}-budget")
    return {**templates()["henan-budget"].phrases, **(own.phrases if own else {})}


def glossary(ph: dict) -> list[Block]:
    return [Block("part", "第三部分 名词解释")] + [Block("text", f"{cn_ordinal(i)}、{g}") for i, g in enumerate(ph["glossary"], 1)]


def narrative_blocks(b: Budget, template: str = "henan") -> list[Block]:
    """The narrative in the template's wording, with the officer's own texts."""
    ph = phrases(template)
    return with_officer_texts(profile(b, ph) + explanation(b, ph) + glossary(ph), b.texts, b.rewrites)


def with_officer_texts(blocks: list[Block], texts: dict[str, str], rewrites: dict[str, str] | None = None) -> list[Block]:
    """The officer's own paragraphs: a section's rewrite in place of its generated text, then the
    added paragraph at its end (what the officer writes is checked like any narrative before
    rendering: a wrong figure stops it)."""
    out = list(blocks)
    for key, heading, _ in NARRATIVE_SECTIONS:
        start = next((i for i, x in enumerate(out) if x.kind in ("heading", "subheading") and x.text.startswith(heading)), None)
        if start is None:
            continue
        end = next((i for i in range(start + 1, len(out)) if out[i].kind in ("heading", "subheading", "part")), len(out))
        rewrite, added = (_paragraph_blocks(m.get(key)) for m in (rewrites or {}, texts))
        if rewrite:
            out[start + 1:end] = rewrite
            end = start + 1 + len(rewrite)
        out[end:end] = added
    return out


def _paragraph_blocks(text: str | None) -> list[Block]:
    return [Block("text", line.strip()) for line in (text or "").split("\n") if line.strip()]


def narrative_lines(b: Budget) -> list[str]:
    return [x.text for x in narrative_blocks(b)]
