"""Recognise a whole document: its tables by meaning, its narrative, who and when."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal

from yusuan.model.disclosure import Cell, Column, Disclosure, Table, TableKind
from yusuan.limits import limits
from yusuan.read.clean import full_width_brackets, name_key, normalise_forms
from yusuan.read.lines import SourceDocument, SourceLine
from yusuan.recognise import classified, economic, performance, simple, summary
from yusuan.recognise import grid_tables
from yusuan.recognise.block import detect_unit, loc, prepare, split_notes
from yusuan.recognise.grid import is_grid_table, is_number, read_grid
from yusuan.recognise.header import match_value
from yusuan.recognise.status import grid_reading, layout_reading
from yusuan.reference.catalogue import strip_ordinal
from yusuan.reference.tables import normalise_header, role_label, schema
from yusuan.reference.templates import identify
from yusuan.recognise.columns import ECONOMIC_BASIC, ECONOMIC_SINGLE, ECONOMIC_SUMMARY
from yusuan.recognise.kinds import classify_title, looks_like_table_name
from yusuan.recognise.narrative import parse_narrative
from yusuan.recognise.segment import Segment, find_tables, is_meta, narrative_lines

_YEAR = re.compile(r"(20\d{2})\s*年")


_COVER = re.compile(r"^(.{4,40}?)20\d{2}年度?(?:部门|单位)?(?:预算|决算)(?:公开|情况说明)?$")


def _bracket(s: str) -> str:
    return full_width_brackets(s).replace(" ", "")


def find_unit_name(doc: SourceDocument, segs: list[Segment]) -> str | None:
    names: Counter[str] = Counter()
    lines = doc.lines
    for i, ln in enumerate(lines):
        t = ln.text.replace(" ", "")
        if "名称" not in t and "编制单位" not in t:
            continue
        m = re.search(r"(?:单位名称|部门名称|编制单位)\s*[:：]\s*(.*)", ln.text)
        if not m:
            continue
        # '编制单位：某研究所　　　　2024年度　　　　单位：万元': the name ends where a wide gap begins
        val = re.split(r"\u3000|\t|\s{2,}", m.group(1).strip(), maxsplit=1)[0].replace(" ", "")
        val = re.sub(r"(?:金额)?单位[:：].*$", "", val).strip("：: ")
        val = re.sub(r"20\d{2}年度?$", "", val)
        if not val and i + 1 < len(lines):
            val = re.sub(r"(?:金额)?单位[:：].*$", "", lines[i + 1].text.replace(" ", "")).strip("：:")
        val = val.strip("：:")
        if len(val) >= 4 and not looks_like_table_name(val):
            names[_bracket(val)] += 1
    if names:
        return names.most_common(1)[0][0]
    for ln in lines[:400]:  # the cover: a line that is only "某某局2024年度部门决算"
        m = _COVER.match(re.sub(r"^第[一二三四五六七八九十]+部分", "", ln.text.replace(" ", "")))
        if m and not looks_like_table_name(m.group(1)):
            return _bracket(m.group(1))
    for ln in lines[:80]:
        t = re.sub(r"^第[一二三四五六七八九十]+部分", "", ln.text.replace(" ", ""))
        m = re.match(r"^(.{4,40}?)(?:单位|部门)?概况$", t)
        if m and not t.startswith("第"):
            return _bracket(m.group(1))
    return None


def _known_units(disc: Disclosure) -> list[str]:
    names = {disc.unit_name} if disc.unit_name else set()
    for u in disc.units:
        names.add(u["name"])
    for t in disc.tables:
        for r in t.rows:
            if r.kind == "unit" and r.label:
                names.add(_bracket(r.label))
    return [n for n in names if n]


def _contents(lines: list[SourceLine]) -> list[str]:
    out = []
    for ln in lines:
        t = ln.text.replace(" ", "")
        if re.match(r"^[一二三四五六七八九十]+、", t) and looks_like_table_name(t) and "说明" not in t:
            out.append(re.sub(r"^[一二三四五六七八九十]+、", "", t))
    return out


def _legacy(seg: Segment, fmt: str) -> Segment:
    """The segment as the text path reads it: a row of a ruled table, workbook, Word or web table
    with one filled cell is a line of text (text files keep the cells their tabs give)."""
    if fmt == "text":
        return seg
    lines = [ln if ln.cells is None or sum(1 for c in ln.cells if c) > 1 else replace(ln, cells=None, spans=None)
             for ln in seg.lines]
    return replace(seg, lines=lines)


def _extract_grid(seg: Segment, table: Table, sch, disc: Disclosure) -> bool:
    """Read a table whose source kept its grid, columns from the header. False where no header
    names a value column (the text path then reads it)."""
    if sum(1 for ln in seg.lines if ln.cells is not None) < 2:
        return False  # text without a grid: the layouts and identities read it
    lines = [ln for ln in seg.lines if not is_meta(ln.text)]
    body, notes = split_notes(lines)
    if not is_grid_table(body):
        return False
    gr = read_grid(body, sch, "final" if disc.doc_type == "final" else "budget", disc.year)
    if gr is None:
        return False
    gr.lossy = disc.format == "text"
    table.unit = detect_unit(seg)
    table.notes = notes
    grid_tables.extract(gr, table, sch, table.unit, _known_units(disc))
    if table.kind == TableKind.THREE_PUBLIC:
        _fold_item_rows(table, sch)
    table.reading = grid_reading(table, sch, gr.header, gr.realigned, len(gr.furniture))
    _unread_figures(table, gr)
    _scope_cells(table)
    return True


def _fold_item_rows(table: Table, sch) -> None:
    """A 三公 table printed down the page ('项目 | 预算数 | 决算数', a row per item): each item row's
    figures are that item's column of the 合计 row, so that the table's identities (合计 = 出国 + 用车 +
    接待, 用车 = 购置 + 运行) hold over them as over the table printed across. The cells keep their places."""
    total = table.total_row()
    if total is None or any(c.role.split(".")[-1] != "total" for c in table.columns):
        return  # printed across: the columns are the items already
    items = []
    for r in table.rows:
        if r is total:
            continue
        spec, score, _ = match_value((normalise_header(strip_ordinal(r.label)),), sch)
        if spec is None or score < 9 or spec.role == "total":
            return  # a row that is no item of the table: leave the table as printed
        items.append((r, spec.role))
    if not items or len({role for _, role in items}) != len(items):
        return
    for r, role in items:
        for key, cell in r.cells.items():
            measure = key[: -len("total")] if key.endswith("total") else None
            if measure is None:
                continue
            name = measure + role
            total.cells[name] = Cell(name, cell.amount, cell.location, inferred=cell.inferred)
        table.rows.remove(r)
    measures = sorted({k[: -len("total")] for k in total.cells if k.endswith("total")})
    roles = dict.fromkeys(m + spec.role for m in measures for spec in sch.columns if m + spec.role in total.cells)
    table.columns = [Column(r, role_label(r, table.kind)) for r in roles]


def _unread_figures(table: Table, gr) -> None:
    """Figures stand in a column the header does not name (“上年结转” in a project table of another
    province): the row sums leave them out, so where those fail the reading is not proven."""
    unknown = [c for c in gr.header if not c.role and not c.label_role and c.path]
    held = [c for c in unknown if any(c.index < len(ln.cells or []) and is_number((ln.cells or [])[c.index])
                                      for ln in gr.body)]
    if held and table.reading is not None and table.reading.failed() and table.reading.status == "verified":
        table.reading.status = "unverified"
        table.reading.evidence.append(f"表头未能识别的列“{held[0].printed}”中有数字，未计入勾稽关系；"
                                      "勾稽关系不成立可能由此而来")


def _scope_cells(table: Table) -> None:
    """Every figure carries its funding scope: its column's where the header says (上年结转 …), else
    the table's."""
    for r in table.rows:
        for c in r.cells.values():
            if c.scope is None:
                c.scope = table.scope


