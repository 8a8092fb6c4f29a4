"""Money amounts (金额): Decimal value, the unit it was printed in, and the text as printed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

WAN = "万元"
YUAN = "元"

_AMOUNT_RE = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


@dataclass(frozen=True)
class Amount:
    """An amount as printed (印刷金额). `value` is in `unit`; `wan` converts exactly to 万元."""

    value: Decimal
    unit: str = WAN
    printed: str = ""

    @property
    def wan(self) -> Decimal:
        if self.unit == YUAN:
            # Exact conversion keeps every printed digit: 24606775.35 元 -> 2460.677535 万元.
            return (self.value / Decimal(10000)).normalize() if self.value else Decimal(0)
        return self.value

    @property
    def exponent(self) -> int:
        """Printed precision as a Decimal exponent in 万元 (0.01 万元 -> -2)."""
        exp = self.value.as_tuple().exponent
        assert isinstance(exp, int)
        return exp - 4 if self.unit == YUAN else exp

    def wan_text(self) -> str:
        """The amount in 万元 as a string keeping the printed precision."""
        if self.unit == YUAN:
            q = Decimal(1).scaleb(self.exponent)
            return str(self.wan.quantize(q))
        return str(self.value)


def is_amount_text(text: str) -> bool:
    return bool(_AMOUNT_RE.match(text.strip()))


# No budget figure has more integer digits (10^16 元 is a hundred times the world's output) or more
# decimals than a 元 amount printed to the fen and converted to 万元: beyond them a "number" is not
# an amount, and computing with it only overflows the decimal context.
MAX_INT_DIGITS = 16
MAX_DECIMALS = 6


def plausible(text: str) -> bool:
    """A number as printed ('1,235.32', '-5.00') with at most MAX_INT_DIGITS and MAX_DECIMALS digits."""
    t = text.strip().lstrip("-−").replace(",", "")
    whole, _, frac = t.partition(".")
    return len(whole.lstrip("0")) <= MAX_INT_DIGITS and len(frac) <= MAX_DECIMALS


def safe_decimal(text: str) -> Decimal | None:
    """A percentage, rate or figure of the text as a Decimal, or None when it is not a plain,
    plausible number ('27 decimals', '1e999', 'NaN' are not)."""
    t = text.strip().replace("−", "-").replace(",", "")
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", t) or not plausible(t):
        return None
    return Decimal(t)


def parse_amount(text: str, unit: str = WAN) -> Amount | None:
    """Parse '1,235.32' or '87.02' into an Amount; None if the text is not a plausible number."""
    t = text.strip().replace("−", "-")
    if not _AMOUNT_RE.match(t) or not plausible(t):
        return None
    try:
        value = Decimal(t.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
        return None
    return Amount(value=value, unit=unit, printed=t)
