"""Placing one table row's amounts into columns, and writing them as cells.

Where the source kept the grid (tabs, markdown), positions say which column a value is in: when
the row has exactly the template's number of value slots, or — for tables with one template —
fewer, filling the template's first columns. Otherwise the identity search of `align.place` does.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.model.amount import Amount
from yusuan.model.disclosure import Cell, Row
from yusuan.recognise.align import Placement, Template, place
from yusuan.recognise.block import loc
from yusuan.recognise.rows import RawRow


def grid_slots(raw: RawRow) -> list[str] | None:
    """The row's cells from its first amount on, blanks kept; None without a grid."""
    if raw.grid is None or not raw.amounts or raw.amounts[0].col is None:
        return None
    return raw.grid[raw.amounts[0].col:]


def row_placements(raw: RawRow, amts: list[Amount], tmpl: Template, hint: dict[str, Decimal] | None = None,
                   prior: dict[str, float] | None = None, grid_prefix: bool = False) -> list[Placement]:
    """grid_prefix: a grid row narrower than the template fills its first columns (only right
    where the table has a single template; where the width picks the variant it must match)."""
    slots = grid_slots(raw)
    if slots is not None and grid_prefix:
        while slots and not slots[-1]:  # trailing blank cells say nothing in prefix mode
            slots = slots[:-1]
    if slots is not None and (len(slots) == len(tmpl.roles) or grid_prefix and len(slots) < len(tmpl.roles)):
        return [Placement(tuple(tmpl.roles[i] for i, c in enumerate(slots) if c), 0.0, 0, exact=True)]
    return place([a.value for a in amts], tmpl, hint=hint, prior=prior)


def fill_cells(row: Row, raw: RawRow, amts: list[Amount], placement: Placement, width: int) -> None:
    """Write the placed amounts as cells. A cell is `inferred` when the search chose its column:
    not read from the grid, and not the only order-preserving fit (values fewer than columns)."""
    inferred = not placement.exact and len(amts) < width
    for role, a, tok in zip(placement.roles, amts, raw.amounts):
        row.cells[role] = Cell(role, a, loc(tok.line, tok.col), inferred=inferred)
