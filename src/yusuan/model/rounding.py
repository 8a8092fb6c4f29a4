"""Rounding-aware comparison (四舍五入尾数误差).

Documents print amounts rounded to the shown precision. A sum of n printed terms may differ from
its printed total by up to n half units of the last printed digit; two printings of one figure
at different precisions by half a unit of the coarser. Anything beyond is a finding.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from yusuan.model.amount import Amount


def half_unit(a: Amount) -> Decimal:
    """A printed zero ('0万元', '0.00') means none, not 'less than half a unit'."""
    return Decimal(0) if a.value == 0 else Decimal(5).scaleb(a.exponent - 1)


def sum_tolerance(terms: list[Amount]) -> Decimal:
    """How far Σ printed terms may stray from their printed total."""
    return sum((half_unit(t) for t in terms), Decimal(0)) if terms else Decimal(0)


def same_tolerance(a: Amount, b: Amount) -> Decimal:
    """How far two printings of one figure may differ."""
    return max(half_unit(a), half_unit(b)) if a.exponent != b.exponent else Decimal(0)


def fmt(value: Decimal) -> str:
    """A difference or sum as a budget officer reads it: 万元 with the printed precision."""
    try:
        fen = value.quantize(Decimal("0.01"))
    except InvalidOperation:  # beyond the context's precision: as it is
        return str(value)
    return f"{value:,.2f}" if value == fen else f"{value:,}"


def printed_half(text: str) -> Decimal:
    """Half a unit of the last printed digit of a number as printed ('92.88' -> 0.005)."""
    d = Decimal(text.replace(",", ""))
    exp = d.as_tuple().exponent
    return Decimal(5).scaleb((exp if isinstance(exp, int) else 0) - 1)


def ratio_range(part: Decimal, hp: Decimal, whole: Decimal, hw: Decimal) -> tuple[Decimal, Decimal] | None:
    """Every value part/whole × 100 can take when both were rounded before printing."""
    lo_w, hi_w = whole - hw, whole + hw
    if lo_w <= 0:
        return None
    lo_p, hi_p = max(part - hp, Decimal(0)), part + hp
    return lo_p / hi_w * 100, hi_p / lo_w * 100


def agrees(stated: Decimal, half: Decimal, rng: tuple[Decimal, Decimal] | None) -> bool:
    """A percentage printed as `stated` (±half) can be a rounding of some value in `rng`."""
    if rng is None:
        return True
    return stated + half >= rng[0] and stated - half <= rng[1]
