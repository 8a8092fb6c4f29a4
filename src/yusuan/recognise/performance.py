"""绩效目标表: projects with their amounts and (indicator, value) pairs.

Laid out as a grid of 三级指标/指标值 pairs that extraction flattens into a stream of wrapped
fragments; a value starts with a comparison sign, a number with a unit, or a word such as
明显, and may wrap once more ('≥12' / '次').
"""

from __future__ import annotations

import re
from collections import deque

from yusuan.model.amount import WAN, YUAN, parse_amount
from yusuan.model.disclosure import UNIT_CODE, Cell, Column, Row, Table, TableKind
from yusuan.read.clean import name_key
from yusuan.read.lines import SourceLine
from yusuan.recognise.block import Block, loc
from yusuan.recognise.columns import PERFORMANCE_FUNDS, label as role_label
from yusuan.recognise.align import place
from yusuan.recognise import performance_rows
from yusuan.recognise.header import map_header
from yusuan.recognise.rows import tidy
from yusuan.recognise.status import grid_reading
from yusuan.reference.tables import schema

QUALITATIVE = {"明显", "显著", "明显提高", "明显提升", "有所提高", "有所提升", "及时", "相关", "科学",
               "合理", "完整", "真实", "合规", "健全", "公开", "规范", "达标", "合格", "良好", "优", "优秀", "是", "否",
               "有效", "长期", "持续", "逐步提高", "大幅提升", "准确", "安全", "稳定", "按时", "按期", "符合要求", "完成"}
_VALUE = re.compile(r"^(?:[≥≤<>=＞＜≧≦]|大于|小于|不低于|不高于|不超过|达到)")
_NUM_VALUE = re.compile(r"^\d+(?:\.\d+)?\s*(?:%|‰|个|次|件|人|天|项|台|套|场|条|元|万元|万|家|户|小时|日|月|年|期|篇|份|批|名|辆|处|座|平方米|公里|亩)")
_AMOUNTS = re.compile(r"^(?:[-\d,]+\.\d+)(?:\s+[-\d,]+\.\d+)*$")
_CODE_PIECE = re.compile(r"^\d[\d ]*$")


def is_value(piece: str) -> bool:
    p = piece.replace(" ", "")
    return bool(_VALUE.match(p)) or bool(_NUM_VALUE.match(p)) or p in QUALITATIVE or (len(p) <= 5 and p.startswith(("明显", "显著", "有所", "逐步", "大幅")))


def _complete(value: str) -> bool:
    v = value.replace(" ", "")
    return v.endswith(("%", "‰")) or v in QUALITATIVE and v not in ("明显提",)


def _pieces(lines: list[SourceLine]):
    for ln in lines:
        if ln.cells is not None:
            for c in ln.cells:
                if c:
                    yield c.strip(), ln
        else:
            run: list[str] = []  # amounts printed side by side stay one piece: '25.00 25.00'
            for p in ln.text.split():
                if _AMOUNTS.match(p):
                    run.append(p)
                    continue
                if run:
                    yield " ".join(run), ln
                    run = []
                yield p, ln
            if run:
                yield " ".join(run), ln


def _indicator_columns(lines: list[SourceLine]) -> list[tuple[int, int]]:
    """(三级指标 column, 指标值 column) pairs named by a grid header."""
    for ln in lines:
        if ln.cells and "指标值" in ln.cells:
            cells = [c.replace(" ", "") for c in ln.cells]
            return [(i, i + 1) for i, c in enumerate(cells[:-1]) if c == "三级指标" and cells[i + 1] == "指标值"]
    return []


def _row_shift(cells: list[tuple[int, str]], names: set[int], vals: set[int], open_cols: set[int], last: int) -> int:
    """Extraction sometimes loses a cell and shifts the rows after it: the shift that puts values
    in 指标值 columns and names in 三级指标 columns; between equals, the one that continues names
    already open in those columns, then the previous row's."""
    def cost(s: int) -> tuple[int, int, bool, int]:
        misfit = sum(1 for i, c in cells if (i + s) not in (vals if is_value(c.replace(" ", "")) else names))
        return misfit, -sum(1 for i, _ in cells if i + s in open_cols), s != last, abs(s)
    return min((0, -1, 1), key=cost)


def _funds(row: Row, amounts: list, ln: SourceLine, roles: tuple[str, ...]) -> None:
    for role, a in zip(roles, amounts):
        if a is not None and role:
            row.cells[role] = Cell(role, a, loc(ln))


