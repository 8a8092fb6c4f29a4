"""Rule modules, one per category; importing this package registers every rule."""

from yusuan.audit.rules import (  # noqa: F401
    arithmetic, balance, classification, completeness, cross_table, final_accounts, indicator, plausibility,
    text_vs_table, wording,
)
