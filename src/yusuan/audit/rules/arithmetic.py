"""表内计算: totals inside one table equal the sum of their parts.

The identities are the tables' declarations (reference/data/tables.yaml) evaluated once by
`recognise.verify`, the same evaluation that decided whether each table was read right: a rule
here only turns the failing checks of its code into findings.
"""

from __future__ import annotations

from yusuan.audit.context import Ctx
from yusuan.audit.registry import rule
from yusuan.model.disclosure import Row, Table, TableKind as K
from yusuan.model.rounding import fmt
from yusuan.recognise.verify import Check, keyed
from yusuan.reference.tables import declarations, role_label

SUMMARY_TABLES = (K.SUMMARY, K.FISCAL_SUMMARY)
WHY_ROW = "表内各列之间的勾稽关系是预算编报的基本要求；不平说明数字抄错、漏填或列错位。"


def _row_name(table: Table, row: Row) -> str:
    return f"{table.title}“{row.label or '合计'}”行"


def _what(ctx: Ctx, c: Check) -> tuple[str, str]:
    t = c.table
    if c.kind == "row":
        wholes = "、".join(ctx.column_label(t, w.role, c.row) for w in c.wholes)
        parts = "、".join(ctx.column_label(t, p.role, c.row) for p in c.parts) or "各部分"
        return f"{_row_name(t, c.row)}的{wholes}", parts
    if c.kind == "column":
        return f"{t.title}合计行的{ctx.column_label(t, c.role, c.row)}", "各明细行"
    if c.kind == "subtotal":
        return f"{t.title}“{c.subject}”的{ctx.column_label(t, c.role, c.row)}", "其下各科目"
    if c.kind == "group":
        return f"{t.title}“{c.subject}”", "所属各类"
    return f"{t.title}{c.subject}", c.text.split(" = ", 1)[-1]


def check_findings(ctx: Ctx, code: str):
    """Findings of the failing checks reported under `code`."""
    for c in ctx.checks():
        if c.rule != code or c.holds:
            continue
        wholes = [ctx.term(c.table, t) for t in c.wholes]
        parts = [f for f in (ctx.term(c.table, t) for t in c.parts) if f.printed]
        what, parts_what = _what(ctx, c)
        whole = c.whole_value
        yield ctx.finding(code, f"{what} {fmt(whole)} 万元，不等于{parts_what}之和 {fmt(c.parts_value)} 万元，"
                                f"相差 {fmt(c.difference)} 万元", [f for f in wholes if f.printed] + parts,
                          expected=c.parts_value, actual=whole)


def identity_rule(code: str, name: str, title: str, bad: str, good: str, why: str = WHY_ROW):
    """Register the rule that reports the checks of `code` (declared in tables.yaml)."""
    def check(ctx: Ctx):
        yield from check_findings(ctx, code)
    rule(code, name, "arithmetic", "error", title, why, bad, good)(check)


identity_rule("YS101", "row-basic-plus-project", "支出类表格每行：合计 = 基本支出 + 项目支出（决算表另加上缴上级、经营、对附属单位补助支出）",
              "201 03 01 行政运行 合计 100.00，基本支出 80.00，项目支出 10.00", "合计 90.00，基本支出 80.00，项目支出 10.00")
identity_rule("YS102", "row-personnel-plus-public", "支出类表格每行：基本支出 = 人员经费 + 公用经费（表中有这两列时）",
              "基本支出 80.00，人员经费 70.00，公用经费 5.00", "基本支出 80.00，人员经费 75.00，公用经费 5.00")
identity_rule("YS103", "row-basic-by-economic-class",
              "支出类表格每行：基本支出 = 工资福利支出 + 对个人和家庭的补助 + 商品和服务支出 + 资本性支出（没有人员经费、公用经费小计列时）",
              "基本支出 65.66，工资福利 63.22，商品和服务 2.40", "基本支出 65.66，工资福利 63.22，商品和服务 2.44")
identity_rule("YS104", "row-personnel-by-class", "支出类表格每行：人员经费 = 工资福利支出 + 对个人和家庭的补助",
              "人员经费 1,065.80，工资福利 1,009.53，对个人和家庭的补助 50.27", "对个人和家庭的补助 56.27")
