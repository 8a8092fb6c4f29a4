"""What is wrong with an input, and where: a sheet and cell for a workbook, a field path for YAML/JSON."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    where: str  # '支出功能分类!E7' or 'functions[3].salaries'
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        return f"{self.where}：{self.message}" if self.where else self.message


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def error(self, where: str, message: str) -> None:
        self.items.append(Problem(where, message))

    def warn(self, where: str, message: str) -> None:
        self.items.append(Problem(where, message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]
