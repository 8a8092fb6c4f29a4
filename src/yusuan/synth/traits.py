"""Tables with the layout traits real templates print, written independently of the reader.

Every table here is consistent by construction (its figures satisfy the budget identities) and
its layout varies in the ways published documents vary: columns in any order under merged group
headers that span one, two or three header rows, column-number (栏次) rows, figures as 万元 or
元, blank cells or printed zeros, 预算数 / 决算数 measure pairs, two-sided 收入 | 支出 tables, 基本支出
tables printed as two halves (人员经费 | 公用经费), 类 / 款 subtotal rows, unit blocks, headers
repeated on a new page, rows that lost a blank cell at the start.

This writer knows the printed header texts of templates (below), not the reader's declarations:
tests that read its tables back test the reader's assumptions, not repeat them. Each table is
returned with the figures it prints by (row label, role) so a test can compare what was read.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

# printed header texts as templates print them, by role (several provinces' wording)
EXPENDITURE_WORDS = {
    "total": ["合计", "本年支出合计", "支出合计"],
    "basic": ["基本支出"], "personnel": ["人员经费", "人员支出"], "public": ["公用经费", "日常公用经费"],
    "salaries": ["工资福利支出"], "family": ["对个人和家庭的补助"], "goods": ["商品和服务支出"], "capital": ["资本性支出"],
    "project": ["项目支出"], "project_operating": ["其他运转类"], "project_specific": ["特定目标类"],
    "upper": ["上缴上级支出"], "business_spending": ["经营支出"], "subsidy": ["对附属单位补助支出"],
}
THREE_PUBLIC_WORDS = {
    "total": ["合计", "“三公”经费合计"], "abroad": ["因公出国（境）费"],
    "vehicle_total": ["公务用车购置及运行费", "公务用车购置及运行维护费"], "vehicle_purchase": ["公务用车购置费", "购置费"],
    "vehicle_operation": ["公务用车运行费", "公务用车运行维护费", "运行维护费"], "reception": ["公务接待费"],
}
MEASURE_WORDS = {"budget": ["预算数", "年初预算数"], "final": ["决算数"]}
CODE_WORDS = [["科目编码"], ["功能分类科目编码"], ["类", "款", "项"]]
NAME_WORDS = ["科目名称", "项目", "功能分类科目名称"]

# 支出功能分类 rows: (类, 类 name, 款, 款 name, 项, 项 name)
FUNCTIONS = [
    ("201", "一般公共服务支出", "20103", "政府办公厅（室）及相关机构事务", "2010301", "行政运行"),
    ("201", "一般公共服务支出", "20103", "政府办公厅（室）及相关机构事务", "2010350", "事业运行"),
    ("205", "教育支出", "20508", "进修及培训", "2050803", "培训支出"),
    ("208", "社会保障和就业支出", "20805", "行政事业单位养老支出", "2080505", "机关事业单位基本养老保险缴费支出"),
    ("210", "卫生健康支出", "21011", "行政事业单位医疗", "2101101", "行政单位医疗"),
    ("221", "住房保障支出", "22102", "住房改革支出", "2210201", "住房公积金"),
]
ECONOMIC = {
    "301": ("工资福利支出", [("30101", "基本工资"), ("30102", "津贴补贴"), ("30107", "绩效工资"), ("30113", "住房公积金")]),
    "303": ("对个人和家庭的补助", [("30302", "退休费"), ("30305", "生活补助")]),
    "302": ("商品和服务支出", [("30201", "办公费"), ("30211", "差旅费"), ("30228", "工会经费"), ("30231", "公务用车运行维护费")]),
    "310": ("资本性支出", [("31002", "办公设备购置")]),
}


@dataclass
class Grid:
    """A printed table: header rows with merged ranges (r0, c0, r1, c1 inclusive), body rows."""

    title: str
    unit: str  # '万元' | '元'
    header: list[list[str]]
    merges: list[tuple[int, int, int, int]]
    body: list[list[str]]
    expected: dict[tuple[str, str], Decimal] = field(default_factory=dict)  # (row label or code, role) -> 万元
    traits: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Draw:
    """Where a generator's choices come from: a seeded random source (benchmarks, `yusuan synth`),
    or a hypothesis `data` object in the property tests, so that failures shrink to the smallest
    layout that breaks the reader."""

    def __init__(self, seed: int = 0):
        self.rng = random.Random(seed)

    def choice(self, seq):
        return self.rng.choice(list(seq))

    def permutation(self, seq) -> list:
        out = list(seq)
        self.rng.shuffle(out)
        return out

    def money(self, lo: int = 1, hi: int = 90000) -> Decimal:
        """A figure in 万元 with two decimals, drawn in cents."""
        return Decimal(self.rng.randint(lo, hi)) / 100

    def coin(self, p: float = 0.5) -> bool:
        return self.rng.random() < p

    def subset(self, seq, least: int = 1) -> list:
        items = list(seq)
        k = self.rng.randint(least, len(items))
        chosen = sorted(self.rng.sample(range(len(items)), k))
        return [items[i] for i in chosen]


def _draw(seed) -> Draw:
    return seed if isinstance(seed, Draw) else Draw(seed)


def _fmt(v: Decimal, unit: str, style: dict) -> str:
    if v == 0 and style["blank_zero"]:
        return ""
    if unit == "元":
        v = v * 10000
    return f"{v:,.2f}" if style["thousands"] else f"{v:.2f}"


def _leaf_values(rng: Draw, leaves: list[str]) -> dict[str, Decimal]:
    return {r: rng.money() if rng.coin(0.7) else Decimal(0) for r in leaves}


def _derive(v: dict[str, Decimal], roles: list[str]) -> dict[str, Decimal]:
    d = dict(v)
    d["personnel"] = d.get("salaries", Decimal(0)) + d.get("family", Decimal(0))
    d["public"] = d.get("goods", Decimal(0)) + d.get("capital", Decimal(0))
    d["basic"] = d["personnel"] + d["public"]
    d["project"] = d.get("project_operating", Decimal(0)) + d.get("project_specific", Decimal(0))
    d["total"] = d["basic"] + d["project"] + sum((d.get(r, Decimal(0)) for r in ("upper", "business_spending", "subsidy")),
                                                 Decimal(0))
    return {r: d[r] for r in roles}


# column groups of an expenditure table: (group role or None, [member roles]); a group may print
# its own 小计 column, and children always stand together under it
_GROUP_CHOICES = [
    [("total", []), ("basic", ["personnel", "public"]), ("project", [])],
    [("total", []), ("basic", ["salaries", "family", "goods", "capital"]), ("project", ["project_operating", "project_specific"])],
    [("total", []), ("basic", []), ("project", [])],
    [("total", []), ("basic", []), ("project", []), ("upper", []), ("business_spending", []), ("subsidy", [])],
]


def expenditure_grid(seed, permute: bool = True) -> Grid:
    """A 支出表-like table by 支出功能分类 with its columns in any order (groups kept together)."""
    rng = _draw(seed)
    groups = [[role, list(members)] for role, members in rng.choice(_GROUP_CHOICES)]
    traits = []
    if permute:
        groups = rng.permutation(groups)
        for g in groups:
            g[1] = rng.permutation(g[1])
        traits.append("column-order")
    style = {"blank_zero": rng.coin(0.5), "thousands": rng.coin(0.4)}
    unit = "元" if rng.coin(0.2) else "万元"
    if unit == "元":
        traits.append("yuan")
    own_subtotal = rng.coin(0.7)  # groups with members print a 小计 column (else only members)
    # header: row 0 group names (merged across members), row 1 member names / 小计
    cols: list[tuple[str, list[str]]] = []  # role, header path
    for role, members in groups:
        word = rng.choice(EXPENDITURE_WORDS[role])
        if not members:
            cols.append((role, [word]))
            continue
        if own_subtotal:
            cols.append((role, [word, "小计"]))
        for m in members:
            cols.append((m, [word, rng.choice(EXPENDITURE_WORDS[m])]))
    if not own_subtotal:
        traits.append("no-subtotal-column")
    code_words = rng.choice(CODE_WORDS)
    name_word = rng.choice(NAME_WORDS)
    label_cols = len(code_words) + 1
    depth = max(len(p) for _, p in cols)
    header = [[""] * (label_cols + len(cols)) for _ in range(depth)]
    merges: list[tuple[int, int, int, int]] = []
    if len(code_words) == 3:
        header[0][0] = "科目编码"
        merges.append((0, 0, 0, 2))
        for k, w in enumerate(code_words):
            header[depth - 1][k] = w
        traits.append("split-code-columns")
    else:
        header[0][0] = code_words[0]
        if depth > 1:
            merges.append((0, 0, depth - 1, 0))
    header[0][label_cols - 1] = name_word
    if depth > 1:
        merges.append((0, label_cols - 1, depth - 1, label_cols - 1))
    c = label_cols
    while c < label_cols + len(cols):
        role, path = cols[c - label_cols]
        if len(path) == 1:
            header[0][c] = path[0]
            if depth > 1:
                merges.append((0, c, depth - 1, c))
            c += 1
            continue
        span = 1
        while c + span < label_cols + len(cols) and cols[c + span - label_cols][1][0] == path[0] and len(cols[c + span - label_cols][1]) > 1:
            span += 1
        header[0][c] = path[0]
        if span > 1:
            merges.append((0, c, 0, c + span - 1))
            traits.append("merged-group-header")
        for k in range(span):
            header[1][c + k] = cols[c + k - label_cols][1][1]
        c += span
    roles = [r for r, _ in cols]
    leaves = [r for r in roles if r not in ("total", "basic", "personnel", "public", "project")]
    if "basic" in roles and not any(r in roles for r in ("personnel", "public", "salaries", "family", "goods", "capital")):
        leaves += ["salaries", "goods"]
    if "project" in roles and not any(r in roles for r in ("project_operating", "project_specific")):
        leaves += ["project_operating"]
    body: list[list[str]] = []
    expected: dict[tuple[str, str], Decimal] = {}
    rows = rng.subset(FUNCTIONS, least=2)
    items = {f[4]: _derive(_leaf_values(rng, leaves), roles) for f in rows}
    subtotals = rng.coin(0.6)
    grand = {r: sum((v[r] for v in items.values()), Decimal(0)) for r in roles}

    def line(code: str, name: str, vals: dict[str, Decimal]) -> list[str]:
        if len(code_words) == 3:
            parts = [code[:3], code[3:5], code[5:7]] if code else ["", "", ""]
        else:
            parts = [code]
        return parts + [name] + [_fmt(vals[r], unit, style) for r in roles]

    numbers = rng.coin(0.3)
    if numbers:
        body.append([""] * (label_cols - 1) + ["栏次"] + [str(k + 1) for k in range(len(roles))])
        traits.append("column-numbers")
    body.append(line("", "合计", grand))
    for r in roles:
        expected[("合计", r)] = grand[r]
    done_class, done_kuan = set(), set()
    for f in rows:
        cls, cname, kuan, kname, xiang, xname = f
        if subtotals and cls not in done_class:
            done_class.add(cls)
            s = {r: sum((items[x[4]][r] for x in rows if x[0] == cls), Decimal(0)) for r in roles}
            body.append(line(cls, cname, s))
        if subtotals and kuan not in done_kuan:
            done_kuan.add(kuan)
            s = {r: sum((items[x[4]][r] for x in rows if x[2] == kuan), Decimal(0)) for r in roles}
            body.append(line(kuan, kname, s))
        body.append(line(xiang, xname, items[xiang]))
        for r in roles:
            expected[(xiang, r)] = items[xiang][r]
    if subtotals:
        traits.append("subtotal-rows")
    if not style["blank_zero"]:
        traits.append("printed-zeros")
    return Grid("2024年部门支出预算表", unit, header, merges, body, expected, traits)


def three_public_grid(seed, measures: bool = False) -> Grid:
    """A 三公 table: one row of figures under a two- or three-row header, columns in any order
    (购置费 and 运行费 under 公务用车), and for a 决算 a 预算数 / 决算数 pair under every item."""
    rng = _draw(seed)
    items = rng.permutation([("total", []), ("abroad", []), ("vehicle_total", ["vehicle_purchase", "vehicle_operation"]),
                             ("reception", [])])
    k = [r for r, _ in items].index("vehicle_total")
    items[k] = ("vehicle_total", rng.permutation(items[k][1]))
    cols: list[tuple[str, list[str]]] = []
    for role, members in items:
        w = rng.choice(THREE_PUBLIC_WORDS[role])
        if members:
            cols.append((role, [w, "小计"]))
            cols += [(m, [w, rng.choice(THREE_PUBLIC_WORDS[m])]) for m in members]
        else:
            cols.append((role, [w]))
    kinds = ["budget", "final"] if measures else [None]
    leaf = {"abroad": rng.money(0, 500), "vehicle_purchase": rng.money(0, 3000) if rng.coin(0.5) else Decimal(0),
            "vehicle_operation": rng.money(0, 2000), "reception": rng.money(0, 800)}
    vals = {}
    spent = rng.choice([Decimal("0.6"), Decimal("0.85"), Decimal("1")])
    for k in kinds:
        factor = Decimal(1) if k != "final" else spent
        v = {r: (x * factor).quantize(Decimal("0.01")) for r, x in leaf.items()}
        v["vehicle_total"] = v["vehicle_purchase"] + v["vehicle_operation"]
        v["total"] = v["abroad"] + v["vehicle_total"] + v["reception"]
        vals[k] = v
    depth = 2 + (1 if measures else 0)
    width = len(cols) * len(kinds)
    header = [[""] * width for _ in range(depth)]
    merges = []
    n = len(kinds)
    j = 0
    for role, members in items:
        group = [c for c in cols if c[1][0] == cols[[r for r, _ in cols].index(role)][1][0]]
        span = len(group) * n
        name = group[0][1][0]
        header[0][j] = name
        if len(group) == 1:  # an item without sub-headers: its name over its measures, down to them
            merges.append((0, j, depth - 2 if n > 1 else depth - 1, j + span - 1))
        else:
            if span > 1:
                merges.append((0, j, 0, j + span - 1))
            for g, (_, path) in enumerate(group):
                header[1][j + g * n] = path[1]
                if n > 1:
                    merges.append((1, j + g * n, 1, j + g * n + n - 1))
                elif depth > 2:
                    merges.append((1, j + g * n, depth - 1, j + g * n))
        if n > 1:
            for g in range(len(group)):
                for m, k in enumerate(kinds):
                    header[depth - 1][j + g * n + m] = rng.choice(MEASURE_WORDS[k])
        j += span
    unit = "万元"
    row = []
    expected = {}
    for role, _ in cols:
        for k in kinds:
            v = vals[k][role]
            row.append(f"{v:.2f}")
            key = role if k in (None, "final") else f"budget.{role}"
            expected[("合计", key)] = v
    title = "2024年财政拨款“三公”经费支出决算表" if measures else "2024年一般公共预算“三公”经费支出预算表"
    return Grid(title, unit, header, merges, [row], expected, ["column-order"] + (["measures"] if measures else []))


def basic_halves_grid(seed) -> Grid:
    """A 基本支出表 printed as two halves: 人员经费 (301, 303) | 公用经费 (302, 310), each half with
    its own 编码 / 名称 / 金额 columns, and a group total below each."""
    rng = _draw(seed)
    left: list[tuple[str, str, Decimal]] = []
    right: list[tuple[str, str, Decimal]] = []
    expected = {}
    totals = {}
    for cls, side in (("301", left), ("303", left), ("302", right), ("310", right)):
        name, items = ECONOMIC[cls]
        vs = [(c, n, rng.money(0, 50000)) for c, n in items]
        s = sum((v for _, _, v in vs), Decimal(0))
        side.append((cls, name, s))
        side.extend(vs)
        for c, _, v in vs:
            expected[(c, "total")] = v
        expected[(cls, "total")] = s
        totals.setdefault("personnel" if side is left else "public", Decimal(0))
        totals["personnel" if side is left else "public"] += s
    final = rng.coin(0.5)
    measure = "决算数" if final else rng.choice(["金额", "预算数", "合计"])
    header = [["经济分类科目编码", "科目名称", measure, "经济分类科目编码", "科目名称", measure]]
    body = []
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ("", "", None)
        b = right[i] if i < len(right) else ("", "", None)
        body.append([a[0], a[1], f"{a[2]:.2f}" if a[2] is not None else "", b[0], b[1], f"{b[2]:.2f}" if b[2] is not None else ""])
    body.append(["人员经费合计", "", f"{totals['personnel']:.2f}", "公用经费合计", "", f"{totals['public']:.2f}"])
    expected[("人员经费合计", "total")] = totals["personnel"]
    expected[("公用经费合计", "total")] = totals["public"]
    title = "2024年一般公共预算财政拨款基本支出决算表" if final else "2024年一般公共预算基本支出预算表"
    return Grid(title, "万元", header, [], body, expected, ["halves"])


def two_sided_grid(seed, side_header: bool = True) -> Grid:
    """A 收支总表 with 收入 on the left and 支出 on the right of every printed row."""
    rng = _draw(seed)
    classes = rng.subset([(f[0], f[1]) for f in FUNCTIONS[::2]], least=1)
    spend = {c: rng.money() for c, _ in classes}
    total = sum(spend.values(), Decimal(0))
    carry = rng.money(0, 2000) if rng.coin(0.5) else Decimal(0)
    end = carry
    income = [("一、一般公共预算拨款收入", total)] + [(w, Decimal(0)) for w in ("二、政府性基金预算拨款收入", "三、事业收入")]
    ords = "一二三四五六"
    exp_rows = [(f"{ords[k]}、{n}", spend[c]) for k, (c, n) in enumerate(classes)]
    rows = []
    for i in range(max(len(income), len(exp_rows))):
        a = income[i] if i < len(income) else ("", None)
        b = exp_rows[i] if i < len(exp_rows) else ("", None)
        rows.append([a[0], f"{a[1]:.2f}" if a[1] else "", b[0], f"{b[1]:.2f}" if b[1] is not None else ""])
    rows.append(["本年收入合计", f"{total:.2f}", "本年支出合计", f"{total:.2f}"])
    rows.append(["上年结转结余", f"{carry:.2f}" if carry else "", "年终结转结余", f"{end:.2f}" if end else ""])
    rows.append(["收入总计", f"{total + carry:.2f}", "支出总计", f"{total + end:.2f}"])
    header = ([["收入", "", "支出", ""]] if side_header else []) + [["项目", rng.choice(["金额", "预算数"]), "项目",
                                                                      rng.choice(["金额", "预算数"])]]
    merges = [(0, 0, 0, 1), (0, 2, 0, 3)] if side_header else []
    expected = {("一、一般公共预算拨款收入", "total"): total, ("本年收入合计", "total"): total,
                ("收入总计", "total"): total + carry}
    for name, v in exp_rows:
        expected[(name, "total")] = v
    return Grid("2024年部门收支预算总表", "万元", header, merges, rows, expected,
                ["two-sided"] + (["side-header"] if side_header else []))


TEXT_ONLY = {"expenditure-lost-cell"}  # a lost cell is an artefact of text extraction: grids keep every cell


def shift_rows(g: Grid, seed) -> Grid:
    """Some body rows lose their leading blank cell (extraction drops it): the row's cells stand
    one column left of their header."""
    rng = _draw(seed)
    out = []
    for row in g.body:
        if row and not row[0] and rng.coin(0.4) and any(row[1:]):
            out.append(row[1:])
            if "lost-cell" not in g.traits:
                g.traits.append("lost-cell")
        else:
            out.append(row)
    g.body = out
    return g


# ---- writing grids as the formats publishers use ---------------------------------------------------

def as_tabs(g: Grid, repeat_header_every: int = 0) -> str:
    lines = [g.title, f"单位：{g.unit}"]
    lines += ["\t".join(r) for r in g.header]
    for i, r in enumerate(g.body):
        if repeat_header_every and i and i % repeat_header_every == 0:
            lines += ["\t".join(h) for h in g.header]  # the header again on the next page
        lines.append("\t".join(r))
    lines += g.notes
    return "\n".join(lines) + "\n"


def as_markdown(g: Grid) -> str:
    width = max(len(r) for r in g.header + g.body)
    out = [g.title, f"单位：{g.unit}", ""]
    # header rows padded to the table's width; body rows as extracted (a row that lost a cell is shorter)
    rows = [r + [""] * (width - len(r)) for r in g.header] + g.body
    out.append("| " + " | ".join(rows[0]) + " |")
    out.append("|" + "---|" * width)
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(out) + "\n"


def as_html(g: Grid) -> str:
    from html import escape

    covered = set()
    spans = {}
    for r0, c0, r1, c1 in g.merges:
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered.add((r, c))
    out = [f"<html><body><h3>{escape(g.title)}</h3><p>单位：{g.unit}</p><table border='1'>"]
    for r, row in enumerate(g.header):
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            attrs = (f" rowspan='{rs}'" if rs > 1 else "") + (f" colspan='{cs}'" if cs > 1 else "")
            cells.append(f"<th{attrs}>{escape(text)}</th>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    for row in g.body:
        out.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
    out.append("</table></body></html>")
    return "\n".join(out)


def as_xlsx(g: Grid, path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "表1"
    ws.append([g.title])
    ws.append([f"单位：{g.unit}"])
    for row in g.header:
        ws.append(row)
    for r0, c0, r1, c1 in g.merges:
        ws.merge_cells(start_row=r0 + 3, start_column=c0 + 1, end_row=r1 + 3, end_column=c1 + 1)
    for row in g.body:
        ws.append([_number(c) for c in row])
    for row in ws.iter_rows(min_row=3 + len(g.header)):
        for cell in row:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
    wb.save(path)


def _number(text: str):
    t = text.replace(",", "")
    try:
        return Decimal(t) if "." in t else text
    except ArithmeticError:
        return text


def as_docx(g: Grid, path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph(g.title)
    d.add_paragraph(f"单位：{g.unit}")
    rows = g.header + g.body
    width = max(len(r) for r in rows)
    table = d.add_table(rows=len(rows), cols=width)
    cells = [[table.cell(r, c) for c in range(width)] for r in range(len(rows))]  # once: cell() is slow
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cells[r][c].text = text
    for r0, c0, r1, c1 in g.merges:
        a = cells[r0][c0]
        text = a.text
        merged = a.merge(cells[r1][c1])
        merged.text = text
    d.save(path)


def as_pdf(g: Grid, path) -> None:
    """A ruled PDF table (reportlab), merged header cells spanned as printed."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    style = [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 7),
             ("GRID", (0, 0), (-1, -1), 0.4, colors.black)]
    style += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in g.merges]
    width = max(len(r) for r in g.header + g.body)
    data = [r + [""] * (width - len(r)) for r in g.header + g.body]
    st = ParagraphStyle("t", fontName=font, fontSize=11, alignment=1)
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(
        [Paragraph(g.title, st), Paragraph(f"单位：{g.unit}", st), Table(data, repeatRows=len(g.header), style=style)])


SUFFIX = {"tabs": "txt", "markdown": "md", "html": "html", "xlsx": "xlsx", "docx": "docx", "pdf": "pdf"}


def write(g: Grid, fmt: str, path) -> None:
    """Write a grid in one of the formats publishers use (tabs, markdown, html, xlsx, docx, pdf)."""
    if fmt == "tabs":
        path.write_text(as_tabs(g), encoding="utf-8")
    elif fmt == "markdown":
        path.write_text(as_markdown(g), encoding="utf-8")
    elif fmt == "html":
        path.write_text(as_html(g), encoding="utf-8")
    else:
        {"xlsx": as_xlsx, "docx": as_docx, "pdf": as_pdf}[fmt](g, path)


GENERATORS = {
    "expenditure": lambda seed: expenditure_grid(seed),
    "expenditure-lost-cell": lambda seed: shift_rows(expenditure_grid(seed), _draw(seed)),  # text formats only
    "three-public": lambda seed: three_public_grid(seed),
    "three-public-measures": lambda seed: three_public_grid(seed, measures=True),
    "basic-halves": basic_halves_grid,
    "two-sided": lambda seed: two_sided_grid(seed),
    "two-sided-no-side-header": lambda seed: two_sided_grid(seed, side_header=False),
}
