"""Column layouts for text that lost its blank cells, derived from the table declarations.

Each layout is the printed order of a kind's leaf columns (reference/tables.yaml `layouts`) with
the identities among them: a declared identity whose parts the layout does not print is taken
through the parts' own parts (基本支出 = 人员经费 + 公用经费 becomes 基本支出 = 工资福利 + 对个人和家庭
+ 商品和服务 + 资本性 where only those four are printed).
"""

from __future__ import annotations

from functools import lru_cache

from yusuan.model.disclosure import TableKind
from yusuan.recognise.align import Template
from yusuan.reference.tables import TableSchema, role_label, schema


def _expand(sch: TableSchema, role: str, layout: set[str], depth: int = 0) -> list[str]:
    if role in layout:
        return [role]
    if depth > 4:
        return []
    for ident in sch.identities:
        if ident.whole == (role,):
            out: list[str] = []
            for p in ident.parts + ident.optional:
                out += _expand(sch, p, layout, depth + 1)
            if out:
                return out
    return []


def layout_template(sch: TableSchema, roles: tuple[str, ...], name: str) -> Template:
    present = set(roles)
    identities: list[tuple[str, tuple[str, ...]]] = []
    for ident in sch.identities:
        if len(ident.whole) != 1 or ident.whole[0] not in present or any(u in present for u in ident.unless):
            continue
        parts: list[str] = []
        for p in ident.parts + ident.optional:
            for q in _expand(sch, p, present):
                if q not in parts:
                    parts.append(q)
        if parts and (ident.whole[0], tuple(parts)) not in identities:
            identities.append((ident.whole[0], tuple(parts)))
    of_which = tuple((c.role, c.within) for c in sch.columns if c.of_which and c.role in present and c.within in present)
    return Template(name, roles, tuple(identities), dict(sch.prior), of_which)


@lru_cache(maxsize=None)
def layouts(kind: TableKind) -> tuple[Template, ...]:
    sch = schema(kind)
    if sch is None:
        return ()
    return tuple(layout_template(sch, lay, f"{kind.value}-{i}") for i, lay in enumerate(sch.layouts))


def group_of(kind: TableKind = TableKind.EXPENDITURE) -> dict[str, str]:
    """Which leaf columns belong to 人员经费 and to 公用经费 when no subtotal column is printed."""
    sch = schema(kind)
    return {c.role: c.within for c in sch.columns if c.within in ("personnel", "public")} if sch else {}


EXPENDITURE_TEMPLATES = layouts(TableKind.EXPENDITURE)
ECONOMIC_BASIC = layouts(TableKind.GENERAL_BASIC)[0]
ECONOMIC_SINGLE = layouts(TableKind.OPERATING)[0]
ECONOMIC_SUMMARY = layouts(TableKind.ECONOMIC_SUMMARY)[0]
THREE_PUBLIC = layouts(TableKind.THREE_PUBLIC)[0]
INCOME, INCOME_SIMPLE = layouts(TableKind.INCOME)
FUNDED = layouts(TableKind.PROJECT)[0]
PERFORMANCE_FUNDS = layouts(TableKind.PROJECT_PERFORMANCE)[0]
FISCAL_EXPENDITURE = layouts(TableKind.FISCAL_SUMMARY)[0]
GROUP_OF = group_of()


def label(role: str, kind: TableKind | None = None) -> str:
    return role_label(role, kind)
