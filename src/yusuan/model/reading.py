"""How a table was read (读取情况): the evidence that its figures stand in the right rows and columns.

status
  verified    columns named by the printed header, the table's identities hold (within rounding;
              a few failing rows are the document's own defects)
  inferred    the source lost its blank cells; columns were chosen by the identities
  unverified  the identities fail in a pattern that points at the reading (most rows failing,
              codes in a money column, labels of two rows run together, rows that fit no column)
  unreadable  no figure could be given a column

The audit builds errors only on figures of verified readings; the rest may support warnings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("verified", "inferred", "unverified", "unreadable")
STATUS_LABELS = {"verified": "已核实", "inferred": "推断", "unverified": "未能核实", "unreadable": "无法读取"}


@dataclass
class IdentityResult:
    """One identity over the rows of a table: how often it held, and where it failed."""

    rule: str
    text: str  # '合计 = 基本支出 + 项目支出'
    held: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)  # row labels (first few)

    def to_dict(self) -> dict:
        d = {"rule": self.rule, "identity": self.text, "held": self.held, "failed": self.failed}
        if self.failures:
            d["failed_rows"] = list(self.failures)
        return d


@dataclass
class Reading:
    status: str = "verified"
    method: str = "header"  # 'header' (columns from the printed header), 'identities', 'form', 'none'
    evidence: list[str] = field(default_factory=list)
    columns: list[dict] = field(default_factory=list)  # which header gave each column its role
    identities: list[IdentityResult] = field(default_factory=list)
    realigned: list[str] = field(default_factory=list)
    inferred_cells: int = 0

    @property
    def trusted(self) -> bool:
        return self.status == "verified"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    def held(self) -> int:
        return sum(i.held for i in self.identities)

    def failed(self) -> int:
        return sum(i.failed for i in self.identities)

    def to_dict(self) -> dict:
        return {"status": self.status, "method": self.method, "evidence": list(self.evidence),
                "columns": list(self.columns), "identities": [i.to_dict() for i in self.identities],
                "realigned": list(self.realigned), "inferred_cells": self.inferred_cells}
