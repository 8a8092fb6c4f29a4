"""What the web pages and the API ask of the database: lists, histories, comparisons, counts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, defer, joinedload

from yusuan.store.schema import Document, Finding, Unit

# Figures of a document's `facts.totals` shown in summaries, with their Chinese names.
TOTALS = {
    "expenditure_total": "支出总计", "basic": "基本支出", "project": "项目支出", "personnel": "人员经费",
    "public": "公用经费", "three_public_total": "“三公”经费", "abroad": "因公出国（境）费",
    "vehicle_total": "公务用车购置及运行费", "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费", "operating_expenses": "机关运行经费",
}
THREE_PUBLIC = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")
SHARES = {"basic_share": ("basic", "基本支出占比"), "project_share": ("project", "项目支出占比"),
          "three_public_share": ("three_public_total", "“三公”经费占比")}
SORTS = ("unit", "unit_code", "expenditure_total", "basic", "project", "three_public_total", *THREE_PUBLIC,
         "basic_share", "project_share", "three_public_share", "operating_expenses", "errors", "warnings")


@dataclass
class DocumentFilter:
    year: int | None = None
    region: str | None = None
    unit: str | None = None
    scope: str | None = None
    has_errors: bool | None = None
    rule: str | None = None
    all_versions: bool = False
    doc_type: str | None = None  # budget / final / adjusted
    sort: str = "year"  # one of LIST_SORTS
    descending: bool = True


# The document list's sort keys: the columns a reader sorts by (ties: year, name, version).
LIST_SORTS = {"year": Document.year, "unit": Document.unit_name, "unit_code": Unit.code, "region": Unit.region,
              "doc_type": Document.doc_type, "format": Document.format, "version": Document.version,
              "errors": Document.errors, "warnings": Document.warnings, "imported": Document.imported_at}


def documents(s: Session, f: DocumentFilter, limit: int = 50, offset: int = 0) -> tuple[int, list[Document]]:
    q = select(Document).join(Unit, Document.unit_id == Unit.id)
    if not f.all_versions:
        q = q.where(Document.current)
    if f.year is not None:
        q = q.where(Document.year == f.year)
    if f.region:
        q = q.where(Unit.region.startswith(f.region))
    if f.unit:
        q = q.where(Document.unit_name.contains(f.unit.strip()) | (Unit.code == f.unit.strip()))
    if f.scope:
        q = q.where(Document.scope == f.scope)
    if f.doc_type:
        q = q.where(Document.doc_type == f.doc_type)
    if f.has_errors is True:
        q = q.where(Document.errors > 0)
    elif f.has_errors is False:
        q = q.where(Document.errors == 0)
    if f.rule:
        q = q.where(exists().where(Finding.document_id == Document.id, Finding.code == f.rule.strip().upper()))
    total = s.scalar(select(func.count()).select_from(q.subquery())) or 0
    column = LIST_SORTS.get(f.sort, Document.year)
    key = (column.desc() if f.descending else column.asc()).nulls_last()
    page = s.scalars(q.options(joinedload(Document.unit), defer(Document.model))
                     .order_by(key, Document.year.desc(), Document.unit_name, Document.version.desc(), Document.id)
                     .limit(limit).offset(offset)).all()
    return total, list(page)


def facets(s: Session) -> dict:
    """The values the list's filters offer: years, regions, rule codes that fire."""
    return {
        "years": [y for y in s.scalars(select(Document.year).distinct().order_by(Document.year.desc())) if y],
        "regions": [r for r in s.scalars(select(Unit.region).distinct().order_by(Unit.region)) if r],
        "rules": list(s.scalars(select(Finding.code).distinct().order_by(Finding.code))),
    }


def headline(model: dict) -> dict:
    """What lists, unit pages and comparisons show of a model, stored beside it (documents.headline)
    so that they never parse whole models: the stated totals and the 类 totals."""
    facts = model.get("facts") or {}
    totals = facts.get("totals") or {}
    return {"facts": {"totals": {k: totals[k] for k in (*TOTALS, "income_total") if totals.get(k) is not None},
                      "function_class_totals": [{k: r.get(k) for k in ("code", "name", "total")}
                                                for r in facts.get("function_class_totals") or []]}}


def amounts(model: dict) -> dict[str, Decimal]:
    """The summary figures a document states (never filled in: what is not stated is absent)."""
    totals = (model.get("facts") or {}).get("totals") or {}
    out = {k: Decimal(totals[k]) for k in TOTALS if totals.get(k) is not None}
    if "expenditure_total" not in out and totals.get("income_total"):
        out["expenditure_total"] = Decimal(totals["income_total"])
    return out


