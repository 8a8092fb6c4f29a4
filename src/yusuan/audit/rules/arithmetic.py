"""表内计算: totals inside one table equal the sum of their parts."""

from __future__ import annotations

from yusuan.audit.context import Ctx
from yusuan.audit.registry import rule
from yusuan.model.disclosure import Row, Table, TableKind as K
from yusuan.recognise.columns import label as role_label

FUNCTION_TABLES = (K.EXPENDITURE, K.GENERAL_BUDGET, K.GOV_FUND, K.STATE_CAPITAL)
ECONOMIC_TABLES = (K.GENERAL_BASIC, K.ECONOMIC_SUMMARY, K.OPERATING)
LIST_TABLES = (K.PROJECT, K.PROJECT_CARRYOVER, K.BASIC_DETAIL)


def _row_name(table: Table, row: Row) -> str:
    return f"{table.title}“{row.label or '合计'}”行"


def row_identity(code: str, name: str, kinds, parent: str, children: tuple[str, ...], title: str, bad: str, good: str):
    """Register a rule: in every row of these tables, column `parent` = Σ columns `children`."""
    def check(ctx: Ctx):
        for t in ctx.tables(*kinds):
            roles = {c.role for c in t.columns}
            if parent not in roles or not any(c in roles for c in children):
                continue
            for r in t.rows:
                if parent not in r.cells and not any(c in r.cells for c in children):
                    continue
                parts = [ctx.cell(t, r, c) for c in children]
                f = ctx.sum_check(code, ctx.cell_or_zero(t, r, parent), parts,
                                  f"{_row_name(t, r)}的{role_label(parent)}",
                                  "、".join(role_label(c) for c in children))
                if f:
                    yield f
    rule(code, name, "arithmetic", "error", title,
         "表内各列之间的勾稽关系是预算编报的基本要求；不平说明数字抄错、漏填或列错位。", bad, good)(check)


row_identity("YS101", "row-basic-plus-project", FUNCTION_TABLES, "total", ("basic", "project"),
             "支出类表格每行：合计 = 基本支出 + 项目支出",
             "201 03 01 行政运行 合计 100.00，基本支出 80.00，项目支出 10.00", "合计 90.00，基本支出 80.00，项目支出 10.00")
row_identity("YS102", "row-personnel-plus-public", FUNCTION_TABLES, "basic", ("personnel", "public"),
             "支出类表格每行：基本支出 = 人员经费 + 公用经费（表中有这两列时）",
             "基本支出 80.00，人员经费 70.00，公用经费 5.00", "基本支出 80.00，人员经费 75.00，公用经费 5.00")
row_identity("YS103", "row-basic-by-economic-class", FUNCTION_TABLES, "basic", ("salaries", "family", "goods", "capital"),
             "支出类表格每行：基本支出 = 工资福利支出 + 对个人和家庭的补助 + 商品和服务支出 + 资本性支出",
             "基本支出 65.66，工资福利 63.22，商品和服务 2.40", "基本支出 65.66，工资福利 63.22，商品和服务 2.44")
row_identity("YS104", "row-personnel-by-class", FUNCTION_TABLES, "personnel", ("salaries", "family"),
             "支出类表格每行：人员经费 = 工资福利支出 + 对个人和家庭的补助",
             "人员经费 1,065.80，工资福利 1,009.53，对个人和家庭的补助 50.27", "对个人和家庭的补助 56.27")
row_identity("YS105", "row-public-by-class", FUNCTION_TABLES, "public", ("goods", "capital"),
             "支出类表格每行：公用经费 = 商品和服务支出 + 资本性支出",
             "公用经费 77.25，商品和服务支出 72.25", "公用经费 77.25，商品和服务支出 77.25")
row_identity("YS106", "row-project-by-kind", FUNCTION_TABLES, "project", ("project_operating", "project_specific"),
             "支出类表格每行：项目支出 = 其他运转类 + 特定目标类",
             "项目支出 6.20，其他运转类 6.02", "项目支出 6.20，其他运转类 6.20")
row_identity("YS107", "row-economic-personnel-plus-public", ECONOMIC_TABLES, "total", ("personnel", "public"),
             "基本支出（经济分类）表每行：合计 = 人员经费 + 公用经费",
             "30101 基本工资 合计 21.77，人员经费 21.70", "30101 基本工资 合计 21.77，人员经费 21.77")
row_identity("YS108", "three-public-total", (K.THREE_PUBLIC,), "total", ("abroad", "vehicle_total", "reception"),
             "“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费",
             "合计 12.00，出国 0，公务用车 6.00，接待 5.00", "合计 12.00，出国 0，公务用车 6.00，接待 6.00")
row_identity("YS109", "three-public-vehicle", (K.THREE_PUBLIC,), "vehicle_total", ("vehicle_purchase", "vehicle_operation"),
             "公务用车购置及运行费 = 公务用车购置费 + 公务用车运行费",
             "公务用车购置及运行费 6.00，购置 0，运行 5.00", "公务用车购置及运行费 6.00，运行 6.00")
