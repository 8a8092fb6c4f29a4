"""Settle placements a row alone leaves open, using the table's column totals.

With blank cells dropped, '3.38 3.38 3.38 3.38' fits 人员经费 as well as 公用经费. The total
row must equal the sum of the leaf rows in every column; a local search over the ambiguous
rows' alternatives finds the choice that makes the columns add up.
"""

from __future__ import annotations

import random
from decimal import Decimal

from yusuan.recognise.align import Placement


def _mismatch(total: Placement | None, total_vals, leaves: list[tuple[Placement, list[Decimal]]]) -> Decimal:
    sums: dict[str, Decimal] = {}
    for pl, vals in leaves:
        for r, v in zip(pl.roles, vals):
            sums[r] = sums.get(r, Decimal(0)) + v
    tot: dict[str, Decimal] = dict(zip(total.roles, total_vals)) if total else {}
    keys = set(sums) | set(tot)
    return sum((abs(tot.get(k, Decimal(0)) - sums.get(k, Decimal(0))) for k in keys), Decimal(0))


def choose_rows(cands: list[list[Placement]], vals: list[list[Decimal]], total_i: int | None,
                leaves: list[int]) -> list[int]:
    """The candidate index to use for every row: settled for the total row and the leaves."""
    choice = [0] * len(cands)
    if total_i is None or not leaves or len(cands[total_i]) < 1:
        return choice
    t_c, l_c = settle(cands[total_i], vals[total_i], [cands[i] for i in leaves], [vals[i] for i in leaves])
    choice[total_i] = t_c
    for i, c in zip(leaves, l_c):
        choice[i] = c
    return choice


def settle(total_cands: list[Placement] | None, total_vals: list[Decimal] | None,
           leaf_cands: list[list[Placement]], leaf_vals: list[list[Decimal]], max_rounds: int = 40) -> tuple[int, list[int]]:
    """Return the chosen candidate index for the total row and for each leaf row."""
    known: dict[int, list[int]] = {}

    def alts(cands: list[Placement]) -> list[int]:
        """The readings of a row that the identities cannot tell apart (computed once per row)."""
        key = id(cands)
        if key not in known:
            best = cands[0] if cands else None
            known[key] = [0] if best is None else [
                i for i, c in enumerate(cands) if c.violations == best.violations and best.score - c.score < 0.6]
        return known[key]

    t_choice = 0
    choice = [0] * len(leaf_cands)
    if total_cands is None or not total_cands:
        return t_choice, choice
    if len(alts(total_cands)) == 1 and all(len(alts(c)) == 1 for c in leaf_cands):
        return t_choice, choice  # every row has one reading: nothing to settle

    def cost_of(t: int, ch: list[int]) -> Decimal:
        return _mismatch(total_cands[t], total_vals,
                         [(leaf_cands[i][ch[i]], leaf_vals[i]) for i in range(len(leaf_cands)) if leaf_cands[i]])

    best = (cost_of(t_choice, choice), t_choice, list(choice))
    rng = random.Random(0)
    for restart in range(12):
        if best[0] == 0:
            break
        if restart:
            # local search can stall; restart from a random mix of the admissible alternatives
            t_choice = rng.choice(alts(total_cands))
            choice = [rng.choice(alts(c)) if c else 0 for c in leaf_cands]
        t_choice, choice, c = _descend(t_choice, choice, total_cands, total_vals, leaf_cands, leaf_vals, alts,
                                       max_rounds)
        if c < best[0]:
            best = (c, t_choice, list(choice))
    if best[0] != 0:
        exact = _exact(total_cands, total_vals, leaf_cands, leaf_vals, alts)
        if exact is not None:
            return exact
    return best[1], best[2]


