"""A stored document laid out for its page: tables as printed, each finding tied to its cells.

A finding's location names a table (title as printed), a row (label, or code and label), a
column (label or role) and the page/line: it is matched to the table cell it is about, to
the row's label when no column matches, or to the table when no row does. Locations outside
the tables (情况说明, 目录) are shown from the source text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yusuan.audit.registry import SEVERITY_LABELS
from yusuan.model.disclosure import TableKind
from yusuan.reference.tables import role_label

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


def _kind(kind: str | None) -> TableKind | None:
    try:
        return TableKind(kind)
    except ValueError:
        return None


_PATH = re.compile(r" / |·")
SIDE_TITLES = {"income": "收入", "expenditure": "支出"}


def _row(ti: int, ri: int, r: dict) -> dict:
    """A printed row; a performance form's indicators (一级/二级/指标/指标值) come with it."""
    rid = f"t{ti}r{ri}"
    attrs = r.get("attrs") or {}
    levels1, levels2 = attrs.get("target_levels") or [], attrs.get("target_levels2") or []
    targets = [(levels1[k] if k < len(levels1) else "", levels2[k] if k < len(levels2) else "", *pair)
               for k, pair in enumerate(attrs.get("targets") or []) if len(pair) == 2]
    targets += [tuple(x) for x in attrs.get("dept_targets") or [] if len(x) == 4]
    printed_code = "" if attrs.get("code_from") == "name" else r.get("code") or ""  # a code only where printed
    return {"src": r, "id": rid, "kind": r.get("kind"), "code": printed_code, "label": r.get("label") or "",
            "targets": [{"id": f"{rid}i{k}", "level1": a, "level2": b, "indicator": c, "value": v}
                        for k, (a, b, c, v) in enumerate(targets)]}


def _panel_rows(rows: list[dict]) -> list[tuple[str | None, list[dict]]]:
    """The table's rows by the side or block they are printed in. Sides or blocks become panels
    printed next to each other only when they share printed lines; blocks printed one after
    another stay one grid."""
    def part(r: dict) -> str | None:
        attrs = r["src"].get("attrs") or {}
        return attrs.get("side") or (f"block:{attrs['block']}" if attrs.get("block") else None)

    names = list(dict.fromkeys(part(r) for r in rows))
    if len(names) > 1 and None not in names:
        lines: dict[tuple, set] = {}
        for r in rows:
            lines.setdefault((r["src"].get("page"), r["src"].get("line")), set()).add(part(r))
        if any(len(v) > 1 for k, v in lines.items() if k[1] is not None):
            return [(n, [r for r in rows if part(r) == n]) for n in names]
    return [(None, rows)]


def _panel(name: str | None, columns: list[dict], rows: list[dict], last: bool, kind: str | None) -> dict:
    """One side of the table with its own columns: those the header gave this side; where the
    header names no sides, the last side prints them all and the others those their rows fill.
    编码 when its rows print codes."""
    side = name if name in SIDE_TITLES else None
    chosen = [c for c in columns if c.get("side") == side] if side and any(c.get("side") for c in columns) else \
        [c for c in columns if not c.get("side")] or list(columns)
    if name is not None and not last and not any(c.get("side") for c in columns):
        filled = {c["column"] for r in rows for c in r["src"].get("cells") or []}
        chosen = [c for c in chosen if c["role"] in filled] or chosen[:1]
    out, roles = [], []
    for c in chosen:  # one column per role (a header can name a role twice)
        if c["role"] not in roles:
            out.append(c)
            roles.append(c["role"])
    for r in rows:  # a cell in a column the header did not name still shows
        for c in r["src"].get("cells") or []:
            if c["column"] not in roles:
                roles.append(c["column"])
                out.append({"role": c["column"], "label": role_label(c["column"], _kind(kind))})
    cols = [{**c, "path": [x for x in _PATH.split(c.get("label") or c["role"]) if x] or [c["role"]]} for c in out]
    title = SIDE_TITLES.get(name or "") or ""
    return {"name": name, "title": title, "columns": cols, "roles": roles, "rows": rows,
            "has_codes": any(r["code"] for r in rows)}


def _header(paths: list[list[str]], depth: int) -> list[list[dict]]:
    """Header rows as printed, from each column's header path: a header text spanning the
    columns below it is one merged cell (colspan), a column whose header ends higher reaches
    down to the last header row (rowspan)."""
    rows: list[list[dict]] = [[] for _ in range(depth)]
    for level in range(depth):
        ci = 0
        while ci < len(paths):
            path = paths[ci]
            if len(path) <= level:
                ci += 1
                continue
            if len(path) == level + 1:  # a leaf: down to the last header row
                rows[level].append({"text": path[level], "colspan": 1, "rowspan": depth - level})
                ci += 1
                continue
            span = 1
            while ci + span < len(paths) and len(paths[ci + span]) > level + 1 \
                    and paths[ci + span][:level + 1] == path[:level + 1]:
                span += 1
            rows[level].append({"text": path[level], "colspan": span, "rowspan": 1})
            ci += span
    return rows