def _fund_roles(header: list[SourceLine], width: int) -> tuple[str, ...]:
    """The fund role of each money column (2 … width-1) of a grid, from its printed header
    ('项目金额 / 其他资金' is 单位资金 wherever it stands); the declared order where no header names one."""
    grid = [ln for ln in header if ln.cells]
    if grid:
        spans = [ln.spans for ln in grid] if any(ln.spans for ln in grid) else None
        cols = map_header([list(ln.cells or []) for ln in grid], schema(TableKind.PROJECT_PERFORMANCE), spans)
        roles = tuple((cols[j].role or "") if j < len(cols) and cols[j].role in PERFORMANCE_FUNDS.roles else ""
                      for j in range(2, width))
        if any(roles):
            return roles
    return PERFORMANCE_FUNDS.roles


def _group_levels(header: list[SourceLine], pairs: list[tuple[int, int]]) -> dict[int, str]:
    """The 一级指标 (成本指标, 产出指标, …) a grid header prints over each 三级指标/指标值 pair."""
    for ln in header:
        if ln.cells is None:
            continue
        cells = [c.replace(" ", "") for c in ln.cells]
        got = {k: cells[n] for k, (n, _) in enumerate(pairs) if n < len(cells) and cells[n].endswith("指标")
               and cells[n] != "三级指标"}
        if got:
            return got
    return {}


def extract_performance_grid(block: Block, table: Table, pairs: list[tuple[int, int]],
                             listed: frozenset[str] = frozenset()) -> None:
    """A grid kept by the source: each indicator column joins its own fragments down the rows.

    A project without a 项目编码 whose funds stand beside the second line of its wrapped name starts,
    in a grid, at that line: the name's first line reads as the end of the project above. Where the
    project tables prove it (``listed``: both names, so cut, are projects they list), the grid is
    read again with the project starting at its name's first line, its indicators from there with it."""
    fund_roles = _fund_roles(block.header_lines, min(n for n, _ in pairs))
    table.columns = [c for c in table.columns if c.role in fund_roles]
    rows = _grid_rows(block, pairs, set(), fund_roles)
    starts: set[int] = set()
    notes: list[str] = []
    for a, b in zip(rows, rows[1:]):
        parts = a.attrs.get("name_parts") or []
        if not listed or a.kind != "item" or b.kind != "item" or b.code or len(parts) < 2:
            continue
        if name_key(a.label) in listed and name_key(b.label) in listed:
            continue
        for k in range(len(parts) - 1, 0, -1):
            head, tail = "".join(t for t, _ in parts[:k]), "".join(t for t, _ in parts[k:])
            if name_key(head) in listed and name_key(tail + b.label) in listed:
                starts.add(parts[k][1])
                notes.append(f"项目名称“{tail}”属下一行的项目“{tail + b.label}”（按项目支出表接续），"
                             "该行起的指标随之归入")
                break
    if starts:
        rows = _grid_rows(block, pairs, starts, fund_roles)
    for r in rows:
        r.attrs.pop("name_parts", None)
    table.rows.extend(rows)
    table.warnings.extend(notes)


def _grid_rows(block: Block, pairs: list[tuple[int, int]], starts: set[int], fund_roles: tuple[str, ...]) -> list[Row]:
    """The grid's rows; a line whose index is in ``starts`` begins a project without funds or code."""
    names = {n for n, _ in pairs}
    vals = {v for _, v in pairs}
    first = min(names)
    rows: list[Row] = []
    row: Row | None = None
    entries: dict[int, list[list]] = {}  # pair index -> [[name parts, value, order], …]
    order = 0
    shift = 0

    levels = _group_levels(block.header_lines, pairs)  # pair index -> the 一级指标 printed above it

    def close() -> None:
        if row is not None and row.kind == "item":
            found = sorted(((e, k) for k, es in entries.items() for e in es if e[1]), key=lambda ek: ek[0][2])
            targets = [(tidy("".join(e[0])), e[1]) for e, _ in found if e[0]]
            if targets:
                row.attrs["targets"] = targets  # type: ignore[assignment]
                if levels:
                    row.attrs["target_levels"] = [levels.get(k, "") for e, k in found if e[0]]  # type: ignore[assignment]

    for i, ln in enumerate(block.body_lines):
        if ln.cells is None:
            continue
        cells = ln.cells
        code = cells[0].replace(" ", "") if cells else ""
        amts = [parse_amount(c, block.unit) for c in cells[2:first]]
        named = len(cells) > 1 and bool(cells[1].strip())
        # a project whose 项目编码 is left blank starts where a name comes with its funds, below a row
        # that has its own (a wrapped name's next line carries none)
        uncoded = not code and named and any(amts) and (row is None or bool(row.cells))
        if code.isdigit() and len(code) >= 3 or uncoded or (named and i in starts):
            close()
            entries, order = {}, 0
            kind = "unit" if UNIT_CODE.match(code) else "item"
            row = Row(label=tidy(cells[1]) if len(cells) > 1 else "", location=loc(ln), kind=kind, code=code or None,
                      code_scheme="unit" if kind == "unit" else "project")
            row.attrs["name_parts"] = [(row.label, i)]  # type: ignore[assignment]  # (the wrapped-name check)
            _funds(row, amts, ln, fund_roles)
            rows.append(row)
        elif row is not None and named:
            row.label += tidy(cells[1])  # the project name wraps down its column
            row.attrs.setdefault("name_parts", []).append((tidy(cells[1]), i))  # type: ignore[union-attr]
            if not row.cells:
                _funds(row, amts, ln, fund_roles)  # the funds printed beside the name's second line
        if row is None or row.kind != "item":
            continue
        found = [(j, c) for j, c in enumerate(cells) if j >= first - 1 and c and parse_amount(c) is None]
        open_cols = {pairs[k][0] for k, es in entries.items() if es}
        shift = _row_shift(found, names, vals, open_cols, shift)
        by_pair: dict[int, dict[str, str]] = {}
        for j, c in found:
            k = next((k for k, (n, v) in enumerate(pairs) if j + shift in (n, v)), None)
            if k is not None:
                by_pair.setdefault(k, {})["value" if j + shift == pairs[k][1] else "name"] = c
        for k, got in sorted(by_pair.items()):
            es = entries.setdefault(k, [])
            name, value = got.get("name"), got.get("value")
            if value is not None:
                value = value.replace(" ", "")
                if es and es[-1][1] is None:
                    es[-1][1] = value
                    if name:
                        es[-1][0].append(name)
                else:
                    es.append([[name] if name else [], value, order])
            elif es:
                es[-1][0].append(name)  # a name continues down its column, also below its value
            else:
                es.append([[name], None, order])
            order += 1
    close()
    return rows


