"""Put a row's printed values into its columns using the table's identities.

Free text drops blank cells, so '71.86 65.66 63.22 2.44 6.20 6.20' under nine columns does not
say which column each value belongs to. The budget's own identities do (合计 = 基本 + 项目,
基本 = 人员 + 公用 …): every order-preserving placement is scored by the identities it
satisfies within rounding, with small priors and hints to break ties, and the best wins. The
search is a depth-first branch and bound: an identity is scored as soon as the last of its
columns has been passed, so placements that break one are dropped early.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

VIOLATION = -3.0
ROUNDED = 0.8
ORPHAN = -0.5
PRIOR_WEIGHT = 0.01
HINT_WEIGHT = 0.3


@dataclass(frozen=True)
class Template:
    """Leaf columns in printed order and the identities among them (parent = Σ children)."""

    name: str
    roles: tuple[str, ...]
    identities: tuple[tuple[str, tuple[str, ...]], ...] = ()
    prior: dict = field(default_factory=dict, compare=False, hash=False)
    of_which: tuple[tuple[str, str], ...] = ()  # (part, whole): 其中 columns never exceed their whole


@dataclass
class Placement:
    roles: tuple[str, ...]  # one per value
    score: float
    violations: int
    exact: bool = False  # read from grid positions rather than inferred from identities


def half_unit(values: list[Decimal]) -> Decimal:
    exps = [v.as_tuple().exponent for v in values]
    ints = [e for e in exps if isinstance(e, int)]
    exp = min(ints) if ints else -2
    return Decimal(5).scaleb(exp - 1)


def identity_gain(p: Decimal | None, cs: list[Decimal | None], tol_unit: Decimal) -> tuple[float, int]:
    present = [c for c in cs if c is not None]
    if p is None and not present:
        return 0.0, 0
    total = sum(present, Decimal(0))
    diff = abs((p or Decimal(0)) - total)
    if (p is None or not present) and diff != 0:
        # a part without its whole (or a whole without parts) holds only if it rounds to zero:
        # no support for this reading, and a mild penalty where rounding is all that saves it
        return (ORPHAN, 0) if diff <= tol_unit * max(1, len(cs)) else (VIOLATION, 1)
    if diff == 0:
        return 1.0 + 0.1 * len(present), 0
    if diff <= tol_unit * max(1, len(cs)):
        # within rounding (四舍五入尾数误差): allowed, but an exact sum is the likelier reading —
        # otherwise a stray 0.01 would fit almost any column
        return ROUNDED + 0.1 * len(present), 0
    return VIOLATION, 1


_CACHE: dict = {}


NEAR_CAP = 16


def place(values: list[Decimal], tmpl: Template, hint: dict[str, Decimal] | None = None,
          prior: dict[str, float] | None = None, keep: int = 6) -> list[Placement]:
    """The best placements of `values` (in printed order) into `tmpl.roles`, best first.

    Memoised: tables repeat the same figures (a unit row equals the 合计 row)."""
    key = (tmpl.name, tuple(values), tuple(sorted((hint or {}).items())), tuple(sorted((prior or {}).items())), keep)
    hit = _CACHE.get(key)
    if hit is None:
        if len(_CACHE) > 4096:
            _CACHE.clear()
        hit = _CACHE[key] = _place(values, tmpl, hint, prior, keep)
    return list(hit)


def _place(values: list[Decimal], tmpl: Template, hint: dict[str, Decimal] | None,
           prior: dict[str, float] | None, keep: int) -> list[Placement]:
    n, k = len(tmpl.roles), len(values)
    if k == 0:
        return [Placement((), 0.0, 0)]
    if k > n:
        return []
    pri = dict(tmpl.prior)
    if prior:
        pri.update(prior)
    hint = hint or {}
    tol = half_unit(values)
    pos = {r: i for i, r in enumerate(tmpl.roles)}
    # (whole, parts, last position involved, is an of-which pair)
    ids: list[tuple[int, list[int], int, bool]] = []
    for parent, children in tmpl.identities:
        ch = [pos[c] for c in children if c in pos]
        ids.append((pos[parent], ch, max([pos[parent]] + ch), False))
    for part, whole in tmpl.of_which:
        ids.append((pos[whole], [pos[part]], max(pos[whole], pos[part]), True))
    ids.sort(key=lambda x: x[2])
    max_gain = [0.0 if ow else 1.0 + 0.1 * (len(ch) + 1) for _, ch, _, ow in ids]
    suffix_gain = [0.0] * (len(ids) + 1)
    for i in range(len(ids) - 1, -1, -1):
        suffix_gain[i] = suffix_gain[i + 1] + max_gain[i]
    # Early doom: with non-negative figures, once a part is placed whose whole was passed blank, or
    # the parts placed so far exceed their whole, that identity can gain at most ORPHAN: the bound
    # charges for it at once instead of at the identity's last column.
    child_of: list[list[int]] = [[] for _ in range(n)]
    for j, (_, ch, _, ow) in enumerate(ids):
        if not ow:
            for c in ch:
                child_of[c].append(j)
    loss_of = [g - ORPHAN for g in max_gain]
    doomed = [False] * len(ids)
    nonneg = all(v >= 0 for v in values)
    top = sorted((pri.get(r, 0.0) for r in tmpl.roles), reverse=True)[:k]
    slack = PRIOR_WEIGHT * sum(top) + HINT_WEIGHT * len(hint) + 1e-9
    total_first = tmpl.roles[0] == "total"
    results: list[Placement] = []
    best = [float("-inf")]
    slots: list[Decimal | None] = [None] * n

    def value_bonus(p: int, v: Decimal) -> float:
        # priors reward where non-zero figures go; a printed 0.00 says little about its column
        b = PRIOR_WEIGHT * pri.get(tmpl.roles[p], 0.0) if v != 0 else 0.0
        h = hint.get(tmpl.roles[p])
        if h is not None:
            b += HINT_WEIGHT if abs(h - v) <= tol * 2 else -HINT_WEIGHT
        return b

    def doom(p: int, v: Decimal) -> list[int]:
        newly = []
        for j in child_of[p]:
            par, ch, last, _ = ids[j]
            if doomed[j] or par > p or last <= p:
                continue  # whole not decided yet, or scored right now anyway
            whole = slots[par]
            placed = sum((slots[c] for c in ch if c <= p and slots[c] is not None), Decimal(0))
            if (whole is None and v != 0) or (whole is not None and placed > whole + tol * max(1, len(ch))):
                doomed[j] = True
                newly.append(j)
        return newly

    def evaluate(upto_pos: int, id_i: int, score: float, viol: int, loss: float) -> tuple[int, float, int, float]:
        while id_i < len(ids) and ids[id_i][2] <= upto_pos:
            if doomed[id_i]:
                loss -= loss_of[id_i]
            p, ch, _, of_which = ids[id_i]
            if of_which:  # only a part larger than its whole is wrong
                part, whole = slots[ch[0]], slots[p]
                if part is not None and part > (whole or Decimal(0)) + tol:
                    score += VIOLATION
                    viol += 1
                id_i += 1
                continue
            g, v = identity_gain(slots[p], [slots[c] for c in ch], tol)
            score += g
            viol += v
            id_i += 1
        return id_i, score, viol, loss

    def dfs(vi: int, next_pos: int, id_i: int, score: float, viol: int, loss: float, chosen: list[int]) -> None:
        if score + suffix_gain[id_i] - loss + slack < best[0] - 0.7:
            return
        if vi == k:
            _, s, v, _ = evaluate(n, id_i, score, viol, loss)
            for role, hv in hint.items():
                if role in pos and slots[pos[role]] is None and hv != 0:
                    s -= HINT_WEIGHT
            results.append(Placement(tuple(tmpl.roles[i] for i in chosen), s, v))
            if s > best[0]:
                best[0] = s
            return
        # a printed zero says nothing about its column but its order: it takes the first free
        # column, which leaves every column after it open to the figures that follow
        last = next_pos + 1 if values[vi] == 0 else n - (k - vi) + 1
        if vi == 0 and total_first:
            last = 1  # a row with figures prints its 合计: the first figure is the total, whatever else is wrong
        for p in range(next_pos, last):
            slots[p] = values[vi]
            newly = doom(p, values[vi]) if nonneg else []
            ni, s, v, lo = evaluate(p, id_i, score + value_bonus(p, values[vi]), viol,
                                    loss + sum(loss_of[j] for j in newly))
            chosen.append(p)
            dfs(vi + 1, p + 1, ni, s, v, lo, chosen)
            chosen.pop()
            for j in newly:
                doomed[j] = False
            slots[p] = None

    dfs(0, 0, 0, 0.0, 0, 0.0, [])
    results.sort(key=lambda r: -r.score)
    # every reading the identities cannot tell apart stays (up to NEAR_CAP): the column totals
    # choose among them later (recognise/settle.py), and a cut list may have lost the right one
    near = sum(1 for r in results if results[0].score - r.score < 0.6) if results else 0
    return results[:max(keep, min(near, NEAR_CAP))]


def is_ambiguous(cands: list[Placement]) -> bool:
    """True when the two best placements differ only by priors, not by identities."""
    return len(cands) > 1 and cands[0].violations == cands[1].violations and cands[0].score - cands[1].score < 0.2
