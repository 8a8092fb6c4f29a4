"""Table kind from the title's meaning (表名语义), tolerant of each province's wording: the title words
of every kind are declared in reference/tables.yaml ('部门收支总表' = '收支预算总表' = '财务收支预算总表')."""

from __future__ import annotations

import re

from yusuan.model.disclosure import TableKind
from yusuan.reference.tables import declarations

_BUDGET_WORDS = ("收支", "收入", "支出", "拨款", "三公", "运行经费", "绩效", "基金", "国有资本", "经济分类")


def classify_title(title: str) -> TableKind:
    """The kind whose title words (reference/tables.yaml) the title contains; the most specific
    rule wins ('一般公共预算基本支出表' is a 基本支出表 before it is a 一般公共预算支出表)."""
    t = re.sub(r"\s+", "", title).replace("“", "").replace("”", "").replace('"', "")
    for rule, kind in declarations().title_rules:
        if all(w in t for w in rule.need) and not any(w in t for w in rule.forbid):
            return kind
    return TableKind.OTHER


def looks_like_table_name(text: str) -> bool:
    t = "".join(text.split())
    return any(w in t for w in _BUDGET_WORDS) and (t.endswith("表") or "表（" in t or "表(" in t or t.endswith("经费"))