def extract_performance(block: Block, table: Table, listed: frozenset[str] = frozenset()) -> None:
    """A 项目绩效目标表 of any layout; ``listed``: the name keys of the projects the project tables
    list (the evidence for a wrapped name in a grid)."""
    every = block.header_lines + block.body_lines
    layout = performance_rows.row_layout(every)
    if layout is not None:  # a row per indicator, columns by the header
        performance_rows.extract_performance_rows(every, layout, block.unit, table)
        table.reading = grid_reading(table, schema(TableKind.PROJECT_PERFORMANCE), layout.how, [], 0)
        return
    if is_declaration_form(every):  # a form per project
        extract_declaration_form(every, block.unit, table)
        return
    table.columns = [Column(r, role_label(r, table.kind)) for r in PERFORMANCE_FUNDS.roles]
    pairs = _indicator_columns(block.header_lines + block.body_lines)
    if pairs and any(ln.cells for ln in block.body_lines):
        extract_performance_grid(block, table, pairs, listed)
        return
    lines = block.body_lines or block.header_lines
    pieces = list(_pieces(lines))
    row: Row | None = None
    state = "seek"  # seek -> name -> indicators
    name_parts: list[str] = []
    indicator: list[str] = []
    value: str | None = None
    pending_code = ""
    width = 0  # the wrap width of indicator fragments in this layout
    unfinished: list[list] = []  # targets on this page whose names ended on a full-width fragment
    continuing: list | None = None
    last_page = None

    def flush_value():
        nonlocal value, indicator, unfinished
        if row is not None and value is not None and indicator:
            targets = row.attrs.setdefault("_targets", [])  # type: ignore[arg-type]
            entry = ["".join(indicator), value.replace(" ", "")]
            targets.append(entry)
            if width >= 3 and len(indicator) > 1 and len(indicator[-1]) == width:
                unfinished.append(entry)
        value = None
        indicator = []

    def set_amounts(text: str, ln: SourceLine):
        amts = [parse_amount(t, block.unit) for t in text.split()]
        amts = [a for a in amts if a is not None]
        if row is None or not amts:
            return
        cands = place([a.value for a in amts], PERFORMANCE_FUNDS)
        roles = cands[0].roles if cands else ("total",)
        for r, a in zip(roles, amts):
            row.cells[r] = Cell(r, a, loc(ln), inferred=len(amts) < 4)

    i = 0
    while i < len(pieces):
        p, ln = pieces[i]
        compact = p.replace(" ", "")
        if _CODE_PIECE.match(p) and compact.isdigit() and (len(compact) >= 3 or pending_code):
            # project codes wrap: '4108002200' '0000005320' '1'
            if state == "indicators" or state == "name":
                flush_value()
            pending_code += compact
            i += 1
            nxt = pieces[i][0].replace(" ", "") if i < len(pieces) else ""
            if nxt.isdigit() and len(pending_code) < 21 and len(pending_code) >= 9:
                continue
            code = pending_code
            pending_code = ""
            kind = "unit" if len(code) <= 8 else "item"
            row = Row(label="", location=loc(ln), kind=kind, code=code, code_scheme="unit" if kind == "unit" else "project")
            table.rows.append(row)
            state, name_parts = "name", []
            unfinished = []
            continue
        if _AMOUNTS.match(p) or (parse_amount(compact) and "." in compact):
            if state == "name" and row is not None:
                row.label = "".join(name_parts)
                set_amounts(p, ln)
                state = "indicators"
            elif row is not None and state == "indicators" and not row.cells:
                set_amounts(p, ln)
            i += 1
            continue
        page_break = last_page is not None and ln.page != last_page
        last_page = ln.page
        if state == "indicators" and page_break and unfinished and not is_value(compact):
            # a name wrapped across the page break: its tail comes first on the new page
            flush_value()
            continuing, unfinished = unfinished[-1], []
        if continuing is not None and not is_value(compact):
            continuing[0] += compact
            if len(compact) < width:
                continuing = None
            i += 1
            continue
        continuing = None
        if state == "name":
            name_parts.append(compact)
        elif state == "indicators" and row is not None and row.kind == "item":
            if value is None and not is_value(compact):
                width = max(width, len(compact))
            if value is not None:
                if len(compact) <= 2 and not _complete(value) and not is_value(compact):
                    value += compact
                    i += 1
                    continue
                flush_value()
            if is_value(compact) and indicator:
                value = compact
            else:
                indicator.append(compact)
        i += 1
    flush_value()
    for r in table.rows:
        targets = r.attrs.pop("_targets", None)  # type: ignore[arg-type]
        if targets:
            r.attrs["targets"] = [tuple(t) for t in targets]  # type: ignore[assignment]


