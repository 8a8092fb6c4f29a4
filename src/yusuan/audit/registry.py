"""The rule catalogue (规则目录): every rule registered with a stable code, in the manner of ruff.

A rule is a function over an audit context that yields findings; its code (YS + 3 digits, the
first digit the category), short name, category, severity and documentation live beside it.
`yusuan rules` and docs/rules.md are generated from this registry, so they never drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

CATEGORY_DIGIT = {"arithmetic": "1", "balance": "2", "cross_table": "3", "text_vs_table": "4", "yoy": "4",
                  "classification": "5", "completeness": "6", "indicator": "7", "plausibility": "8"}
CATEGORY_LABELS = {"arithmetic": "表内计算", "balance": "收支平衡", "cross_table": "表间一致", "text_vs_table": "文表一致",
                   "yoy": "同比变动", "classification": "科目分类", "completeness": "完整性", "indicator": "绩效指标",
                   "plausibility": "合理性"}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: str
    title: str  # one line in Chinese: what the rule checks
    why: str  # why it matters
    bad: str  # an example that violates it
    good: str  # the same example, correct
    check: Callable[..., Iterable]
    across: bool = False  # checks a 决算 against its 预算 (audit/across.py): needs both documents


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, category: str, severity: str, title: str, why: str, bad: str, good: str,
         across: bool = False):
    """Register a rule function: `@rule("YS101", "row-basic-plus-project", "arithmetic", "error", …)`."""
    if not code.startswith("YS" + CATEGORY_DIGIT[category]) or len(code) != 5:
        raise ValueError(f"rule code {code} does not fit category {category}")

    def deco(fn: Callable[..., Iterable]) -> Callable[..., Iterable]:
        if code in REGISTRY:
            raise ValueError(f"duplicate rule code {code}")
        REGISTRY[code] = Rule(code, name, category, severity, title, why, bad, good, fn, across)
        return fn
    return deco


def all_rules() -> list[Rule]:
    from yusuan.audit import across as _a, rules as _  # noqa: F401  (registers every rule module)

    return [REGISTRY[c] for c in sorted(REGISTRY)]