def _extract(seg: Segment, kind: TableKind, disc: Disclosure, hints: dict) -> Table:
    year_m = _YEAR.search(seg.title)
    table = Table(kind=kind, title=seg.title.strip(), label=seg.label, location=loc(seg.title_line),
                  year=int(year_m.group(1)) if year_m else None)
    sch = schema(kind)
    table.scope = _table_scope(seg, sch)
    table.end_line = seg.lines[-1].no if seg.lines else None
    if sch is not None and sch.rows != "performance" and _extract_grid(seg, table, sch, disc):
        return table
    seg = _legacy(seg, disc.format)
    two_sided = kind in (TableKind.SUMMARY, TableKind.FISCAL_SUMMARY)
    block = prepare(seg, codes=not two_sided and kind != TableKind.THREE_PUBLIC, whole_lines=two_sided)
    table.unit = block.unit
    table.notes = block.notes
    if kind in (TableKind.SUMMARY, TableKind.FISCAL_SUMMARY):
        summary.extract_two_sided(block, table, fiscal=kind == TableKind.FISCAL_SUMMARY)
    elif kind in (TableKind.EXPENDITURE, TableKind.GENERAL_BUDGET, TableKind.GOV_FUND, TableKind.STATE_CAPITAL):
        classified.extract_classified(block, table, total_hint=hints.get("expenditure_columns"))
    elif kind == TableKind.GENERAL_BASIC:
        economic.extract_economic(block, table, ECONOMIC_BASIC, prior_by_code=True)
    elif kind == TableKind.ECONOMIC_SUMMARY:
        economic.extract_economic(block, table, ECONOMIC_SUMMARY, prior_by_code=False)
    elif kind == TableKind.OPERATING:
        economic.extract_economic(block, table, ECONOMIC_SINGLE, prior_by_code=False)
    elif kind == TableKind.INCOME:
        simple.extract_income(block, table)
    elif kind == TableKind.THREE_PUBLIC:
        simple.extract_three_public(block, table, hints.get("three_public"))
    elif kind in (TableKind.PROJECT, TableKind.PROJECT_CARRYOVER, TableKind.BASIC_DETAIL):
        simple.extract_projects(block, table, _known_units(disc))
    elif kind == TableKind.PROJECT_PERFORMANCE:
        performance.extract_performance(block, table, hints.get("project_names", frozenset()))
    elif kind == TableKind.DEPT_PERFORMANCE:
        performance.extract_dept_performance(block, table)
    else:
        table.warnings.append(f"未能识别表格“{seg.title}”的结构，仅记录标题")
    if sch is not None and sch.rows != "performance":
        # text without a grid names no column: a column of the layout that holds no figure in any row
        # was not shown to be printed, and takes part in no identity ('项目名称 上年结转数' alone)
        filled = {role for r in table.rows for role in r.cells}
        if filled and sch.rows == "project":
            table.columns = [c for c in table.columns if c.role in filled]
        table.reading = layout_reading(table, sch)
    _scope_cells(table)
    return table


