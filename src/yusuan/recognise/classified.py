"""Tables keyed by 支出功能分类 codes: 支出表, 一般公共预算支出表, 政府性基金 and 国有资本经营支出表."""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan.model.disclosure import Column, Row, Table
from yusuan.model.amount import Amount
from yusuan.recognise.align import Placement, Template, is_ambiguous
from yusuan.recognise.placement import fill_cells, row_placements
from yusuan.recognise.block import Block, amounts_of, label_parts, loc
from yusuan.recognise.columns import EXPENDITURE_TEMPLATES, GROUP_OF, label as role_label
from yusuan.recognise.rows import RawRow
from yusuan.recognise.settle import choose_rows
from yusuan.reference.catalogue import catalogue

_ORDINAL_LABEL = re.compile(r"^[（(][一二三四五六七八九十]+[)）]|^[一二三四五六七八九十]+、")


_CLASS, _PART = re.compile(r"\d{3}"), re.compile(r"\d{2}")


def _joined_code(words: list[str]) -> list[str]:
    """A code printed in the 类 / 款 / 项 columns ('201 03 02') is one code, 2010302."""
    if len(words) >= 2 and _CLASS.fullmatch(words[0]) and _PART.fullmatch(words[1]):
        n = 3 if len(words) >= 3 and _PART.fullmatch(words[2]) else 2
        return ["".join(words[:n])] + list(words[n:])
    return list(words)


def classify_row(raw: RawRow) -> tuple[str, str | None, str | None, str]:
    """(kind, code, scheme, name) of a row in a function-classified table."""
    words = _joined_code(label_parts(raw))
    if not words:
        return "total", None, None, ""
    joined = "".join(w for w in words if not w.isdigit())
    if joined.replace(" ", "") in ("合计", "总计"):
        return "total", None, None, "合计"
    code = words[0] if words[0].isdigit() else None
    name = "".join(w for w in words[1:] if not w.isdigit()) if code else joined
    if code:
        if len(code) == 6 or len(code) > 7:
            return "unit", code, "unit", name
        if len(code) in (3, 5, 7):
            if len(code) == 3 and not catalogue().function_class_by_name(name) and not name.endswith("支出"):
                return "unit", code, "unit", name  # a department code ('122 政务服务和大数据局') is not a 类
            return "item", code, "function", name
        return "item", code, None, name
    if _ORDINAL_LABEL.match(joined):
        return "stray", None, None, joined
    return "unit", None, "unit", joined


HEADER_WORDS = {"personnel": "人员经费", "public": "公用经费", "salaries": "工资福利", "family": "对个人和家庭",
                "goods": "商品和服务", "capital": "资本性", "project_operating": "其他运转", "project_specific": "特定目标"}


def admissible(templates, header_text: str):
    """Templates whose columns the header names; all of them when the header says nothing."""
    ok = [t for t in templates if all(HEADER_WORDS[r] in header_text for r in t.roles if r in HEADER_WORDS)]
    return ok or list(templates)


EXACT_FIT = 100.0


def choose_template(rows: list[tuple[RawRow, list[Amount]]], templates,
                    hints: list[dict | None]) -> tuple[Template, list[list[Placement]]]:
    best = None
    for tmpl in templates:
        cands_all = []
        total = 0.0
        ok = True
        for (raw, amts), hint in zip(rows, hints):
            cands = row_placements(raw, amts, tmpl, hint=hint)
            if not cands:
                ok = False
                break
            # a template the grid fits exactly beats any fit inferred from identities
            total += EXACT_FIT if cands[0].exact else cands[0].score
            cands_all.append(cands)
        if ok and (best is None or total > best[0]):
            best = (total, tmpl, cands_all)
    if best is None:
        return templates[-1], [[] for _ in rows]
    return best[1], best[2]


def add_group_totals(row: Row, tmpl: Template) -> None:
    """Where 人员经费/公用经费 have no column of their own, keep their sums as derived values."""
    if "personnel" in tmpl.roles:
        return
    for grp in ("personnel", "public"):
        parts = [row.value(r) for r, g in GROUP_OF.items() if g == grp and row.value(r) is not None]
        if parts:
            row.attrs[f"derived_{grp}"] = str(sum(parts, Decimal(0)))