def extract_dept_performance(block: Block, table: Table) -> None:
    """部门整体绩效目标表: keep the 预算情况 amounts (总额, 资金来源, 资金结构)."""
    for ln in block.header_lines + block.body_lines:
        text = ln.text.replace(" ", "")
        m = re.match(r"^(.*?)([-\d,]+\.\d+)$", text)
        if not m:
            continue
        label = re.sub(r"^[\d、.（）()]+", "", m.group(1)).strip("：:")
        a = parse_amount(m.group(2), block.unit)
        if a is None or not label:
            continue
        key = None
        if "总额" in label:
            key = "total"
        elif "基本支出" in label:
            key = "basic"
        elif "项目支出" in label:
            key = "project"
        elif "政府预算资金" in label or "财政拨款" in label:
            key = "gpb"
        row = Row(label=label, location=loc(ln), kind="total" if key == "total" else "item")
        if key:
            row.attrs["key"] = key
        row.cells["total"] = Cell("total", a, loc(ln))
        table.rows.append(row)
    targets = dept_targets(block.header_lines + block.body_lines)
    if targets:
        row = Row(label="部门整体", location=loc(block.body_lines[0] if block.body_lines else block.header_lines[0]),
                  kind="group")
        row.attrs["dept_targets"] = targets  # type: ignore[assignment]
        table.rows.append(row)


_DEPT_LEVEL1 = re.compile(r"^(?:投入管理|产出|效果|效益|满意度|成本|履职效能|管理效率|社会效应|可持续发展)(?:指标)?$")
_DEPT_VALUE = re.compile(r"^(?:[≥≤＞＜><=]\s*)?[-\d.]+\s*(?:%|％|天|个|人|次|项|家|件|万元|元|小时|分钟|年|月|日|台|套|份|户|条|篇|场|期|批|座|公里|平方米)?$"
                    r"|^[≥≤＞＜><=].{1,10}$|^(?:相关|科学|合理|完整|规范|健全|有效|达标|及时|准确|提高|提升|降低|减少|良好|明显|显著|持续"
                    r"|符合|满意|不断提升|逐步提高|按时完成|全部完成|真实|公开|透明|安全|稳定|高效|是|否|优|良)[^，。；]{0,6}$")


