"""A 决算 against the 预算 it accounts for (决算与预算对照).

The 年初预算数 a 决算 prints (in its narrative, item by item, and in the 预算数 columns of its
tables) is by definition the budget the same unit published for that year. Where both
documents are at hand (two inputs of `yusuan check`, or both in the database) the figures are
compared: the 一般公共预算 total, each function class (类/款/项), the 三公 items. The findings
stand on the 决算 and carry both documents' places (`document` names the 预算).

Figures are compared within rounding; figures of a table the reader could not verify take part
in no finding (the table's own warning says so in its document). Severities are warnings: two
documents published a year apart may have been corrected in between, and the reviewer, not the
tool, decides which is right.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property

from yusuan.audit.context import Ctx, Figure
from yusuan.audit.finding import Finding
from yusuan.audit.registry import Rule, all_rules, rule
from yusuan.audit.rules.final_accounts import THREE_PUBLIC, THREE_PUBLIC_LABELS
from yusuan.audit.rules.text_vs_table import table_figure
from yusuan.model.disclosure import Disclosure, Row, Table, TableKind as K
from yusuan.model.rounding import fmt, same_tolerance, sum_tolerance
from yusuan.recognise.verify import grand_total
from yusuan.reference.catalogue import catalogue, name_key
from yusuan.store.identity import normalise_name


@dataclass
class Item:
    """One function class the 决算 gives a 年初预算 for, and the 预算's figure for it."""

    name: str  # '2120101 行政运行' or '行政运行（项）'
    final: Figure
    budget: Figure | None = None  # None: the 预算's table has no such class

    @property
    def difference(self) -> Decimal | None:
        return None if self.budget is None else self.final.value - self.budget.value

    @property
    def agrees(self) -> bool:
        return self.budget is not None and abs(self.final.value - self.budget.value) <= same_tolerance(
            self.final.amount, self.budget.amount)


@dataclass
class Pair:
    """A 决算 and the 预算 of the same unit and year."""

    final: Ctx
    budget: Ctx
    budget_name: str  # how the 预算 is named in messages and places: its file name

    @classmethod
    def of(cls, final: Disclosure, budget: Disclosure, budget_name: str) -> Pair:
        return cls(Ctx.of(final), Ctx.of(budget), budget_name)

    def there(self, f: Figure) -> Figure:
        """A figure of the 预算, placed in that document."""
        return replace(f, place=replace(f.place, document=self.budget_name))

    @property
    def label(self) -> str:
        year = self.budget.disc.year
        return f"{year} 年预算（{self.budget_name}）" if year else f"预算（{self.budget_name}）"

    @cached_property
    def budget_table(self) -> Table | None:
        t = self.budget.table(K.GENERAL_BUDGET)
        return t if t is not None and t.trusted else None

    @cached_property
    def items(self) -> list[Item]:
        """Per function class: the 决算's 年初预算 (its table's 预算数 column where printed, else the
        narrative's items) against the 预算's 一般公共预算支出表."""
        bt = self.budget_table
        if bt is None:
            return []
        out: list[Item] = []
        ft = self.final.table(K.GENERAL_BUDGET)
        if ft is not None and any(c.role == "budget.total" for c in ft.columns):
            rows = [r for r in ft.rows if r.code_scheme == "function" and r.code and "budget.total" in r.cells]
            leaves = [r for r in rows if len(r.code) == 7] or rows
            by_code = {r.code: r for r in bt.rows if r.code_scheme == "function" and r.code}
            for r in leaves:
                fig = self.final.cell(ft, r, "budget.total")
                b = by_code.get(r.code)
                out.append(Item(f"{r.code} {r.label}", fig, self._budget_cell(bt, b)))
            return out
        seen: set[str] = set()
        open_: list[tuple[str, Figure, list[Row]]] = []  # items that may be one of several rows
        claimed: set[int] = set()
        for st in self.final.disc.narrative.statements:
            if st.measure != "budget" or not st.item or st.amount is None or st.item in seen:
                continue
            names = st.item.split("/")
            if len(names) < 2:
                continue
            seen.add(st.item)
            fig = self.final.stated(st)
            name = f"{names[1]}（款）{names[-1]}（项）" if len(names) == 3 else f"{names[-1]}（项）"
            rows = find_class(bt, names)
            agreeing = [r for r in rows if Item(name, fig, self._budget_cell(bt, r)).agrees]
            if len(rows) > 1 and not agreeing:
                open_.append((name, fig, rows))
                continue
            row = (agreeing or rows or [None])[0]
            if row is not None:
                claimed.add(id(row))
            out.append(Item(name, fig, self._budget_cell(bt, row)))
        for name, fig, rows in open_:
            # 事业运行 under two 款 the catalogue does not name: the row no other item is
            left = [r for r in rows if id(r) not in claimed]
            if len(left) == 1:
                claimed.add(id(left[0]))
                out.append(Item(name, fig, self._budget_cell(bt, left[0])))
        return out

    def _budget_cell(self, t: Table, row: Row | None) -> Figure | None:
        if row is None:
            return None
        f = self.budget.cell_or_zero(t, row, "total") if row.cells else None
        return self.there(f) if f is not None else None

    @cached_property
    def total(self) -> tuple[Figure, Figure] | None:
        """(决算's 年初预算 一般公共预算财政拨款支出, 预算's 一般公共预算支出合计)."""
        bt = self.budget_table
        if bt is None:
            return None
        stated = next((st for st in self.final.disc.narrative.statements if st.key == "general_budget_expenditure"
                       and st.measure == "budget" and st.amount is not None), None)
        final = self.final.stated(stated) if stated is not None else table_figure(
            self.final, "general_budget_expenditure", "budget")
        row = grand_total(bt)
        if final is None or row is None or "total" not in row.cells:
            return None
        return final, self.there(self.budget.cell(bt, row, "total"))

    @cached_property
    def total_explained(self) -> bool:
        """The totals differ, and by what the items that differ (or that the 预算 lacks) add up to."""
        if self.total is None or not _differs(*self.total):
            return False
        final, budget = self.total
        missing = [i for i in self.items if i.budget is None]
        changed = [i for i in self.items if i.budget is not None and not i.agrees]
        if not missing and not changed:
            return False
        explained = sum((i.final.value for i in missing), Decimal(0)) + sum((i.difference for i in changed), Decimal(0))
        tol = sum_tolerance([final.amount, budget.amount] + [i.final.amount for i in missing + changed])
        return abs(explained - (final.value - budget.value)) <= tol



