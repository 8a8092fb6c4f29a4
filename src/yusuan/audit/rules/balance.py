"""收支平衡: a budget's income and expenditure totals are equal."""

from __future__ import annotations

from yusuan.audit.context import Ctx
from yusuan.audit.registry import rule
from yusuan.audit.rules.arithmetic import SUMMARY_TABLES, keyed_figure


@rule("YS201", "income-equals-expenditure", "balance", "error",
      "收支总表、财政拨款收支表：收入总计 = 支出总计（收入合计 = 支出合计）",
      "部门预算收支平衡，收入总计必然等于支出总计；不等说明至少一方抄错。",
      "收入总计 87.02；支出总计 86.02", "收入总计 87.02；支出总计 87.02")
def income_equals_expenditure(ctx: Ctx):
    for t in ctx.tables(*SUMMARY_TABLES):
        f = ctx.same_check("YS201", keyed_figure(ctx, t, "income_total"), keyed_figure(ctx, t, "expenditure_total"),
                           f"{t.title}收入总计", "支出总计")
        if f:
            yield f
