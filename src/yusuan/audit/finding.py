"""A finding (核查发现) exactly as findings-json.md of the shared docs describes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

SEVERITIES = ("error", "warning", "info")
CATEGORIES = ("arithmetic", "balance", "cross_table", "text_vs_table", "yoy", "classification", "completeness",
              "indicator", "plausibility")


@dataclass
class Place:
    """Where a figure stands: table title as printed, row and column labels, page/line."""

    table: str
    row: str | None = None
    column: str | None = None
    page: int | None = None
    line: int | None = None
    document: str | None = None  # another document (a 决算 compared with its 预算)

    def where(self) -> str:
        """第3页第120行, 第120行, 第3页: the page whenever there is one."""
        page = f"第{self.page}页" if self.page else ""
        return f"{page}第{self.line}行" if self.line else page

    def to_dict(self) -> dict:
        d: dict = {"table": self.table}
        for k in ("row", "column", "page", "line", "document"):
            v = getattr(self, k)
            if v is not None:
                d[k] = v
        return d


@dataclass
class Finding:
    code: str
    rule: str
    severity: str
    category: str
    message: str
    values: list[str] = field(default_factory=list)
    expected: Decimal | None = None
    actual: Decimal | None = None
    locations: list[Place] = field(default_factory=list)
    # the further places where the same fact stands again (one finding for one contradiction: the
    # same placeholder, the same wrong code in many rows); `locations` keeps the first
    related: list[Place] = field(default_factory=list)
    suppressed: bool = field(default=False, compare=False)  # rests on a table read unreliably: not reported

    @property
    def difference(self) -> Decimal | None:
        if self.expected is None or self.actual is None:
            return None
        return self.actual - self.expected

    def to_dict(self) -> dict:
        d: dict = {"code": self.code, "rule": self.rule, "severity": self.severity, "category": self.category,
                   "message": self.message, "values": list(self.values)}
        if self.expected is not None:
            d["expected"] = str(self.expected)
        if self.actual is not None:
            d["actual"] = str(self.actual)
        if self.difference is not None:
            d["difference"] = str(self.difference)
        d["locations"] = [p.to_dict() for p in self.locations]
        if self.related:
            d["related"] = [p.to_dict() for p in self.related]
        return d