def dept_targets(lines: list[SourceLine]) -> list[tuple[str, str, str, str]]:
    """The indicator rows of a 部门整体绩效目标表 after its '一级指标 二级指标 三级指标 指标值' header:
    (一级, 二级, 三级指标, 指标值). A 一级 or 二级 heading stands on its own line; an indicator line
    is a short name and a short value ('预算执行率 ≥95%', '年度履职目标相关性 相关'), or a name
    wrapped over lines with its value alone on the next; the long explanations (指标值说明) between
    them are not indicators."""
    start = next((i for i, ln in enumerate(lines) if "一级指标" in ln.text and "指标值" in ln.text), None)
    if start is None:
        return []
    out: list[tuple[str, str, str, str]] = []
    level1 = level2 = ""
    pending: list[str] = []  # lone text lines since the last heading or indicator: a wrapped name, or a heading
    columns = _dept_columns(lines[start])
    for ln in lines[start + 1:]:
        text = ln.text.strip()
        if columns and ln.cells is not None:  # a grid with the header's columns: each cell by its column
            got = _dept_grid_row(ln.cells, columns)
            if got:
                level1, level2 = got[0] or level1, got[1] or (level2 if not got[0] else "")
                out.append((level1, level2, got[2], got[3]))
                pending = []
                continue
        cells = [c for c in (ln.cells or text.split()) if c.strip()]
        if not cells:
            continue
        if len(cells) == 1:
            one = cells[0].replace(" ", "")
            if _DEPT_LEVEL1.match(one):
                level1, level2, pending = one, "", []
            elif _DEPT_VALUE.match(one) and pending:
                out.append((level1, level2, "".join(pending), one))  # a wrapped name, its value alone
                pending = []
            elif re.search(r"[。；=×*]|^\d[、.]", one) or len(one) > 30:
                if len(pending) == 1 and 2 <= len(pending[0]) <= 12:
                    level2 = pending[0]  # a heading, then an explanation: the heading was a 二级指标
                pending = []
            elif len(one) <= 2 and pending:
                pending[-1] += one  # '重点工作任务完' / '成'
            else:
                if len(pending) == 1 and 2 <= len(pending[0]) <= 12 and not re.search(r"[，、]", pending[0]):
                    level2 = pending[0]
                    pending = []
                pending.append(one)
            continue
        name, value = cells[-2].strip() if len(cells) > 2 else cells[0].strip(), cells[-1].strip()
        if len(cells) > 2 and _DEPT_LEVEL1.match(cells[0].replace(" ", "")):
            level1, level2 = cells[0].replace(" ", ""), cells[1].strip() if len(cells) > 3 else ""
        if 2 <= len(name) <= 30 and not re.search(r"[，。；=]", name) and _DEPT_VALUE.match(value):
            if len(pending) == 1 and 2 <= len(pending[0]) <= 12 and not re.search(r"[，、]", pending[0]):
                level2 = pending[0]
            out.append((level1, level2, name, value))
            pending = []
    return out


def _dept_columns(header: SourceLine) -> tuple[int, int, int, int] | None:
    """The columns of 一级指标, 二级指标, 三级指标 and 指标值 in a grid header, when it has all four."""
    if header.cells is None:
        return None
    cells = [c.replace(" ", "") for c in header.cells]
    try:
        return tuple(cells.index(word) for word in ("一级指标", "二级指标", "三级指标", "指标值"))  # type: ignore[return-value]
    except ValueError:
        return None


def _dept_grid_row(cells: list[str], columns: tuple[int, int, int, int]) -> tuple[str, str, str, str] | None:
    """(一级, 二级, 三级指标, 指标值) of a grid row that has a name and a value in their columns: the
    value as printed, whatever its wording ('稳步提升', '较上年提升'), but short (not a 说明)."""
    def at(i: int) -> str:
        return cells[i].replace(" ", "") if i < len(cells) else ""

    level1, level2, name, value = (at(i) for i in columns)
    if not name or not value or name == "三级指标" or len(value) > 40 or re.search(r"[。；]", value) or len(name) > 30:
        return None  # (a header repeated on a new page, a 说明)
    return level1, level2, name, value


# 绩效目标申报表 (declaration form): one project per table, labelled fields, then indicator rows
# the money fields and the role each gives its amount
_MONEY_FIELDS = {"年度资金总额": "total", "资金总额": "total", "其他资金": "unit_funds", "其中：其他资金": "unit_funds",
                 "单位资金": "unit_funds", "财政专户管理资金": "special_account", "财政专户": "special_account"}
# the fields whose words the form reads, and what it reads them as
_FIELD_STATES = {"项目名称": "name", "指标值": "indicators", "年度绩效目标": "goal", "年度目标": "goal", "总体目标": "goal",
                 "实施单位": "unit", "预算执行单位": "unit", "项目实施单位": "unit", "执行单位": "unit",
                 "项目类型": "type", "项目类别": "type", **_MONEY_FIELDS}
_FORM_FIELDS = tuple(_FIELD_STATES) + ("主管部门", "项目资金", "其中：财政拨款", "财政拨款", "项目负责人", "项目属性",
                                       "项目期", "一级指标", "二级指标", "三级指标")
_CATEGORIES = sorted(("产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "质量指标", "时效指标", "经济成本指标",
                      "社会成本指标", "生态环境成本指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标",
                      "服务对象满意度指标"), key=len, reverse=True)


_FORM_MONEY = {"total": "年度资金总额", "gpb": "其中：财政拨款", "special_account": "财政专户管理资金",
               "unit_funds": "其他资金"}  # the roles a form's money takes, as its columns are named