def _settle_subtotals(rows: list[Row], cands: list[list[Placement]], vals: list[list[Decimal]], choice: list[int],
                      leaves: list[int]) -> None:
    """A 类 or 款 row that fits several columns takes the reading its rows below add up to
    ('41.47 41.47 41.47' is 人员经费 where the 项 below it is, not 公用经费): deepest first."""
    coded = [i for i, r in enumerate(rows) if r.code_scheme == "function" and r.code]
    for i in sorted((i for i in coded if i not in leaves), key=lambda i: -len(rows[i].code or "")):
        cs = cands[i]
        if len(cs) < 2:
            continue
        code = rows[i].code
        below = [j for j in coded if j != i and rows[j].code.startswith(code)]
        if not below:
            continue
        step = min(len(rows[j].code) for j in below)
        kids = [j for j in below if len(rows[j].code) == step and cands[j]]
        sums: dict[str, Decimal] = {}
        for j in kids:
            pl = cands[j][min(choice[j], len(cands[j]) - 1)]
            for role, v in zip(pl.roles, vals[j]):
                sums[role] = sums.get(role, Decimal(0)) + v
        best = cs[0]
        alts = [k for k, c in enumerate(cs) if c.violations == best.violations and best.score - c.score < 0.6]

        def mismatch(k: int) -> Decimal:
            mine = dict(zip(cs[k].roles, vals[i]))
            keys = set(mine) | set(sums)
            return sum((abs(mine.get(r, Decimal(0)) - sums.get(r, Decimal(0))) for r in keys), Decimal(0))
        choice[i] = min(alts, key=lambda k: (mismatch(k), k))


def extract_classified(block: Block, table: Table, templates=EXPENDITURE_TEMPLATES,
                       total_hint: dict[str, Decimal] | None = None) -> None:
    """total_hint: column totals other tables state (基本支出表 by 经济分类, 项目支出表 by type); they
    settle the 合计 row where blanks were dropped, and the column totals then settle the rest."""
    data: list[tuple[RawRow, list]] = []
    for raw in block.rows:
        kind, code, scheme, name = classify_row(raw)
        amts = amounts_of(raw, block.unit)
        if kind == "stray":
            table.warnings.append(f"第{raw.first_line.no}行“{name}”不像本表的行，可能来自缺页的其他表格，已忽略")
            continue
        if not amts and kind != "total":
            if name:
                table.warnings.append(f"第{raw.first_line.no}行“{name}”没有金额，已忽略")
            continue
        row = Row(label=name or "合计", location=loc(raw.first_line), kind=kind, code=code, code_scheme=scheme)
        data.append((raw, amts))
        table.rows.append(row)
    if not data:
        return
    hints = [total_hint if r.kind == "total" else None for r in table.rows]
    tmpl, cands = choose_template(data, admissible(templates, block.header_text), hints)
    table.columns = [Column(r, role_label(r, table.kind)) for r in tmpl.roles]
    # settle ambiguous rows by column totals: total row against the deepest coded rows
    total_i = next((i for i, r in enumerate(table.rows) if r.kind == "total"), None)
    coded = [i for i, r in enumerate(table.rows) if r.code_scheme == "function"]
    depth = max((len(table.rows[i].code or "") for i in coded), default=0)
    leaves = [i for i in coded if len(table.rows[i].code or "") == depth]
    choice = choose_rows(cands, [[a.value for a in amts] for _, amts in data], total_i, leaves)
    _settle_subtotals(table.rows, cands, [[a.value for a in amts] for _, amts in data], choice, leaves)
    # unit rows take the total row's placement when they print the same figures
    for i, row in enumerate(table.rows):
        raw, amts = data[i]
        cs = cands[i]
        if not cs:
            row.attrs["unplaced"] = " ".join(a.printed for a in amts)
            table.warnings.append(f"第{raw.first_line.no}行的金额无法与表头列对应")
            continue
        pl = cs[min(choice[i], len(cs) - 1)]
        if total_i is not None and row.kind == "unit" and [a.value for a in amts] == [a.value for a in data[total_i][1]]:
            pl = cands[total_i][choice[total_i]]
        fill_cells(row, raw, amts, pl, len(tmpl.roles))
        add_group_totals(row, tmpl)
        if not pl.exact and is_ambiguous(cs) and i not in leaves and i != total_i:
            row.attrs["ambiguous"] = "true"