def find_class(t: Table, names: list[str]) -> list[Row]:
    """The 项 rows of a table an item named 类/款/项 (or 类/项) may be: one where the names say
    which, several where the 款 is neither printed nor in the shipped catalogue (事业运行 stands
    under many 款). The table may print its 类 and 款 rows or only its 项 rows."""
    rows = [r for r in t.rows if r.code_scheme == "function" and r.code]
    leaves = [r for r in rows if len(r.code) == 7 and name_key(r.label) == name_key(names[-1])]
    printed = {r.code: r.label for r in rows if len(r.code) in (3, 5)}

    def named(code: str, name: str) -> bool:
        known = [printed[code]] if code in printed else catalogue().function.get(code, [])
        return any(name_key(n) == name_key(name) for n in known)

    leaves = [r for r in leaves if named(r.code[:3], names[0])]
    if len(names) == 3 and len(leaves) > 1:
        leaves = [r for r in leaves if named(r.code[:5], names[1])] or leaves
    return leaves


def _differs(a: Figure, b: Figure) -> bool:
    return abs(a.value - b.value) > same_tolerance(a.amount, b.amount)


@rule("YS331", "final-budget-total-vs-budget", "cross_table", "warning",
      "决算中一般公共预算财政拨款支出的年初预算数 = 同一单位同年预算中一般公共预算支出合计（两份文件都在时）",
      "决算的“年初预算”就是年初公开的预算；两者不一致，说明决算引用的预算数有误，或预算公开后另有调整未予说明。",
      "决算说明“一般公共预算财政拨款支出年初预算为 10210.34 万元”，当年预算一般公共预算支出合计 9713.92 万元",
      "两处均为 9713.92 万元（或说明预算调整的原因与金额）", across=True)
def budget_total(pair: Pair):
    if pair.total is None:
        return
    final, budget = pair.total
    if not _differs(final, budget) or pair.total_explained:
        return  # the items' finding (YS332) gives the difference with its causes: one contradiction, one finding
    diff = final.value - budget.value
    yield pair.final.finding(
        "YS331", f"决算中一般公共预算财政拨款支出年初预算 {fmt(final.value)} 万元，与{pair.label}一般公共预算支出合计 "
                 f"{fmt(budget.value)} 万元不一致，相差 {fmt(diff)} 万元", [final, budget],
        expected=budget.value, actual=final.value)


@rule("YS332", "final-items-vs-budget", "cross_table", "warning",
      "决算逐项列出的年初预算数（类/款/项）= 同年预算一般公共预算支出表中该科目的预算数；决算列出的科目在预算中都有",
      "逐项对照能指出差异出在哪个科目：决算引用了错误的预算数，或把预算中没有的支出写成了“年初预算”。",
      "决算说明“行政运行（项）年初预算为 1115.48 万元”，当年预算表“2120101 行政运行”1100.00 万元",
      "两处一致", across=True)