row_identity("YS110", "list-row-by-fund", LIST_TABLES, "total",
             ("gpb", "gov_fund", "state_capital", "carry_gpb", "carry_fund", "carry_capital", "special_account", "unit_funds"),
             "项目支出表、基本支出明细表每行：合计 = 各资金来源之和",
             "信息采集加工费 合计 0.80，一般公共预算 0.08", "合计 0.80，一般公共预算 0.80")
row_identity("YS111", "income-row-current-plus-carryover", (K.INCOME,), "total", ("current_total", "carry_total"),
             "收入表每行：总计 = 本年收入合计 + 上年结转结余",
             "总计 87.02，本年收入 80.02，上年结转 0", "总计 87.02，本年收入 87.02")
row_identity("YS112", "income-row-by-source", (K.INCOME,), "current_total",
             ("current_gpb", "current_fund", "current_capital", "current_special", "current_business",
              "current_operating", "current_superior", "current_affiliated", "current_other", "unit_funds"),
             "收入表每行：本年收入合计 = 各收入来源之和",
             "本年收入 87.02，一般公共预算 78.02", "本年收入 87.02，一般公共预算 87.02")
row_identity("YS122", "fiscal-row-by-fund", (K.FISCAL_SUMMARY,), "total",
             ("gpb", "gov_fund", "state_capital", "special_account", "unit_funds"),
             "财政拨款收支表支出每行：合计 = 一般公共预算 + 政府性基金 + 国有资本经营 + 财政专户管理资金 + 单位资金",
             "（一）一般公共服务支出 合计 133.16，一般公共预算 131.16", "合计 133.16，一般公共预算 133.16")
row_identity("YS123", "performance-funds", (K.PROJECT_PERFORMANCE,), "total", ("gpb", "special_account", "unit_funds"),
             "项目绩效目标表每个项目：资金总额 = 政府预算资金 + 财政专户管理资金 + 单位资金",
             "信息采集加工费 资金总额 0.80，政府预算资金 1.80", "资金总额 0.80，政府预算资金 0.80")


def _leaf_rows(t: Table, scheme: str) -> list[Row]:
    coded = [r for r in t.rows if r.code_scheme == scheme and r.code]
    if not coded:
        return [r for r in t.rows if r.kind == "item"]
    depth = max(len(r.code) for r in coded)
    return [r for r in coded if len(r.code) == depth]


def column_totals(code: str, name: str, kinds, scheme: str, title: str, bad: str, good: str):
    """Register a rule: the 合计 row of these tables = Σ its deepest rows, in every column."""
    def check(ctx: Ctx):
        for t in ctx.tables(*kinds):
            total = t.total_row()
            leaves = _leaf_rows(t, scheme)
            if total is None or not leaves:
                continue
            for col in t.columns:
                parts = [ctx.cell(t, r, col.role) for r in leaves]
                if col.role not in total.cells and not any(parts):
                    continue
                f = ctx.sum_check(code, ctx.cell_or_zero(t, total, col.role), parts,
                                  f"{t.title}合计行的{col.label}", "各明细行")
                if f:
                    yield f
    rule(code, name, "arithmetic", "error", title,
         "合计行与明细行对不上，说明有明细漏列、重复或抄错。", bad, good)(check)


column_totals("YS113", "column-total-function-rows", FUNCTION_TABLES, "function",
              "支出类表格：合计行每一列 = 各明细（最细一级科目）行之和",
              "合计 87.02，明细行合计 86.02", "合计 87.02，明细行合计 87.02")
column_totals("YS114", "column-total-economic-rows", ECONOMIC_TABLES, "economic",
              "经济分类表格（基本支出表、经济分类汇总表、机关运行经费表）：合计行每一列 = 各款行之和",
              "合计 1.37，各款 0.20+0.10+0.24+0.10+0.33+0.20=1.17", "公务接待费 0.40，各款之和 1.37")
column_totals("YS115", "column-total-list-rows", LIST_TABLES + (K.INCOME,), "project",
              "项目支出表、基本支出明细表、收入表：合计行 = 各项目（单位）行之和",
              "合计 92.27，各项目之和 91.47", "合计 92.27，各项目之和 92.27")


@rule("YS116", "subtotal-rows", "arithmetic", "error",
      "类、款小计行 = 其下各款（项）行之和（支出功能分类与经济分类）",
      "按科目层级汇总是预算表的结构要求；小计与明细不符说明明细遗漏或小计抄错。",
      "201 一般公共服务支出 100.00；20103 … 60.00；20113 … 30.00", "201 一般公共服务支出 90.00")
def subtotal_rows(ctx: Ctx):
    for t in ctx.tables(*FUNCTION_TABLES, *ECONOMIC_TABLES):
        coded = [r for r in t.rows if r.code and r.code_scheme in ("function", "economic")]
        for parent in coded:
            longer = [r for r in coded if r.code != parent.code and r.code.startswith(parent.code)]
            if not longer:
                continue
            step = min(len(r.code) for r in longer)
            children = [r for r in longer if len(r.code) == step]
            for col in t.columns:
                if col.role not in parent.cells:
                    continue
                f = ctx.sum_check("YS116", ctx.cell(t, parent, col.role), [ctx.cell(t, r, col.role) for r in children],
                                  f"{t.title}“{parent.code} {parent.label}”的{col.label}", "其下各科目")
                if f:
                    yield f


