"""Rounding-aware comparison (四舍五入尾数误差).

Documents print amounts rounded to the shown precision. A sum of n printed terms may differ from
its printed total by up to n half units of the last printed digit; two printings of one figure
at different precisions by half a unit of the coarser. Anything beyond is a finding.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.model.amount import Amount


def half_unit(a: Amount) -> Decimal:
    return Decimal(5).scaleb(a.exponent - 1)


def sum_tolerance(terms: list[Amount]) -> Decimal:
    """How far Σ printed terms may stray from their printed total."""
    return sum((half_unit(t) for t in terms), Decimal(0)) if terms else Decimal(0)


def same_tolerance(a: Amount, b: Amount) -> Decimal:
    """How far two printings of one figure may differ."""
    return max(half_unit(a), half_unit(b)) if a.exponent != b.exponent else Decimal(0)


def fmt(value: Decimal) -> str:
    """A difference or sum as a budget officer reads it: 万元 with the printed precision."""
    return f"{value:,.2f}" if value == value.quantize(Decimal("0.01")) else f"{value:,}"
