"""A stored document laid out for its page: tables as printed, each finding tied to its cells.

A finding's location names a table (title as printed), a row (label, or code and label), a
column (label or role) and the page/line: it is matched to the table cell it is about, to
the row's label when no column matches, or to the table when no row does. Locations outside
the tables (情况说明, 目录) are shown from the source text.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.audit.registry import SEVERITY_LABELS

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Place:
    text: str
    anchor: str | None
    page: int | None
    line: int | None


def _row_names(row: dict) -> set[str]:
    label = row.get("label") or ""
    names = {label, label.replace(" ", "")}
    if row.get("code"):
        names |= {f"{row['code']} {label}", f"{row['code']}{label}", row["code"]}
    return names


class DocumentView:
    def __init__(self, model: dict, findings: list[dict]):
        self.model = model
        self.findings = sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f["severity"], 3), f["code"]))
        self.tables = [self._table(ti, t) for ti, t in enumerate(model.get("tables") or [])]
        self.cells: dict[str, tuple[str, list[str]]] = {}  # cell id -> (worst severity, messages)
        self.places: list[list[Place]] = [[self._locate(loc, fi) for loc in f.get("locations") or []]
                                          for fi, f in enumerate(self.findings)]

    @staticmethod
    def _table(ti: int, t: dict) -> dict:
        columns, roles = [], []
        for c in t.get("columns") or []:  # a two-sided table names 'total' once per side: one column here
            if c["role"] not in roles:
                columns.append(c)
                roles.append(c["role"])
        for r in t.get("rows") or []:  # a cell in a column the header did not name still shows
            for c in r.get("cells") or []:
                if c["column"] not in roles:
                    roles.append(c["column"])
                    columns = columns + [{"role": c["column"], "label": c["column"]}]
        rows = []
        for ri, r in enumerate(t.get("rows") or []):
            by_role = {c["column"]: c for c in r.get("cells") or []}
            rows.append({"src": r, "id": f"t{ti}r{ri}", "kind": r.get("kind"), "code": r.get("code") or "",
                         "label": r.get("label") or "",
                         "cells": [by_role[role]["printed"] if role in by_role else "" for role in roles]})
        return {"id": f"t{ti}", "title": t.get("title") or "", "kind_label": t.get("kind_label") or "",
                "label": t.get("label"), "unit": t.get("unit"), "page": t.get("page"), "line": t.get("line"),
                "columns": columns, "roles": roles, "rows": rows, "has_codes": any(r["code"] for r in rows),
                "empty": t.get("empty"), "notes": t.get("notes") or [], "warnings": t.get("warnings") or [],
                "reading": t.get("reading")}

    def _mark(self, anchor: str, fi: int) -> None:
        f = self.findings[fi]
        worst, messages = self.cells.get(anchor, (f["severity"], []))
        if SEVERITY_ORDER.get(f["severity"], 3) < SEVERITY_ORDER.get(worst, 3):
            worst = f["severity"]
        self.cells[anchor] = (worst, messages + [f"{f['code']} {f['message']}"])

    def _locate(self, loc: dict, fi: int) -> Place:
        text = "，".join(str(loc[k]) for k in ("table", "row", "column") if loc.get(k))
        anchor = None
        for t in self.tables:
            if t["title"] != loc.get("table"):
                continue
            anchor = t["id"]
            row = self._row(t, loc)
            if row is not None:
                anchor = row["id"] + "l"
                col = loc.get("column")
                filled = [ci for ci, v in enumerate(row["cells"]) if v]
                named = [ci for ci in filled if col and col in (t["columns"][ci]["label"], t["columns"][ci]["role"])]
                if named or (col and len(filled) == 1):  # a one-figure row: the figure is the one meant
                    anchor = f"{row['id']}c{(named or filled)[0]}"
            break
        if anchor is not None:
            self._mark(anchor, fi)
        return Place(text, anchor, loc.get("page"), loc.get("line"))

    @staticmethod
    def _row(t: dict, loc: dict) -> dict | None:
        """The row a location names: by its line and label, else by label, else by line alone
        (one printed line can hold two rows, as in a 收支总表 printed side by side)."""
        line, page, name = loc.get("line"), loc.get("page"), loc.get("row")
        on_line = [r for r in t["rows"] if line is not None and r["src"].get("line") == line
                   and (page is None or r["src"].get("page") in (None, page))]
        named = [r for r in t["rows"] if name and name in _row_names(r["src"])]
        for r in on_line:
            if r in named:
                return r
        same_page = [r for r in named if page is None or r["src"].get("page") in (None, page)]
        return (same_page or named or on_line or [None])[0]

    def finding_items(self) -> list[dict]:
        return [{"index": fi, **f, "severity_label": SEVERITY_LABELS.get(f["severity"], f["severity"]),
                 "places": self.places[fi]} for fi, f in enumerate(self.findings)]