_GROUP_FIELDS = ("项目资金", "一级指标", "二级指标", "三级指标")  # labels of a group, followed by more labels
_FIELDS_LONGEST = sorted(_FORM_FIELDS, key=len, reverse=True)
_MONEY_PIECE = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+\.\d+$")  # not '3' (年), not a phone number
_UNIT_PIECE = re.compile(r"^[（(]?万?元[)）]?$")
_UNIT_SUFFIX = re.compile(r"[（(]万?元[)）]$")
_GLUED_VALUE = re.compile(r"(?<=[\u4e00-\u9fff])(?:[≥≤<>=＞＜≧≦]|不低于|不高于|不超过).*$")


def _form_pieces(lines: list[SourceLine]):
    """(piece, line, first on its text line, ends an indicator row): a row ends where the next line
    starts another row or field, and its last piece is its value even where the word is not a known
    one. A row printed without word spaces, its value glued to the name ('服务效率提升程度明显',
    '运维系统数量≥9个'), gives the value as a piece of its own."""
    pieces = list(_pieces(lines))
    following = {id(a): next((b for b in lines[k + 1:] if b.no != a.no), None) for k, a in enumerate(lines)}
    # a grid of indicators under '一级指标 | 二级指标 | 三级指标 | 指标值': a row's value is its 指标值 cell,
    # whatever its words ('基本实现'); below the header only
    head = next((i for i, ln in enumerate(lines) if ln.cells and "指标值" in [c.replace(" ", "") for c in ln.cells]), None)
    value_col = [c.replace(" ", "") for c in lines[head].cells].index("指标值") if head is not None else None
    below = {id(ln) for ln in lines[head + 1:]} if head is not None else set()
    starts = tuple(_CATEGORIES) + tuple(_FORM_FIELDS) + ("附表",)
    for k, (piece, ln) in enumerate(pieces):
        # one printed line may come as two (its words and its amounts): the line number tells
        first = ln.cells is None and (k == 0 or pieces[k - 1][1].no != ln.no)
        last = k + 1 == len(pieces) or pieces[k + 1][1].no != ln.no
        text = ln.text.strip()
        nxt = following.get(id(ln))
        row_end = (ln.cells is None and last and text.startswith(tuple(_CATEGORIES))
                   and (nxt is None or nxt.text.strip().startswith(starts)))  # the next line starts another row
        if ln.cells is not None and value_col is not None and id(ln) in below and last:
            row_end = value_col < len(ln.cells) and ln.cells[value_col].strip() == piece
        if row_end and not is_value(piece) and " " not in text and "\t" not in text:
            m = _GLUED_VALUE.search(piece)
            word = next((w for w in sorted(QUALITATIVE, key=len, reverse=True)
                         if piece.endswith(w) and len(piece) - len(w) >= 2), None)
            if m:
                yield piece[:m.start()], ln, first, False
                yield piece[m.start():], ln, False, True
                continue
            if word:
                yield piece[:-len(word)], ln, first, False
                yield word, ln, False, True
                continue
        yield piece, ln, first, row_end


def _moneyish(piece: str) -> bool:
    """An amount, a unit or a money label: what a line of the form's money fields holds."""
    t = piece.replace(" ", "")
    return bool(_AMOUNTS.match(piece) or _MONEY_PIECE.match(t) or _UNIT_PIECE.match(t) or t.isdigit()
                or t in _MONEY_FIELDS or t.endswith("财政拨款") or t == "项目资金"
                or len(t) <= 10 and t.endswith(("资金总额", "资金", "拨款", "专项")))  # 中期资金总额, 上级专项


def _same_line(queue, ln: SourceLine) -> list[str]:
    """The pieces still to come on this line."""
    out = []
    for piece, other, _, _ in queue:
        if other.no != ln.no:
            break
        out.append(piece)
    return out


def _money_field_here(following: list[str], starts_line: bool) -> bool:
    """Whether a money word inside a name or a goal is a field of its own: followed on its line only
    by amounts and money labels ('项目名称 X 年度资金总额 14,700.00'), or alone on the line it starts
    (its amount below it); not among words ('其他资金 10,000.00 元用于运维', '财政拨款资金用于…')."""
    if following:
        return all(_moneyish(x) or _moneyish(_peel(x.replace(" ", "")) or "") for x in following)
    return starts_line


def _peel(p: str) -> str | None:
    """The field label a piece of glued text starts with ('项目名称培训宣传经费')."""
    return next((f for f in _FIELDS_LONGEST if p.startswith(f) and len(p) > len(f)), None)


def _glued(lines: list[SourceLine]) -> bool:
    """A form printed without word spaces between its labels and values ('项目名称培训宣传经费',
    '年度资金总额：639,400.00'); in a form with spaces a label is a piece of its own, and a wrapped
    name ('项目期中评估') is never cut at a field word."""
    for ln in lines:
        words = ln.text.split() if ln.cells is None else []
        if words and words[0].startswith("项目名称"):
            return len(words[0].rstrip("：:")) > len("项目名称")
    return False