def _exact(total_cands, total_vals, leaf_cands, leaf_vals, alts, budget: int = 60_000):
    """Where local search stalls, a complete search for the choice under which every column adds
    up exactly: rows are tried in turn, and a branch stops as soon as a column's running sum
    passes its total (the figures are not negative). Bounded by `budget` steps; None when it
    finds nothing within them."""
    if any(v < 0 for v in total_vals) or any(v < 0 for vals in leaf_vals for v in vals):
        return None
    rows = [i for i in range(len(leaf_cands)) if leaf_cands[i]]
    rows.sort(key=lambda i: len(alts(leaf_cands[i])))
    steps = [0]
    for t in alts(total_cands):
        target = dict(zip(total_cands[t].roles, total_vals))
        sums: dict[str, Decimal] = {}
        choice = [0] * len(leaf_cands)

        def search(k: int) -> bool:
            steps[0] += 1
            if steps[0] > budget:
                return False
            if k == len(rows):
                keys = set(sums) | set(target)
                return all(sums.get(r, Decimal(0)) == target.get(r, Decimal(0)) for r in keys)
            i = rows[k]
            for a in alts(leaf_cands[i]):
                pl = leaf_cands[i][a]
                added = list(zip(pl.roles, leaf_vals[i]))
                if any(r not in target for r, v in added if v):
                    continue  # a column the total row leaves blank
                for r, v in added:
                    sums[r] = sums.get(r, Decimal(0)) + v
                if all(sums[r] <= target.get(r, Decimal(0)) for r, _ in added):
                    choice[i] = a
                    if search(k + 1):
                        return True
                for r, v in added:
                    sums[r] -= v
            return False

        if search(0):
            return t, choice
        if steps[0] > budget:
            return None
    return None


class _Sums:
    """The leaf rows' column sums under the current choice, kept up to date move by move: trying
    one row's other reading costs the row's few columns, not a pass over every row (a table of
    hundreds of ambiguous rows is settled in linear time per move)."""

    def __init__(self, total_cands, total_vals, leaf_cands, leaf_vals, choice):
        self.total_cands, self.total_vals = total_cands, total_vals
        self.leaf_cands, self.leaf_vals = leaf_cands, leaf_vals
        self.sums: dict[str, Decimal] = {}
        for i, cands in enumerate(leaf_cands):
            if cands:
                self._add(i, choice[i], 1)

    def _add(self, i: int, a: int, sign: int) -> None:
        for r, v in zip(self.leaf_cands[i][a].roles, self.leaf_vals[i]):
            self.sums[r] = self.sums.get(r, Decimal(0)) + (v if sign > 0 else -v)

    def move(self, i: int, old: int, new: int) -> None:
        if self.leaf_cands[i]:
            self._add(i, old, -1)
            self._add(i, new, 1)

    def cost(self, t: int) -> Decimal:
        tot = dict(zip(self.total_cands[t].roles, self.total_vals))
        keys = set(self.sums) | set(tot)
        return sum((abs(tot.get(k, Decimal(0)) - self.sums.get(k, Decimal(0))) for k in keys), Decimal(0))


def _descend(t_choice, choice, total_cands, total_vals, leaf_cands, leaf_vals, alts, max_rounds):
    state = _Sums(total_cands, total_vals, leaf_cands, leaf_vals, choice)
    current = state.cost(t_choice)
    for _ in range(max_rounds):
        if current == 0:
            break
        improved = False
        for i, cands in enumerate(leaf_cands):
            for a in alts(cands):
                if a == choice[i]:
                    continue
                old = choice[i]
                state.move(i, old, a)
                choice[i] = a
                c = state.cost(t_choice)
                if c < current:
                    current, improved = c, True
                else:
                    state.move(i, a, old)
                    choice[i] = old
        for a in alts(total_cands):
            if a == t_choice:
                continue
            c = state.cost(a)
            if c < current:
                current, improved, t_choice = c, True, a
        if not improved:
            improved, current = _pair_moves(choice, leaf_cands, alts, state, t_choice, current)
        if not improved:
            break
    return t_choice, choice, current


def _pair_moves(choice, leaf_cands, alts, state, t_choice, current):
    """Two rows that swap columns together: one flip alone makes the totals worse."""
    open_rows = [i for i, c in enumerate(leaf_cands) if len(alts(c)) > 1][:24]
    for x in range(len(open_rows)):
        for y in range(x + 1, len(open_rows)):
            i, j = open_rows[x], open_rows[y]
            oi, oj = choice[i], choice[j]
            for a in alts(leaf_cands[i]):
                for b in alts(leaf_cands[j]):
                    if a == oi and b == oj:
                        continue
                    state.move(i, choice[i], a)
                    state.move(j, choice[j], b)
                    choice[i], choice[j] = a, b
                    c = state.cost(t_choice)
                    if c < current:
                        return True, c
            state.move(i, choice[i], oi)
            state.move(j, choice[j], oj)
            choice[i], choice[j] = oi, oj
    return False, current