SUMMARY_TABLES = (K.SUMMARY, K.FISCAL_SUMMARY)
INCOME_SOURCES = ("gpb", "gov_fund", "state_capital", "special_account", "business", "operating", "superior",
                  "affiliated", "other", "unit_funds")


def keyed(t: Table, key: str) -> Row | None:
    """The first row of a two-sided table with this meaning that prints an amount."""
    rows = [r for r in t.rows if r.attrs.get("key") == key]
    return next((r for r in rows if "total" in r.cells), rows[0] if rows else None)


def keyed_figure(ctx: Ctx, t: Table, key: str):
    r = keyed(t, key)
    return ctx.cell(t, r, "total") if r is not None else None


def summary_identity(code: str, name: str, title: str, why: str, bad: str, good: str, total_key: str,
                     parts, what: str, parts_what: str, needs: str | None = None):
    """Register a rule for 收支总表 and 财政拨款收支表: the row keyed `total_key` = Σ the rows `parts`
    selects (checked only where the row keyed `needs` is printed)."""
    def check(ctx: Ctx):
        for t in ctx.tables(*SUMMARY_TABLES):
            if needs and keyed_figure(ctx, t, needs) is None:
                continue
            f = ctx.sum_check(code, keyed_figure(ctx, t, total_key), [ctx.cell(t, r, "total") for r in parts(t)],
                              f"{t.title}{what}", parts_what)
            if f:
                yield f
    rule(code, name, "arithmetic", "error", title, why, bad, good)(check)


def _keyed_rows(*keys: str):
    return lambda t: [r for r in t.rows if r.attrs.get("key") in keys]


summary_identity("YS117", "summary-current-income", "收支总表、财政拨款收支表：本年收入合计 = 各项收入之和",
                 "本年收入由各资金来源组成，合计与来源之和不符说明来源漏列或合计抄错。",
                 "本年收入合计 87.02；一般公共预算 80.02", "本年收入合计 87.02；一般公共预算 87.02",
                 "current_income", _keyed_rows(*INCOME_SOURCES), "本年收入合计", "各项收入")
summary_identity("YS118", "summary-income-total", "收支总表、财政拨款收支表：收入总计 = 本年收入合计 + 上年结转结余",
                 "总计口径包含上年结转；不符说明结转漏列或总计错误。",
                 "收入总计 87.02；本年收入合计 80.00；上年结转 0", "收入总计 87.02；本年收入合计 87.02",
                 "income_total", lambda t: [r for k in ("current_income", "carryover") for r in [keyed(t, k)] if r],
                 "收入总计", "本年收入合计与上年结转结余", needs="current_income")
summary_identity("YS119", "summary-expenditure-total", "收支总表、财政拨款收支表：支出总计 = 本年支出合计 + 年终结转结余",
                 "支出总计包含年终结转结余；不符说明结转漏列或总计错误。",
                 "支出总计 87.02；本年支出合计 86.02", "支出总计 87.02；本年支出合计 87.02",
                 "expenditure_total",
                 lambda t: [r for k in ("current_expenditure", "year_end_carryover") for r in [keyed(t, k)] if r],
                 "支出总计", "本年支出合计与年终结转结余", needs="current_expenditure")
summary_identity("YS120", "summary-current-expenditure", "收支总表、财政拨款收支表：本年支出合计 = 各功能分类（类）支出之和",
                 "本年支出按功能分类列示，合计与各类之和不符说明有类漏列或抄错。",
                 "本年支出合计 87.02；一般公共服务 71.86，教育 0.33 …（合计 86.02）", "各类之和 87.02",
                 "current_expenditure", lambda t: [r for r in t.rows if r.code_scheme == "function"],
                 "本年支出合计", "各功能分类")


_OF_WHICH = (("current_fiscal", "current_gpb"), ("fiscal", "gpb"), ("transfer", "gpb"))


@rule("YS121", "part-within-whole", "arithmetic", "error",
      "“其中”列不大于它所属的列（如 其中：财政拨款 ≤ 一般公共预算）",
      "“其中”是整体的一部分，大于整体说明数字或列错位。", "一般公共预算 1,225.32，其中：财政拨款 1,235.32",
      "一般公共预算 1,235.32，其中：财政拨款 1,235.32")
def part_within_whole(ctx: Ctx):
    for t in ctx.disc.tables:
        roles = {c.role for c in t.columns}
        for part, whole in _OF_WHICH:
            if part not in roles:
                continue
            for r in t.rows:
                p, w = ctx.cell(t, r, part), ctx.cell_or_zero(t, r, whole)
                if p is not None and p.value > w.value:
                    yield ctx.finding("YS121", f"{_row_name(t, r)}的{role_label(part)} {p.printed} 万元大于"
                                               f"{role_label(whole)} {w.printed or '（空白）'} 万元", [p, w],
                                      expected=w.value, actual=p.value)