_NOT_CARRYOVER = re.compile(r"不含上年结转|仅含当年|仅含本年|当年财政拨款安排")


def _table_scope(seg: Segment, sch) -> str | None:
    """Funding scope from the title and notes: '不含上年结转', '本表仅含当年财政拨款安排的支出'."""
    text = seg.title + " ".join(ln.text for ln in seg.lines[-6:])
    if _NOT_CARRYOVER.search(text.replace(" ", "")):
        return "current"
    if "上年结转" in seg.title and sch is not None and sch.kind == TableKind.PROJECT_CARRYOVER:
        return "carryover"
    return sch.scope if sch is not None else None


def _hints_from_narrative(disc: Disclosure) -> dict:
    tp = {}
    for key in ("three_public_total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception"):
        st = disc.narrative.first(key)
        if st is not None and st.amount is not None:
            role = "total" if key == "three_public_total" else key
            tp[role] = st.amount.wan
    return {"three_public": tp or None}


_FIRST = {TableKind.INCOME: 0, TableKind.GENERAL_BASIC: 1, TableKind.PROJECT: 2, TableKind.PROJECT_CARRYOVER: 3}
_ECONOMIC_COLUMN = {"301": "salaries", "302": "goods", "303": "family", "310": "capital"}
_PROJECT_COLUMN = {"其他运转类": "project_operating", "特定目标类": "project_specific"}


