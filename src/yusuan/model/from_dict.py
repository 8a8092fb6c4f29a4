"""A stored model back into a `Disclosure`: the JSON of `yusuan parse --format json` (as the
database keeps it) read back, so stored documents can be audited and compared without
reading their originals again. What the JSON does not carry (source lines) stays empty.

The JSON is our own output but it sits in a database: every field is checked for its type
and a malformed entry is skipped, never trusted."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from yusuan.model.amount import WAN, YUAN, Amount
from yusuan.model.disclosure import Cell, Column, Disclosure, Narrative, Row, Statement, Table, TableKind
from yusuan.model.location import Location
from yusuan.model.reading import IdentityResult, Reading, STATUSES

_KINDS = {k.value: k for k in TableKind}


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) else None


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


_NUMBER = re.compile(r"-?\d{1,20}(?:\.\d{1,10})?")


def _decimal(v: Any) -> Decimal | None:
    """A plain decimal as the model writes it ('9746.50'); nothing else (no exponents, no 'NaN')."""
    if not isinstance(v, str):
        return None
    t = v.replace(",", "")
    if not _NUMBER.fullmatch(t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        return None


def _location(d: dict) -> Location:
    bbox = d.get("bbox")
    box = tuple(float(x) for x in bbox) if isinstance(bbox, list) and len(bbox) == 4 and all(
        isinstance(x, (int, float)) for x in bbox) else None
    conf = d.get("ocr_confidence")
    return Location(line=_int(d.get("line")), page=_int(d.get("page")), sheet=_str(d.get("sheet")),
                    cell=_str(d.get("cell")), bbox=box,  # type: ignore[arg-type]
                    confidence=float(conf) if isinstance(conf, (int, float)) else None)


def _amount(printed: Any, value: Any, unit: str) -> Amount | None:
    """The printed text where it parses in its unit, else the 万元 value."""
    p = _decimal(printed)
    if p is not None:
        return Amount(p, unit, printed.replace(",", "") if unit == WAN else printed)
    v = _decimal(value)
    return Amount(v, WAN, str(value)) if v is not None else None


def _cell(d: dict) -> Cell | None:
    role = _str(d.get("column"))
    unit = YUAN if d.get("unit") == YUAN else WAN
    amount = _amount(d.get("printed"), d.get("value"), unit)
    if role is None or amount is None:
        return None
    return Cell(role, amount, _location(d), inferred=d.get("inferred") is True, scope=_str(d.get("scope")))


def _row(d: dict) -> Row:
    cells = [c for c in (_cell(x) for x in d.get("cells") or [] if isinstance(x, dict)) if c is not None]
    attrs = d.get("attrs") if isinstance(d.get("attrs"), dict) else {}
    return Row(label=_str(d.get("label")) or "", location=_location(d), kind=_str(d.get("kind")) or "item",
               code=_str(d.get("code")), code_scheme=_str(d.get("code_scheme")),
               cells={c.role: c for c in cells}, attrs={str(k): _attr(v) for k, v in attrs.items()})


def _attr(v: Any) -> Any:
    """Text, or lists of text pairs (a form's targets), as the model wrote them."""
    if isinstance(v, list):
        return [tuple(str(x) for x in p) if isinstance(p, list) else str(p) for p in v]
    return str(v)


def _reading(d: Any) -> Reading | None:
    if not isinstance(d, dict) or d.get("status") not in STATUSES:
        return None
    ids = [IdentityResult(str(i.get("rule", "")), str(i.get("identity", "")), _int(i.get("held")) or 0,
                          _int(i.get("failed")) or 0, [str(x) for x in i.get("failed_rows") or []])
           for i in d.get("identities") or [] if isinstance(i, dict)]
    return Reading(status=d["status"], method=_str(d.get("method")) or "header",
                   evidence=[str(x) for x in d.get("evidence") or []], identities=ids,
                   columns=[c for c in d.get("columns") or [] if isinstance(c, dict)],
                   realigned=[str(x) for x in d.get("realigned") or []],
                   inferred_cells=_int(d.get("inferred_cells")) or 0)


def _table(d: dict) -> Table | None:
    kind = _KINDS.get(d.get("kind"))  # type: ignore[arg-type]
    if kind is None:
        return None
    cols = [Column(str(c["role"]), str(c.get("label", "")), _str(c.get("measure")), _str(c.get("scope")),
                   _str(c.get("side"))) for c in d.get("columns") or [] if isinstance(c, dict) and c.get("role")]
    return Table(kind=kind, title=_str(d.get("title")) or kind.label, location=_location(d), label=_str(d.get("label")),
                 year=_int(d.get("year")), unit=YUAN if d.get("unit") == YUAN else WAN, columns=cols,
                 rows=[_row(r) for r in d.get("rows") or [] if isinstance(r, dict)],
                 notes=[str(n) for n in d.get("notes") or []], end_line=_int(d.get("end_line")),
                 scope=_str(d.get("scope")), reading=_reading(d.get("reading")))


def _statement(d: dict) -> Statement:
    amount = _amount(d.get("printed"), d.get("amount"), WAN) if d.get("amount") is not None else None
    change = _decimal(d.get("change_amount"))
    share, pct, done = (_decimal(d.get(k)) for k in ("share", "change_pct", "completion_pct"))
    return Statement(subject=_str(d.get("subject")) or "", location=_location(d), text=_str(d.get("text")) or "",
                     key=_str(d.get("key")), amount=amount, count=_int(d.get("count")),
                     share=share, share_printed=_str(d.get("share")) if share is not None else None,
                     change_amount=Amount(change, WAN, str(change)) if change is not None else None,
                     change_pct=pct, change_pct_printed=_str(d.get("change_pct")) if pct is not None else None,
                     direction=_str(d.get("direction")), reason=_str(d.get("reason")), section=_str(d.get("section")),
                     measure=_str(d.get("measure")), completion_pct=done,
                     completion_printed=_str(d.get("completion_pct")) if done is not None else None,
                     completion_base=_str(d.get("completion_base")), versus_budget=_str(d.get("versus_budget")),
                     versus_base=_str(d.get("versus_base")), item=_str(d.get("item")))


def disclosure_from_dict(model: dict, source: str | None = None) -> Disclosure:
    """The disclosure a stored model describes (tables, narrative statements, metadata)."""
    narrative = model.get("narrative") if isinstance(model.get("narrative"), dict) else {}
    doc_type = model.get("doc_type")
    return Disclosure(
        source=source or _str(model.get("source")) or "", format=_str(model.get("format")) or "",
        unit_name=_str(model.get("unit_name")), year=_int(model.get("year")), scope=_str(model.get("scope")),
        doc_type=doc_type if doc_type in ("budget", "final", "adjusted") else None,
        template_name=_str(model.get("template_name")), blank_template=model.get("blank_template") is True,
        template=_str(model.get("template")),
        units=[u for u in model.get("units") or [] if isinstance(u, dict)],
        tables=[t for t in (_table(x) for x in model.get("tables") or [] if isinstance(x, dict)) if t is not None],
        narrative=Narrative(statements=[_statement(s) for s in narrative.get("statements") or [] if isinstance(s, dict)],
                            sections=[str(s) for s in narrative.get("sections") or []]),
        contents=[str(c) for c in model.get("contents") or []])