def _lines(panels: list[dict]) -> list[list[dict | None]]:
    """Printed lines: one row of each panel that stands on the line (None where a side has none)."""
    if len(panels) == 1:
        return [[r] for r in panels[0]["rows"]]
    keys: dict[tuple, list[list[dict]]] = {}
    order = []
    for pi, p in enumerate(panels):
        for n, r in enumerate(p["rows"]):
            line = r["src"].get("line")
            key = (r["src"].get("page") or 0, line) if line is not None else (10 ** 9, pi, n)
            if key not in keys:
                keys[key] = [[] for _ in panels]
                order.append(key)
            keys[key][pi].append(r)
    out = []
    for key in sorted(order, key=lambda k: (k[0], k[1] if len(k) == 2 else k[1:])):
        slots = keys[key]
        for k in range(max(len(x) for x in slots)):
            out.append([x[k] if k < len(x) else None for x in slots])
    return out


class DocumentView:
    def __init__(self, model: dict, findings: list[dict]):
        self.model = model
        self.findings = sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f["severity"], 3), f["code"]))
        self.tables = [self._table(ti, t) for ti, t in enumerate(model.get("tables") or [])]
        self.cells: dict[str, tuple[str, list[str]]] = {}  # cell id -> (worst severity, messages)
        self.places: list[list[Place]] = [[self._locate(loc, fi) for loc in (f.get("locations") or [])
                                           + (f.get("related") or [])] for fi, f in enumerate(self.findings)]

    @staticmethod
    def _table(ti: int, t: dict) -> dict:
        rows = [_row(ti, ri, r) for ri, r in enumerate(t.get("rows") or [])]
        parts = _panel_rows(rows)
        panels = [_panel(name, t.get("columns") or [], members, pi == len(parts) - 1, t.get("kind"))
                  for pi, (name, members) in enumerate(parts)]
        for p in panels:
            for r in p["rows"]:
                by_role = {c["column"]: c for c in r["src"].get("cells") or []}
                r["cells"] = [by_role[role]["printed"] if role in by_role else "" for role in p["roles"]]
                r["panel"] = p
        titled = len(panels) > 1 and any(p["title"] and not all(c["path"][0] == p["title"] for c in p["columns"])
                                         for p in panels)
        paths = [[([p["title"]] if titled else []) + c["path"] for c in p["columns"]] for p in panels]
        depth = max((len(x) for ps in paths for x in ps), default=1)
        for p, ps in zip(panels, paths):
            p["header"] = _header(ps, depth)
        return {"id": f"t{ti}", "title": t.get("title") or "", "kind_label": t.get("kind_label") or "",
                "label": t.get("label"), "unit": t.get("unit"), "page": t.get("page"), "line": t.get("line"),
                "panels": panels, "depth": depth, "lines": _lines(panels), "rows": rows,
                "width": sum(len(p["roles"]) + 1 + p["has_codes"] for p in panels),
                "empty": t.get("empty"), "notes": t.get("notes") or [], "warnings": t.get("warnings") or [],
                "reading": t.get("reading"), "findings": []}

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
            row = self._find_row(t, loc)
            if row is not None:
                anchor = row["id"] + "l"
                col = loc.get("column")
                columns = row["panel"]["columns"]
                filled = [ci for ci, v in enumerate(row["cells"]) if v]
                named = [ci for ci in filled if col and col in (columns[ci]["label"], columns[ci]["role"],
                                                                 columns[ci]["path"][-1])]
                indicator = [x for x in row["targets"] if col and col == x["indicator"]]
                if indicator:
                    anchor = indicator[0]["id"]
                elif named or (col and len(filled) == 1):  # a one-figure row: the figure is the one meant
                    anchor = f"{row['id']}c{(named or filled)[0]}"
            if anchor in (t["id"], f"{row['id']}l" if row else None) and fi not in t["findings"]:
                t["findings"].append(fi)  # not at a cell: listed under its table too
            break
        if anchor is not None:
            self._mark(anchor, fi)
        return Place(text, anchor, loc.get("page"), loc.get("line"))

    @staticmethod
    def _find_row(t: dict, loc: dict) -> dict | None:
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

    def table_findings(self, t: dict) -> list[dict]:
        """The findings about a table, or a row of it, that no cell of it shows."""
        return [self.findings[fi] | {"index": fi} for fi in t["findings"]]

    def finding_items(self) -> list[dict]:
        return [{"index": fi, **f, "severity_label": SEVERITY_LABELS.get(f["severity"], f["severity"]),
                 "places": self.places[fi]} for fi, f in enumerate(self.findings)]