def pct(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def summary(doc: Document) -> dict:
    """A document's headline figures, with the identity of its unit (id, code, region)."""
    shown = doc.headline if doc.headline is not None else headline(doc.model)
    a = amounts(shown)
    unit = doc.unit
    row = {"document_id": doc.id, "unit_id": doc.unit_id, "unit": doc.unit_name, "unit_code": unit.code,
           "region": unit.region, "year": doc.year, "scope": doc.scope, "doc_type": doc.doc_type,
           "version": doc.version, "errors": doc.errors, "warnings": doc.warnings, **a}
    for key, (part, _) in SHARES.items():
        row[key] = pct(a.get(part), a.get("expenditure_total"))
    row["functions"] = function_classes(shown)
    return row


def function_classes(model: dict) -> dict[str, tuple[str, Decimal]]:
    """类 code -> (its catalogue name, total): one key per class however a document words it
    (文化旅游体育与传媒 / 文化体育旅游与传媒支出 are both 207)."""
    from yusuan.reference.catalogue import catalogue

    out: dict[str, tuple[str, Decimal]] = {}
    for r in (model.get("facts") or {}).get("function_class_totals") or []:
        if r.get("total") is None:
            continue
        code = r.get("code") or catalogue().function_class_by_name(r.get("name") or "") or r.get("name") or "?"
        names = catalogue().function.get(code) or [r.get("name") or code]
        name, total = out.get(code, (names[-1], Decimal("0")))
        out[code] = (name, total + Decimal(r["total"]))
    return out


def unit_history(s: Session, unit_id: int) -> tuple[Unit | None, list[dict], list[Unit]]:
    """A unit's current documents year by year, and the units it contains (for a 部门)."""
    unit = s.get(Unit, unit_id)
    if unit is None:
        return None, [], []
    docs = s.scalars(select(Document).options(defer(Document.model)).where(Document.unit_id == unit_id, Document.current)
                     .order_by(Document.year, Document.doc_type, Document.scope)).all()
    members = s.scalars(select(Unit).where(Unit.parent_id == unit_id).order_by(Unit.name)).all()
    return unit, [summary(d) for d in docs], list(members)


def comparison(s: Session, year: int | None, region: str | None = None, scope: str | None = None,
               sort: str = "expenditure_total", descending: bool = True, doc_type: str | None = "budget") -> list[dict]:
    """Current documents of one year and one type (预算 or 决算) side by side, sorted; figures not
    stated sort last."""
    q = select(Document).join(Unit, Document.unit_id == Unit.id).where(Document.current)
    if doc_type:
        q = q.where(Document.doc_type == doc_type)
    if year is not None:
        q = q.where(Document.year == year)
    if region:
        q = q.where(Unit.region.startswith(region))
    if scope:
        q = q.where(Document.scope == scope)
    rows = [summary(d) for d in s.scalars(q.options(joinedload(Document.unit), defer(Document.model)))]
    key = sort if sort in SORTS else "expenditure_total"
    stated = [r for r in rows if r.get(key) is not None]
    missing = [r for r in rows if r.get(key) is None]
    stated.sort(key=lambda r: (r[key], r["unit_id"]), reverse=descending)
    return stated + sorted(missing, key=lambda r: (r["unit"], r["unit_id"]))


def unit_labels(rows: list[dict]) -> list[str]:
    """Each row's unit as a reader tells it from the others: its name, then its code or region
    where another unit prints the same name, and 部门 for a department's own summary."""
    units_by_name: dict[str, set[int]] = {}
    for r in rows:
        units_by_name.setdefault(r["unit"], set()).add(r["unit_id"])
    out = []
    for row in rows:
        label = row["unit"] + ("（部门）" if row.get("scope") == "department" else "")
        if len(units_by_name[row["unit"]]) > 1:
            label += f"〔{row['unit_code']}〕" if row.get("unit_code") else \
                f"〔{row['region']}·#{row['unit_id']}〕" if row.get("region") else f"〔#{row['unit_id']}〕"
        out.append(label)
    return out
def rule_counts(s: Session, current_only: bool = True) -> dict[str, tuple[int, int]]:
    """Per rule code: how many findings, in how many documents."""
    q = (select(Finding.code, func.count(Finding.id), func.count(func.distinct(Finding.document_id)))
         .join(Document, Finding.document_id == Document.id).group_by(Finding.code))
    if current_only:
        q = q.where(Document.current)
    return {code: (n, docs) for code, n, docs in s.execute(q)}


def versions(s: Session, doc: Document) -> list[Document]:
    q = select(Document).where(Document.unit_id == doc.unit_id, Document.scope == doc.scope,
                               Document.doc_type == doc.doc_type)
    q = q.where(Document.year == doc.year) if doc.year is not None else q.where(Document.year.is_(None))
    return list(s.scalars(q.order_by(Document.version)))


def counterpart(s: Session, doc: Document) -> Document | None:
    """The current 预算 a 决算 accounts for (same unit, year and scope), or the current 决算 of a 预算."""
    if doc.year is None or doc.doc_type not in ("budget", "final"):
        return None
    other = "budget" if doc.doc_type == "final" else "final"
    return s.scalars(select(Document).where(Document.unit_id == doc.unit_id, Document.year == doc.year,
                                            Document.scope == doc.scope, Document.doc_type == other, Document.current)
                     .order_by(Document.version.desc()).limit(1)).first()


# What the unit page sets side by side for a year's 预算 and 决算.
BUDGET_VS_FINAL = ("expenditure_total", "basic", "project", "personnel", "public", "three_public_total",
                   "abroad", "vehicle_purchase", "vehicle_operation", "reception", "operating_expenses")


def budget_vs_final(history: list[dict]) -> list[dict]:
    """Per year and scope where both are stored: each figure as budgeted and as spent, the
    difference and the share spent (决算 / 预算 × 100, where the budget is not 0)."""
    out = []
    by_key: dict[tuple, dict[str, dict]] = {}
    for r in history:
        if r.get("doc_type") in ("budget", "final") and r.get("year"):
            by_key.setdefault((r["year"], r["scope"]), {})[r["doc_type"]] = r
    for (year, scope), pair in sorted(by_key.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        if len(pair) < 2:
            continue
        b, f = pair["budget"], pair["final"]
        rows = []
        for k in BUDGET_VS_FINAL:
            bv, fv = b.get(k), f.get(k)
            if bv is None and fv is None:
                continue
            rows.append({"key": k, "label": TOTALS[k], "budget": bv, "final": fv,
                         "difference": fv - bv if bv is not None and fv is not None else None,
                         "rate": pct(fv, bv)})
        out.append({"year": year, "scope": scope, "budget_id": b["document_id"], "final_id": f["document_id"],
                    "rows": rows})
    return out