def is_declaration_form(lines: list[SourceLine]) -> bool:
    return any(ln.text.replace(" ", "").startswith("项目名称") for ln in lines[:8])


_LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")


def _categories_of(text: str) -> list[str]:
    """The category words (一级 and 二级指标) in front of an indicator, in order."""
    out = []
    while True:
        c = next((c for c in _CATEGORIES if text.startswith(c)), None)
        if c is None:
            return out
        out.append(c)
        text = text[len(c):]


def _strip_categories(text: str) -> str:
    return text[sum(len(c) for c in _categories_of(text)):]


# 基本支出 forms (人员类 / 公用经费) printed next to the project forms: what their name says once the
# unit's name in front of it and a trailing 项目 are taken away
_BASIC_NAMES = {"personnel": ("人员类", "人员经费", "人员支出", "人员类经费", "基本支出人员经费", "基本支出人员类"),
                "public": ("公用经费", "日常公用经费", "一般公用经费", "一般性公用经费", "公用类", "公用支出", "公用经费类",
                           "基本支出公用经费", "基本支出公用类")}
_NOT_BASIC_TYPES = ("特定目标", "其他运转")  # project types of the 预算管理一体化 (运转类 may be 公用经费)


def basic_form_kind(label: str, title: str = "", unit_name: str = "", form_type: str = "") -> str | None:
    """'personnel' or 'public' for a 基本支出 performance form (人员类 / 公用经费), None for a project form.

    Told by the form's 项目类型 where it says so (人员类项目, 基本支出（公用经费）; 特定目标类 and 其他运转类
    are projects), else by its name: a 基本支出 word alone ('人员类项目', '日常公用经费'), or after the
    name of the form's own 实施单位 ('某县教育局人员类项目' of 某县教育局). A name such as
    '义务教育学校公用经费' or '村干部人员经费' of another unit is a project (a transfer to others).
    In a form titled 基本支出…绩效 (and not 项目支出), a name that mentions 人员 or 公用 is enough."""
    kind_text = form_type.replace(" ", "")
    if kind_text:
        if "人员" in kind_text:
            return "personnel"
        if "公用" in kind_text:
            return "public"
        if any(w in kind_text for w in _NOT_BASIC_TYPES):
            return None
    key = re.sub(r"[\s（）()【】\[\]\-—_·:：、]", "", label)
    own = re.sub(r"[\s（）()]", "", unit_name)
    if own and key.startswith(own):
        key = key[len(own):]
    key = re.sub(r"^(?:本级|机关)", "", re.sub(r"^\d{4}年度?", "", key))
    basic_names = _BASIC_NAMES["personnel"] + _BASIC_NAMES["public"]
    while key not in basic_names and re.search(r"(?:基本支出|支出|项目)$", key):
        key = re.sub(r"(?:基本支出|支出|项目)$", "", key)  # '人员类项目支出', '公用经费项目（基本支出）'
    for kind, names in _BASIC_NAMES.items():
        if key in names:
            return kind
    plain = title.replace(" ", "")
    if "基本支出" in plain and "绩效" in plain and "项目" not in plain:
        if "人员" in key:
            return "personnel"
        if "公用" in key:
            return "public"
    return None


_LABEL_UNIT = re.compile(r"(?:资金|金额|总额|拨款)\s*[（(]\s*(万元|元)\s*[)）]")