identity_rule("YS105", "row-public-by-class", "支出类表格每行：公用经费 = 商品和服务支出 + 资本性支出",
              "公用经费 77.25，商品和服务支出 72.25", "公用经费 77.25，商品和服务支出 77.25")
identity_rule("YS106", "row-project-by-kind", "支出类表格每行：项目支出 = 其他运转类 + 特定目标类",
              "项目支出 6.20，其他运转类 6.02", "项目支出 6.20，其他运转类 6.20")
identity_rule("YS107", "row-economic-personnel-plus-public", "基本支出（经济分类）表每行：合计 = 人员经费 + 公用经费",
              "30101 基本工资 合计 21.77，人员经费 21.70", "30101 基本工资 合计 21.77，人员经费 21.77")
identity_rule("YS108", "three-public-total", "“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费（预算数、决算数各自成立）",
              "合计 12.00，出国 0，公务用车 6.00，接待 5.00", "合计 12.00，出国 0，公务用车 6.00，接待 6.00")
identity_rule("YS109", "three-public-vehicle", "公务用车购置及运行费 = 公务用车购置费 + 公务用车运行费",
              "公务用车购置及运行费 6.00，购置 0，运行 5.00", "公务用车购置及运行费 6.00，运行 6.00")
identity_rule("YS110", "list-row-by-fund", "项目支出表、基本支出明细表每行：合计 = 各资金来源之和",
              "信息采集加工费 合计 0.80，一般公共预算 0.08", "合计 0.80，一般公共预算 0.80")
identity_rule("YS111", "income-row-current-plus-carryover", "收入表每行：总计 = 本年收入合计 + 上年结转结余",
              "总计 87.02，本年收入 80.02，上年结转 0", "总计 87.02，本年收入 87.02")
identity_rule("YS112", "income-row-by-source", "收入表每行：本年收入合计 = 各收入来源之和",
              "本年收入 87.02，一般公共预算 78.02", "本年收入 87.02，一般公共预算 87.02")
identity_rule("YS113", "column-total-function-rows", "支出类表格：合计行每一列 = 各明细（最细一级科目）行之和",
              "合计 87.02，明细行合计 86.02", "合计 87.02，明细行合计 87.02",
              "合计行与明细行对不上，说明有明细漏列、重复或抄错。")
identity_rule("YS114", "column-total-economic-rows", "经济分类表格（基本支出表、经济分类汇总表、机关运行经费表）：合计行每一列 = 各款行之和",
              "合计 1.37，各款 0.20+0.10+0.24+0.10+0.33+0.20=1.17", "公务接待费 0.40，各款之和 1.37",
              "合计行与明细行对不上，说明有明细漏列、重复或抄错。")
identity_rule("YS115", "column-total-list-rows", "项目支出表、基本支出明细表、收入表：合计行 = 各项目（单位、科目）行之和",
              "合计 92.27，各项目之和 91.47", "合计 92.27，各项目之和 92.27",
              "合计行与明细行对不上，说明有明细漏列、重复或抄错。")
identity_rule("YS116", "subtotal-rows", "类、款小计行 = 其下各款（项）行之和（支出功能分类与经济分类）",
              "201 一般公共服务支出 100.00；20103 … 60.00；20113 … 30.00", "201 一般公共服务支出 90.00",
              "按科目层级汇总是预算表的结构要求；小计与明细不符说明明细遗漏或小计抄错。")
identity_rule("YS117", "summary-current-income", "收支总表、财政拨款收支表：本年收入合计 = 各项收入之和",
              "本年收入合计 87.02；一般公共预算 80.02", "本年收入合计 87.02；一般公共预算 87.02",
              "本年收入由各资金来源组成，合计与来源之和不符说明来源漏列或合计抄错。")
identity_rule("YS118", "summary-income-total", "收支总表、财政拨款收支表：收入总计 = 本年收入合计 + 上年结转结余（决算：+ 年初结转和结余 + 使用非财政拨款结余）",
              "收入总计 87.02；本年收入合计 80.00；上年结转 0", "收入总计 87.02；本年收入合计 87.02",
              "总计口径包含上年结转；不符说明结转漏列或总计错误。")
