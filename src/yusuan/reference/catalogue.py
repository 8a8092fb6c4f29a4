"""Load the 支出功能分类 and 支出经济分类 catalogues; match printed names to codes."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from yusuan.read.clean import full_width_brackets


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Normalise a class name for matching: drop ordinals, brackets' width, spaces, '支出'."""
    s = re.sub(r"\s+", "", name)
    s = strip_ordinal(s)
    s = full_width_brackets(s)
    s = s.replace("“", "").replace("”", "").replace('"', "")
    if s.endswith("支出") and len(s) > 3:
        s = s[:-2]
    return s


_ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十百\d]+[)）]|[一二三四五六七八九十百]+[、.．]|\d+[、.．])")


def strip_ordinal(s: str) -> str:
    return _ORDINAL.sub("", s.strip()).strip()


@dataclass
class Catalogue:
    """Code → names (several where a name changed across years), and name → code for 类."""

    function: dict[str, list[str]] = field(default_factory=dict)
    economic: dict[str, list[str]] = field(default_factory=dict)  # kind 'dept'
    gov_economic: dict[str, list[str]] = field(default_factory=dict)  # kind 'gov'
    sources: dict[str, str] = field(default_factory=dict)
    complete: bool = False  # True once an official list is loaded: unknown codes are then findings

    def load_official(self, path) -> int:
        """Replace the shipped lists by an official catalogue (CSV or XLSX, columns code, name[, kind];
        kind 'gov' for 政府经济分类) and mark the catalogue complete. Returns the number of codes read."""
        from pathlib import Path

        from yusuan.errors import InputError

        p = Path(path)
        try:
            rows = _read_rows(p)
        except (OSError, UnicodeDecodeError, ValueError, KeyError) as e:
            raise InputError(f"无法读取分类科目目录：{p}（{e}）") from None
        n = 0
        books: dict[str, dict[str, list[str]]] = {"function": {}, "economic": {}, "gov": {}}
        for row in rows:
            if len(row) < 2 or not row[0].strip().isdigit():
                continue  # header or blank line
            code, name = row[0].strip(), row[1].strip()
            kind = row[2].strip() if len(row) > 2 else ""
            book = books["gov" if kind == "gov" else "economic" if code.startswith("3") else "function"]
            book.setdefault(code, [])
            if name not in book[code]:
                book[code].append(name)
            n += 1
        if n == 0:
            raise InputError(f"分类科目目录中没有读到任何科目编码：{p}")
        self.function, self.economic = books["function"] or self.function, books["economic"] or self.economic
        self.gov_economic = books["gov"] or self.gov_economic
        self.complete = True
        return n

    def function_class_by_name(self, name: str) -> str | None:
        """'一、一般公共服务' -> '201' (类 level, aliases accepted)."""
        return self._class_index().get(name_key(name))

    def _class_index(self) -> dict[str, str]:
        """Name key → 类 code, rebuilt when the function list is replaced (the first code wins)."""
        cached = getattr(self, "_index", None)
        if cached is None or cached[0] is not self.function:
            index: dict[str, str] = {}
            for code, names in self.function.items():
                if len(code) == 3:
                    for n in names:
                        index.setdefault(name_key(n), code)
            cached = self._index = (self.function, index)
        return cached[1]

    def starts_function_class(self, text: str) -> bool:
        """'灾害防治及应急管理支' is the start of a 类 name that the layout wrapped."""
        t = strip_ordinal(re.sub(r"\s+", "", text))
        return len(t) >= 4 and any(len(code) == 3 and any(n.startswith(t) for n in names)
                                   for code, names in self.function.items())


def _read_rows(p) -> list[list[str]]:
    """The rows of a CSV or XLSX catalogue as text cells (codes stored as numbers come back as digits)."""
    import csv as _csv

    if p.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook
        from zipfile import BadZipFile

        try:
            wb = load_workbook(p, read_only=True, data_only=True)
        except BadZipFile:
            raise ValueError("不是有效的 XLSX 文件") from None
        rows = []
        for row in wb.worksheets[0].iter_rows(values_only=True):
            rows.append(["" if v is None else str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
                         for v in row])
        wb.close()
        return rows
    return list(_csv.reader(p.read_text(encoding="utf-8-sig").splitlines()))


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    cat = Catalogue()
    data = resources.files("yusuan.reference") / "data"
    with (data / "function_classes.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            cat.function.setdefault(row["code"], []).append(row["name"])
            cat.sources[f"function:{row['code']}:{row['name']}"] = row.get("source", "")
    with (data / "economic_classes.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            target = cat.gov_economic if row.get("kind") == "gov" else cat.economic
            target.setdefault(row["code"], []).append(row["name"])
    return cat