def _expenditure_column_hints(tables: list[Table]) -> dict[str, Decimal] | None:
    """Column totals of the expenditure tables that other tables state: 工资福利支出 = Σ301 of the
    基本支出表, 对个人和家庭的补助 = Σ303 …; 其他运转类 / 特定目标类 from the project list's types."""
    hint: dict[str, Decimal] = {}
    for t in tables:
        if t.kind == TableKind.GENERAL_BASIC:
            for r in t.rows:
                role = _ECONOMIC_COLUMN.get((r.code or "")[:3])
                if r.level == "款" and role and "total" in r.cells:
                    hint[role] = hint.get(role, Decimal(0)) + r.cells["total"].amount.wan
        if t.kind == TableKind.PROJECT and any(r.attrs.get("type") in _PROJECT_COLUMN for r in t.rows):
            for role in _PROJECT_COLUMN.values():
                hint.setdefault(role, Decimal(0))
            for r in t.rows:
                role = _PROJECT_COLUMN.get(r.attrs.get("type", ""))
                if r.kind == "item" and role and "total" in r.cells:
                    hint[role] += r.cells["total"].amount.wan
    if any(k in hint for k in ("salaries", "goods")):
        for role in ("salaries", "goods", "family", "capital"):
            hint.setdefault(role, Decimal(0))  # a class the 基本支出表 lists no 款 of is zero
    return hint or None


def _units_from_income(table: Table) -> list[dict]:
    rows = [r for r in table.rows if r.kind == "unit"]
    codes = [r.code for r in rows if r.code]
    out = []
    for r in rows:
        if r.code and any(c != r.code and c.startswith(r.code) for c in codes):
            continue  # the department's own aggregate row
        u = {"name": _bracket(r.label)}
        if r.code:
            u = {"code": r.code, **u}
        c = r.cells.get("total")
        if c is not None:
            u["total"] = c.amount.wan_text()
        out.append(u)
    return out


def _template(segs: list[Segment], tables: list[Table]) -> str | None:
    """The template as its numbering and table count say: '预算NN表 ×15', '附表N ×9', '无编号 ×9'."""
    if not segs:
        return None
    labels = [re.sub(r"\d+", "N" if "附表" in (s.label or "") else "NN", s.label) for s in segs if s.label]
    numbering = Counter(labels).most_common(1)[0][0] if labels else "无编号"
    return f"{numbering} ×{len(tables)}"


_COVER_SCOPE = re.compile(r"(部门|单位)(?:预算|决算)")


def _scope(titles: str, units: list[dict], head: list[SourceLine]) -> str:
    """部门 or 单位 in the table titles; where titles say neither ('收入支出决算总表'), the cover
    ('2024年度部门决算'); else a 收入表 listing several units is a 部门 document."""
    dept, unit = titles.count("部门"), titles.count("单位")
    if dept or unit:
        return "department" if dept > unit else "unit"
    cover = " ".join(ln.text.replace(" ", "") for ln in head)
    m = _COVER_SCOPE.search(cover)
    if m:
        return "department" if m.group(1) == "部门" else "unit"
    return "department" if len(units) >= 2 else "unit"


_FINAL = re.compile(r"决\s*算")
_ADJUSTED = re.compile(r"调整预算")


def doc_type_of(segs: list[Segment], lines: list[SourceLine]) -> str | None:
    """预算 or 决算 from the table titles and the cover, never from the file name."""
    titles = " ".join(s.title for s in segs)
    head = " ".join(ln.text for ln in lines[:30])
    for text in (titles, head):
        if _FINAL.search(text):
            return "final"
        if _ADJUSTED.search(text):
            return "adjusted"
        if "预算" in text:
            return "budget"
    return None


_PLACEHOLDER = re.compile(r"X{2,}|×{2,}|＊{2,}")


def is_blank_template(disc: Disclosure) -> bool:
    """The blank form a finance bureau sends its departments ('上海市XX局', 'XXX 万元'): tables
    without figures, a narrative of placeholders. Not a disclosure to audit, only to finish."""
    if any(not t.empty for t in disc.tables if t.kind != TableKind.OTHER):
        return False
    named = bool(disc.unit_name and _PLACEHOLDER.search(disc.unit_name.upper()))
    holes = sum(len(_PLACEHOLDER.findall(text.upper())) for _, text in disc.narrative.lines)
    return named or holes >= 10