def extract_declaration_form(lines: list[SourceLine], unit: str, table: Table) -> None:
    stated = next((m.group(1) for ln in lines[:30] for m in [_LABEL_UNIT.search(ln.text)] if m), None)
    if stated:
        unit = table.unit = YUAN if stated == "元" else WAN  # '项目资金（元）': the unit its money label states
    row = Row(label="", location=loc(lines[0]) if lines else table.location, kind="item", code_scheme="project")
    targets: list[tuple[str, str]] = []
    target_levels: list[tuple[str, str]] = []  # (一级, 二级) of each target
    levels = ["", ""]
    state = None  # 'name' | 'unit' | 'type' | 'total' | 'gpb' | 'goal' | 'indicators'
    name: list[str] = []
    unit_name: list[str] = []
    form_type: list[str] = []
    unplaced: list[tuple[str, SourceLine]] = []
    last = ""  # the words before an amount
    goal: list[tuple[str, SourceLine]] = []  # the 年度绩效目标 as written (its money is checked against the form's)
    buf: list[str] = []
    queue = deque(_form_pieces(lines))
    glued = _glued(lines)
    while queue:
        piece, ln, first, row_end = queue.popleft()
        p = piece.replace(" ", "").rstrip("：:") if not _AMOUNTS.match(piece) else piece.replace(" ", "")
        if p != _UNIT_SUFFIX.sub("", p) and not _moneyish(p):
            p = _UNIT_SUFFIX.sub("", p).rstrip("：:")  # '年度资金总额（元）', '上级专项(元)'
        if state == "indicators":
            if buf and (is_value(p) or row_end and p not in _CATEGORIES and _strip_categories("".join(buf))):
                whole = "".join(buf)
                if row_end and not is_value(p) and re.fullmatch(r"[≥≤<>=＞＜]?\d+(?:\.\d+)?", buf[-1]):
                    whole, p = "".join(buf[:-1]), buf[-1] + p  # '培训人次 100 人次'
                indicator = _strip_categories(whole)
                for c in _categories_of(whole):  # the 一级 and 二级 printed in front, carried down their merged cells
                    if c in _LEVEL1:
                        levels = [c, ""]
                    else:
                        levels[1] = c
                if indicator:
                    targets.append((indicator, p))
                    target_levels.append(tuple(levels))
                buf = []
            elif p not in ("一级指标", "二级指标", "三级指标", "指标值"):
                buf.append(p)
            continue
        field, rest = None, ""
        if first and glued and p not in _FORM_FIELDS:
            field = _peel(p)
            rest = p[len(field):].lstrip("：:") if field else ""
        label: str | None = field or p
        if state in ("name", "goal") and (label in _MONEY_FIELDS or label.endswith("财政拨款") or label == "项目资金"):
            # inside a name or a goal a money word starts a field only on a line of money fields
            # ('年度资金总额 14,700.00'), not among words ('其他资金 10,000.00 元用于运维', '财政拨款资金用于…')
            if not _money_field_here(([rest] if rest else []) + _same_line(queue, ln), first or ln.cells is not None):
                field, rest, label = None, "", None
        if field is not None:
            # a label glued to its value (a PDF without word spaces): the label, then the rest
            if rest:
                queue.appendleft((rest, ln, field in _GROUP_FIELDS, row_end))
            p = field
        if label is not None and (p in _FORM_FIELDS or p.endswith("财政拨款")):
            state = _FIELD_STATES.get(p)
            if p.endswith("财政拨款"):
                state = "gpb"
            last = p
            continue
        a = parse_amount(p, unit)
        if state in _FORM_MONEY and a is None:
            if _UNIT_PIECE.match(p):
                continue  # '年度资金总额 （元） 639,400.00'
            state = None  # a blank money field: what follows is not its amount
        prev, last = last, ("" if a is not None else p)
        if state in _FORM_MONEY and a is not None and state not in row.cells:
            row.cells[state] = Cell(state, a, loc(ln))
            state = None
        elif state in _FORM_MONEY and a is not None:
            # a second 财政拨款 …: another column (中期 / 年度) whose order is not known: neither is kept
            unplaced.append((f"{prev} {p}".strip(), ln))
            if state != "total":
                del row.cells[state]
            state = None
        elif (a is not None and state is None and _MONEY_PIECE.match(p) and "total" in row.cells
              and not goal):
            unplaced.append((f"{prev} {p}".strip(), ln))  # money under a field the form names otherwise (上级专项 …)
        elif state == "name":
            name.append(p)
        elif state == "unit":
            unit_name.append(p)
        elif state == "type":
            form_type.append(p)
        elif state == "goal":
            goal.append((p, ln))
    row.label = "".join(name)
    if unit_name:
        row.attrs["unit"] = "".join(unit_name)  # type: ignore[assignment]
    basic = basic_form_kind(row.label, table.title, "".join(unit_name), "".join(form_type))
    if basic:
        row.attrs["basic"] = basic  # type: ignore[assignment]
    if goal:
        row.attrs["goal"] = "".join(p for p, _ in goal)  # type: ignore[assignment]
        row.attrs["goal_line"] = goal[0][1].no  # type: ignore[assignment]
    if targets:
        row.attrs["targets"] = targets  # type: ignore[assignment]
        if any(a for a, _ in target_levels):
            row.attrs["target_levels"] = [a for a, _ in target_levels]  # type: ignore[assignment]
        if any(b for _, b in target_levels):
            row.attrs["target_levels2"] = [b for _, b in target_levels]  # type: ignore[assignment]
    if row.label:
        table.rows.append(row)
    table.columns = [Column(role, label) for role, label in _FORM_MONEY.items() if role in row.cells or role in ("total", "gpb")]
    if unplaced:
        # the sources of the money are not all known: 年度资金总额 = its parts is not checked
        row.attrs["funds_unsure"] = True  # type: ignore[assignment]
        table.columns = [c for c in table.columns if c.role == "total"]
        table.warnings.append(f"申报表“{row.label}”中有未能归入资金来源的金额（{unplaced[0][0]}，第{unplaced[0][1].no}行），"
                              "未核对年度资金总额与其组成")