identity_rule("YS119", "summary-expenditure-total", "收支总表、财政拨款收支表：支出总计 = 本年支出合计 + 年终（年末）结转结余（决算：+ 结余分配）",
              "支出总计 87.02；本年支出合计 86.02", "支出总计 87.02；本年支出合计 87.02",
              "支出总计包含年终结转结余；不符说明结转漏列或总计错误。")
identity_rule("YS120", "summary-current-expenditure", "收支总表、财政拨款收支表：本年支出合计 = 各功能分类（类）支出之和",
              "本年支出合计 87.02；一般公共服务 71.86，教育 0.33 …（合计 86.02）", "各类之和 87.02",
              "本年支出按功能分类列示，合计与各类之和不符说明有类漏列或抄错。")
identity_rule("YS122", "fiscal-row-by-fund", "财政拨款收支表支出每行：合计 = 一般公共预算 + 政府性基金 + 国有资本经营 + 财政专户管理资金 + 单位资金",
              "（一）一般公共服务支出 合计 133.16，一般公共预算 131.16", "合计 133.16，一般公共预算 133.16")
identity_rule("YS123", "performance-funds", "项目绩效目标表每个项目：资金总额 = 政府预算资金 + 财政专户管理资金 + 单位资金",
              "信息采集加工费 资金总额 0.80，政府预算资金 1.80", "资金总额 0.80，政府预算资金 0.80")
identity_rule("YS124", "income-row-total-by-fund", "收入表每行：总计 = 总计下各资金（一般公共预算、政府性基金、国有资本经营、财政专户）之和",
              "总计 87.02，其中一般公共预算 86.02", "总计 87.02，一般公共预算 87.02")
identity_rule("YS125", "income-row-carryover-by-fund", "收入表每行：上年结转结余 = 其下各资金之和",
              "上年结转结余 10.00，一般公共预算 8.00", "上年结转结余 10.00，一般公共预算 10.00")
identity_rule("YS126", "final-fund-balance", "政府性基金、国有资本经营决算表每行：年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余",
              "年初结转 0，本年收入 50.00，本年支出 40.00，年末结转 0", "年末结转和结余 10.00",
              "资金的来源与去向必须相等；不等说明结转结余或收支抄错。")
identity_rule("YS127", "economic-summary-row-by-fund", "支出经济分类汇总表每行：合计 = 各资金来源之和",
              "30101 基本工资 合计 21.77，一般公共预算 20.77", "合计 21.77，一般公共预算 21.77")
identity_rule("YS128", "group-total-by-class", "基本支出表（人员经费、公用经费两栏并列）：人员经费合计 = 301、303 类之和，公用经费合计 = 302、310 等类之和",
              "人员经费合计 4,884.09；301 工资福利支出 4,816.14，303 对个人和家庭的补助 57.96", "303 对个人和家庭的补助 67.96",
              "两栏的合计只汇总本栏各类；不符说明某一类漏计或合计抄错。")


def _of_which() -> list[tuple[str, str]]:
    pairs = []
    for s in declarations().schemas.values():
        for c in s.columns:
            if c.of_which and c.within and (c.role, c.within) not in pairs:
                pairs.append((c.role, c.within))
    return pairs


@rule("YS121", "part-within-whole", "arithmetic", "error",
      "“其中”列不大于它所属的列（如 其中：财政拨款 ≤ 一般公共预算）",
      "“其中”是整体的一部分，大于整体说明数字或列错位。", "一般公共预算 1,225.32，其中：财政拨款 1,235.32",
      "一般公共预算 1,235.32，其中：财政拨款 1,235.32")
def part_within_whole(ctx: Ctx):
    for t in ctx.disc.tables:
        roles = {c.role for c in t.columns}
        for part, whole in _of_which():
            if part not in roles:
                continue
            for r in t.rows:
                p, w = ctx.cell(t, r, part), ctx.cell_or_zero(t, r, whole)
                if p is not None and p.value > w.value:
                    yield ctx.finding("YS121", f"{_row_name(t, r)}的{role_label(part, t.kind)} {p.printed} 万元大于"
                                               f"{role_label(whole, t.kind)} {w.printed or '（空白）'} 万元", [p, w],
                                      expected=w.value, actual=p.value)


def keyed_figure(ctx: Ctx, t: Table, key: str):
    r = keyed(t, key)
    return ctx.cell(t, r, "total") if r is not None else None