def bound_lines(doc: SourceDocument) -> str | None:
    """Every line of every format, once, before any pattern reads it: minus signs and digits in one
    form, and at most YUSUAN_MAX_LINE_CHARS characters (a budget line is short; a 40,000-digit line
    is an attack on every pattern that reads it). The warning for the lines cut, if any."""
    most = limits().max_line_chars
    cut = []
    for ln in doc.lines:
        if len(ln.text) > most:
            cut.append(ln.no)
            ln.text = ln.text[:most]
        ln.text = normalise_forms(ln.text)
        if ln.cells is not None:
            ln.cells = [normalise_forms(c[:most]) for c in ln.cells]
    if not cut:
        return None
    return f"{len(cut)} 行超过 {most} 个字符，超出部分未读取（第 {cut[0]} 行起，YUSUAN_MAX_LINE_CHARS）"


def recognise(doc: SourceDocument) -> Disclosure:
    long = bound_lines(doc)
    disc = Disclosure(source=doc.source, format=doc.format, warnings=list(doc.warnings))
    if long:
        disc.warnings.append(long)
    segs = find_tables(doc.lines)
    nar_lines = narrative_lines(doc.lines, segs)
    disc.contents = _contents(nar_lines)
    body = [ln for ln in nar_lines if not (re.match(r"^https?://", ln.text))]
    disc.narrative = parse_narrative(body)
    disc.unit_name = find_unit_name(doc, segs)
    years = Counter(int(m.group(1)) for s in segs for m in [_YEAR.search(s.title)] if m)
    if not years:
        years = Counter(int(y) for ln in doc.lines[:40] for y in re.findall(r"(20\d{2})\s*年", ln.text))
    disc.year = years.most_common(1)[0][0] if years else None
    disc.doc_type = doc_type_of(segs, doc.lines)
    titles = "".join(s.title for s in segs)
    hints = _hints_from_narrative(disc)
    # Tables that others lean on come first: the income table names the units (to split names
    # in project lists); the 基本支出表 and 项目支出表 give the expenditure tables' column totals.
    kinds = [classify_title(s.title) for s in segs]
    order = sorted(range(len(segs)), key=lambda i: _FIRST.get(kinds[i], len(_FIRST)))
    tables: dict[int, Table] = {}
    for i in order:
        if kinds[i] in (TableKind.EXPENDITURE, TableKind.GENERAL_BUDGET) and "expenditure_columns" not in hints:
            hints["expenditure_columns"] = _expenditure_column_hints(list(tables.values()))
        if kinds[i] == TableKind.PROJECT_PERFORMANCE and "project_names" not in hints:
            hints["project_names"] = frozenset(
                name_key(r.label) for t in tables.values() if t.kind in (TableKind.PROJECT, TableKind.PROJECT_CARRYOVER)
                for r in t.rows if r.kind == "item")
        tables[i] = _extract(segs[i], kinds[i], disc, hints)
        if kinds[i] == TableKind.INCOME and not disc.units:
            disc.units = _units_from_income(tables[i])
    disc.tables = [tables[i] for i in range(len(segs))]
    disc.scope = _scope(titles, disc.units, doc.lines[:20]) if segs else None
    disc.template = _template(segs, disc.tables)
    tpl = identify(disc)
    disc.template_name = tpl.name if tpl else None
    disc.blank_template = is_blank_template(disc)
    if not disc.units and disc.unit_name:
        disc.units = [{"name": disc.unit_name}]
    for t in disc.tables:
        if t.empty and not t.no_data_note and t.kind not in (TableKind.OTHER,):
            t.warnings.append("表格没有数据，也没有“本表无数据”之类的说明")
    if disc.tables and not disc.narrative.statements and not any(len(ln.text) > 30 for ln in body):
        disc.warnings.append("未找到情况说明（文字部分），文字与表格的一致性无法核查")
    return disc