def budget_items(pair: Pair):
    changed = [i for i in pair.items if i.budget is not None and not i.agrees]
    missing = [i for i in pair.items if i.budget is None]
    table = pair.budget_table.title if pair.budget_table is not None else "一般公共预算支出表"
    for i in changed:
        yield pair.final.finding(
            "YS332", f"决算中“{i.name}”年初预算 {i.final.printed} 万元，与{pair.label}{table}“{i.budget.place.row}”"
                     f" {fmt(i.budget.value)} 万元不一致，相差 {fmt(i.difference)} 万元",
            [i.final, i.budget], expected=i.budget.value, actual=i.final.value)
    if not missing:
        return
    listed = "、".join(f"“{i.name}”{i.final.printed} 万元" for i in missing)
    s = sum((i.final.value for i in missing), Decimal(0))
    message = f"决算列出年初预算的 {len(missing)} 个科目在{pair.label}的{table}中没有：{listed}（合计 {fmt(s)} 万元）"
    figures = [i.final for i in missing]
    if pair.total_explained:
        final, budget = pair.total
        message += (f"；决算的一般公共预算财政拨款支出年初预算 {fmt(final.value)} 万元比预算合计 {fmt(budget.value)} 万元"
                    f"多 {fmt(final.value - budget.value)} 万元")
        figures += [final, budget]
    yield pair.final.finding("YS332", message, figures)


@rule("YS333", "final-three-public-vs-budget", "cross_table", "warning",
      "决算“三公”经费表的预算数 = 同年预算“三公”经费表中的预算数（合计与各项）",
      "“三公”经费是审查的重点，决算中的预算数与年初公开的不一致，会使“决算数小于预算数”的结论失去依据。",
      "决算“三公”经费预算数公务接待费 2.85 万元，当年预算 3.00 万元", "两处均为 2.85 万元", across=True)
def budget_three_public(pair: Pair):
    bt = pair.budget.table(K.THREE_PUBLIC)
    if bt is None or not bt.rows or not bt.trusted:
        return
    pairs = []
    for key in THREE_PUBLIC:
        final = table_figure(pair.final, key, "budget")
        if final is None or not final.printed:
            stated = next((st for st in pair.final.disc.narrative.statements if st.key == key
                           and st.measure == "budget" and st.amount is not None), None)
            final = pair.final.stated(stated) if stated is not None else None
        budget = table_figure(pair.budget, key)
        if final is not None and budget is not None and budget.printed and _differs(final, budget):
            pairs.append((key, final, pair.there(budget)))
    if not pairs:
        return
    listed = "；".join(f"{THREE_PUBLIC_LABELS[k]}决算中预算数 {f.printed} 万元、预算 {fmt(b.value)} 万元"
                      for k, f, b in pairs)
    first = pairs[0]
    yield pair.final.finding("YS333", f"决算“三公”经费的预算数与{pair.label}不一致：{listed}",
                             [x for _, f, b in pairs for x in (f, b)], expected=first[2].value, actual=first[1].value)


def across_rules(rules: list[Rule] | None = None) -> list[Rule]:
    return [r for r in (rules if rules is not None else all_rules()) if r.across]


def compare(final: Disclosure, budget: Disclosure, budget_name: str, rules: list[Rule] | None = None) -> list[Finding]:
    """The findings of a 决算 against its 预算 (`budget_name` names the 预算 in places and messages)."""
    pair = Pair.of(final, budget, budget_name)
    out: list[Finding] = []
    for r in across_rules(rules):
        out.extend(f for f in r.check(pair) if not f.suppressed)
    return out


def compare_models(final: dict, budget: dict, final_name: str, budget_name: str) -> list[dict]:
    """Two stored models (the JSON the database keeps) compared, as findings-json gives findings."""
    from yusuan.model.from_dict import disclosure_from_dict

    found = compare(disclosure_from_dict(final, final_name), disclosure_from_dict(budget, budget_name), budget_name)
    return [f.to_dict() for f in found]


def matches(final: Disclosure, budget: Disclosure) -> bool:
    """A 决算 and a 预算 of the same unit, year and scope (by the names they print, never the files')."""
    if final.doc_type != "final" or budget.doc_type not in (None, "budget") or final.blank_template:
        return False
    if not final.year or final.year != budget.year or not final.unit_name or not budget.unit_name:
        return False
    if final.scope and budget.scope and "unknown" not in (final.scope, budget.scope) and final.scope != budget.scope:
        return False
    return normalise_name(final.unit_name) == normalise_name(budget.unit_name)
