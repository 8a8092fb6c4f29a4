"""Table kind from the title's meaning (表名语义), tolerant of each province's wording."""

from __future__ import annotations

import re

from yusuan.model.disclosure import TableKind

# Ordered: the first rule whose words all appear wins. Titles vary by province and year
# ('部门收支总表' = '收支预算总表' = '财务收支预算总表' = '单位收支预算表').
_RULES: list[tuple[TableKind, tuple[str, ...], tuple[str, ...]]] = [
    (TableKind.DEPT_PERFORMANCE, ("整体", "绩效"), ()),
    (TableKind.PROJECT_PERFORMANCE, ("绩效",), ()),
    (TableKind.THREE_PUBLIC, ("三公",), ()),
    (TableKind.OPERATING, ("运行经费",), ()),
    (TableKind.GOV_FUND, ("政府性基金",), ()),
    (TableKind.STATE_CAPITAL, ("国有资本经营",), ()),
    (TableKind.PROJECT_CARRYOVER, ("项目支出", "结转"), ()),
    (TableKind.PROJECT, ("项目支出",), ()),
    (TableKind.PROJECT, ("项目", "明细"), ("基本",)),
    (TableKind.BASIC_DETAIL, ("基本支出", "明细"), ()),
    (TableKind.ECONOMIC_SUMMARY, ("经济分类",), ("基本支出",)),
    (TableKind.GENERAL_BASIC, ("一般公共预算", "基本支出"), ()),
    (TableKind.GENERAL_BASIC, ("基本支出",), ()),
    (TableKind.FISCAL_SUMMARY, ("财政拨款", "收支"), ()),
    (TableKind.GENERAL_BUDGET, ("一般公共预算", "支出"), ()),
    (TableKind.GENERAL_BUDGET, ("一般公共预算", "功能分类"), ()),
    (TableKind.SUMMARY, ("收支",), ()),
    (TableKind.INCOME, ("收入",), ()),
    (TableKind.EXPENDITURE, ("支出",), ()),
]

_BUDGET_WORDS = ("收支", "收入", "支出", "拨款", "三公", "运行经费", "绩效", "基金", "国有资本", "经济分类")


def classify_title(title: str) -> TableKind:
    t = re.sub(r"\s+", "", title).replace("“", "").replace("”", "").replace('"', "")
    for kind, need, forbid in _RULES:
        if all(w in t for w in need) and not any(w in t for w in forbid):
            return kind
    return TableKind.OTHER


def looks_like_table_name(text: str) -> bool:
    t = "".join(text.split())
    return any(w in t for w in _BUDGET_WORDS) and (t.endswith("表") or "表（" in t or "表(" in t or t.endswith("经费"))
