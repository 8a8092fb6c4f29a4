"""The budget officer's input workbook: `yusuan template` writes it blank with instructions, and
`read_workbook` reads it back into the YAML/JSON form with the sheet and cell of every value.

Sheets are found by name and columns by their header words, so officers may reorder columns,
add notes below the header or insert rows; a missing sheet or column is reported, never guessed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from yusuan.compose.problems import Problems
from yusuan.model.budget import COUNT_ITEMS, FUNDS, NARRATIVE_SECTIONS, PROCUREMENT_ITEMS, THREE_PUBLIC_ITEMS, UNIT_INCOME

INSTRUCTIONS = "填表说明"
PROFILE, UNITS, FUNCTIONS, ECONOMIC, PROJECTS, OTHER, LAST_YEAR, TARGETS, INCOME = (
    "基本情况", "预算单位", "支出功能分类", "基本支出经济分类", "项目支出", "三公经费及其他", "上年对比", "绩效目标", "收入来源")
FUND_NOTE = "资金来源：一般公共预算（空白即此）、政府性基金预算、国有资本经营预算、财政专户管理资金、单位资金；同一科目有两种资金的分两行填写"

# sheet -> (field, header words, note) for list sheets
COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    UNITS: [("code", "单位编码", "部门预算：所属各预算单位（含本级）"), ("name", "单位名称", ""),
            ("type", "单位类型", "行政、参公或事业：决定政府预算支出经济分类")],
    FUNCTIONS: [("unit", "所属单位编码", "部门汇总时填写，单位预算留空"), ("code", "科目编码", "7 位，如 2010301"),
                ("name", "科目名称", ""), ("salaries", "工资福利支出", "基本支出·人员经费"),
                ("family", "对个人和家庭的补助", "基本支出·人员经费"), ("goods", "商品和服务支出", "基本支出·公用经费"),
                ("capital", "资本性支出", "基本支出·公用经费"), ("project_operating", "其他运转类", "项目支出"),
                ("project_specific", "特定目标类", "项目支出"), ("fund", "资金来源", FUND_NOTE)],
    ECONOMIC: [("code", "科目编码", "5 位部门预算支出经济分类，如 30101"), ("name", "科目名称", ""),
               ("amount", "金额", "301、303 为人员经费，其余为公用经费"),
               ("unit", "所属单位编码", "部门汇总、所属单位既有行政也有事业时按单位填写；否则留空"),
               ("fund", "资金来源", FUND_NOTE)],
    PROJECTS: [("type", "项目类型", "其他运转类 或 特定目标类"), ("name", "项目名称", ""), ("amount", "金额", ""),
               ("unit", "项目单位", "可空，默认为本单位"),
               ("code", "项目编码", "预算系统中的项目编码，可空（不填则绩效目标表中留空）"),
               ("economic", "经济分类", "部门预算支出经济分类款，如 30227 委托业务费、31002 办公设备购置；默认 30299"),
               ("fund", "资金来源", FUND_NOTE)],
    TARGETS: [("project", "项目名称", "与“项目支出”表一致；部门整体绩效指标填“部门整体”"), ("level1", "一级指标", "产出指标/效益指标/满意度指标/成本指标"),
              ("level2", "二级指标", "如 数量指标"), ("indicator", "三级指标", ""), ("value", "指标值", "如 ≥95%")],
    INCOME: [("unit", "所属单位编码", "部门预算每个单位一行；单位预算一行，可留空")]
            + [(k, label, "单位资金的收入来源：各项之和 = 单位资金支出 − 单位资金的上年结转结余") for k, label in UNIT_INCOME]
            + [(f"carry_{k}", f"上年结转结余·{label}", "上年结转结余中用于本年支出的部分（已含在支出功能分类的金额中）")
               for k, label in FUNDS],
}
# the columns that workbooks made by older templates lack (their defaults hold): header words
OPTIONAL_COLUMNS = ("所属单位编码", "项目单位", "单位类型", "经济分类", "项目编码", "项目类型", "资金来源")
PROFILE_FIELDS = [("unit.name", "单位名称", "全称，如 焦作市某某中心"), ("unit.code", "单位编码", "预算单位代码，如 122201"),
                  ("unit.year", "预算年度", "四位年份"), ("unit.scope", "编制范围", "单位 或 部门"),
                  ("unit.month", "公开月份", "封面上的月份（1–12），如 2 印作“二〇二五年二月”；可空"),
                  ("unit.type", "单位类型", "行政、参公或事业（决定政府预算支出经济分类：行政 50101…，事业 50501…）"),
                  ("profile.duties", "主要职能", "每段一行（单元格内换行）"), ("profile.institutions", "机构设置", ""),
                  ("profile.staff", "人员情况", "如 人员编制15名，实有人员9名"),
                  ("profile.overall_goal", "整体绩效目标", "本年度整体绩效目标，一段话"),
                  ("profile.tasks", "年度主要任务", "部门整体绩效目标表所列，每项一行：任务名称：主要内容")]
PROFILE_FIELDS += [(f"texts.{k}", f"情况说明补充·{label}", "可空：写在情况说明该节末尾的文字（生成前与表格一同核查）")
                   for k, _, label in NARRATIVE_SECTIONS]
PROFILE_FIELDS += [(f"rewrites.{k}", f"情况说明改写·{label}", "可空：代替该节生成的文字（生成前同样与表格核查；"
                                                          "写错的数字不会生成，未写的数字不再出现在该节）")
                   for k, _, label in NARRATIVE_SECTIONS]
LAST_YEAR_FIELDS = [("total", "收支总计"), ("basic", "一般公共预算基本支出"), ("three_public", "“三公”经费合计"),
                    ("abroad", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"),
                    ("vehicle_operation", "公务用车运行维护费"), ("reception", "公务接待费"), ("operating", "机关运行经费")]
SECTIONS = {"三公": "three_public", "运行经费": "operating", "采购": "procurement", "资产": "assets",
            "车辆与大型设备": "counts"}
# the labelled lines of the fixed sections: label -> key
ITEM_KEYS = {"three_public": {label: k for k, label in THREE_PUBLIC_ITEMS},
             "procurement": {label: k for k, label in PROCUREMENT_ITEMS},
             "counts": {f"{label}（{unit}）": k for k, label, unit in COUNT_ITEMS}}


def _section(first: str) -> str | None:
    """The section a 【…】 line opens, by its words."""
    return next((v for k, v in SECTIONS.items() if k in first), None)
ASSET_KINDS = ("房屋建筑物", "车辆", "办公设备", "专用设备", "其他资产")
TOP = 2  # header row of every sheet; row 1 says what the sheet is for

HELP = [
    "本工作簿用于编制部门（单位）预算公开文件。填好后运行：yusuan render 本文件.xlsx -o 预算公开.pdf",
    "金额单位均为万元，最多两位小数；合计、小计、占比、增减额和增减率都由程序计算，无需填写。",
    "“基本情况”：单位名称、编码、年度、编制范围（单位/部门）、单位类型（行政/参公/事业）、主要职能、机构设置、人员情况。",
    "单位类型决定政府预算支出经济分类：行政、参公单位 30101 → 50101、30201 → 50201…；事业单位 301 → 50501、302 → 50502；303 → 509。",
    "“预算单位”：部门预算列出所属各预算单位（含本级）的编码和名称；单位预算不填。",
    "“支出功能分类”：按政府收支分类科目的“项”逐行填写，每行按经济分类填入基本支出与项目支出。",
    "“基本支出经济分类”：基本支出按部门预算支出经济分类“款”填写；301、303 类合计须等于人员经费，302、310 等须等于公用经费。",
    "“项目支出”：每个项目一行；各类型合计须等于“支出功能分类”中同类项目支出的合计。",
    "资金来源：“支出功能分类”“基本支出经济分类”“项目支出”每行可填资金来源（空白为一般公共预算）；同一科目由两种资金安排的分两行。各资金的经济分类、项目须与该资金的支出一致。",
    "“收入来源”：单位资金按事业收入、事业单位经营收入、上级补助收入、附属单位上缴收入、其他收入填写；上年结转结余按资金填写（已含在支出中）。本年收入由程序按“支出 − 上年结转结余”计算。",
    "“三公经费及其他”：“三公”经费、机关运行经费（按经济分类）、政府采购、国有资产，各在其【】标题之下。",
    "“上年对比”：上年预算数和增减原因；“三公”经费各项有增减的，必须说明原因。",
    "“绩效目标”：每个项目至少一条三级指标。",
    "部门预算有两种填法：一份工作簿——先在“预算单位”表列出各单位（含本级），各表按“所属单位编码”逐行填写；或每个单位各填一份"
    "（编制范围为单位，所属单位编码留空），再用 yusuan render 单位1.xlsx 单位2.xlsx --department 部门名称 汇总。",
    "填写有误时，yusuan 会列出每个问题所在的工作表和单元格，改正后再运行即可；有错误时不会生成文件。",
]


def write_template(path: Path, year: int, scope: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wb = Workbook()
    ws = wb.active
    ws.title = INSTRUCTIONS
    ws.column_dimensions["A"].width = 130
    ws.append([f"{year}年度{'部门' if scope == 'department' else '单位'}预算公开 编制数据（yusuan 模板）"])
    ws.cell(1, 1).font = Font(bold=True, size=14)
    for k, line in enumerate(HELP, 1):
        ws.append([f"{k}. {line}"])
        ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True)

    def sheet(title: str, purpose: str, headers: list[str], widths: list[int]):
        s = wb.create_sheet(title)
        s.append([purpose])
        s.cell(1, 1).font = Font(italic=True, color="666666")
        s.append(headers)
        for k, (h, w) in enumerate(zip(headers, widths), 1):
            c = s.cell(TOP, k)
            c.font, c.fill = bold, fill
            s.column_dimensions[c.column_letter].width = w
        s.freeze_panes = f"A{TOP + 1}"  # a string: s.cell() would create row 3 and push the rows below it
        return s

    s = sheet(PROFILE, "单位基本情况（第一部分 概况）", ["项目", "内容", "说明"], [16, 80, 36])
    for path_, label, note in PROFILE_FIELDS:
        value = year if path_ == "unit.year" else ("部门" if scope == "department" else "单位") if path_ == "unit.scope" else None
        s.append([label, value, note])
        s.cell(s.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    for title, purpose in ((UNITS, "部门预算的预算单位构成（单位预算不填）"), (FUNCTIONS, "支出预算（按支出功能分类的项，单位：万元）"), (ECONOMIC, "基本支出（按部门预算支出经济分类的款，单位：万元；不是一般公共预算的填“资金来源”）"),
                           (PROJECTS, "项目支出预算（单位：万元）"), (TARGETS, "项目绩效目标"),
                           (INCOME, "单位资金的收入来源和上年结转结余（单位：万元；只有一般公共预算资金的不填）")):
        cols = COLUMNS[title]
        s = sheet(title, purpose, [h for _, h, _ in cols], [14 if f not in ("name", "indicator", "project") else 30 for f, _, _ in cols])
        for k, (field, _, note) in enumerate(cols, 1):
            if note:
                s.cell(TOP, k).comment = _comment(note)
            if field in ("code", "unit"):  # typed as text: Excel keeps leading zeros and all 21 digits of a 项目编码
                s.column_dimensions[s.cell(TOP, k).column_letter].number_format = "@"
    _choices(wb)
    s = sheet(OTHER, "“三公”经费、机关运行经费、政府采购、国有资产（单位：万元）", ["项目", "科目编码", "科目名称", "金额"], [24, 12, 28, 14])
    rows: list[list[Any]] = [["【“三公”经费】"]] + [[label] for _, label in THREE_PUBLIC_ITEMS]
    rows += [["【机关运行经费】（按经济分类逐行填写科目编码、名称和金额）"], ["机关运行经费"]]
    rows += [["【政府采购】"]] + [[label] for _, label in PROCUREMENT_ITEMS]
    rows += [["【车辆与大型设备、专项转移支付项目】（数量：车辆与设备为上年末数；填在 D 列；可不填）"]]
    rows += [[label] for label in ITEM_KEYS["counts"]]
    rows += [["【国有资产】（上年末固定资产）"]] + [[k] for k in ASSET_KINDS]  # last: more kinds go below
    for r in rows:
        s.append(r)
        if r[0].startswith("【"):
            s.cell(s.max_row, 1).font = bold
    s = sheet(LAST_YEAR, "与上年比较（上年预算数，单位：万元；增减原因由编制人员填写）", ["项目", "上年预算数", "增减原因"], [24, 14, 70])
    for _, label in LAST_YEAR_FIELDS:
        s.append([label, "（自动合计）" if label.startswith("“三公”") else None])
    wb.save(path)


CHOICES = {(PROFILE, "编制范围"): ("单位", "部门"), (PROFILE, "单位类型"): ("行政", "参公", "事业"),
           (UNITS, "单位类型"): ("行政", "参公", "事业"), (PROJECTS, "项目类型"): ("其他运转类", "特定目标类"),
           (TARGETS, "一级指标"): ("产出指标", "效益指标", "满意度指标", "成本指标"),
           **{(sheet, "资金来源"): tuple(label for _, label in FUNDS) for sheet in (FUNCTIONS, ECONOMIC, PROJECTS)}}


def _choices(wb) -> None:
    """Drop-down lists where only a few words are valid (Excel warns on anything else typed)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for (title, words), values in CHOICES.items():
        ws = wb[title]
        dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="请从列表中选择", error="可选：" + "、".join(values))
        if title == PROFILE:
            row = next((c.row for c in ws["A"] if c.value == words), None)
            if row is None:
                continue
            dv.add(f"B{row}")
        else:
            col = next((c.column for c in ws[TOP] if c.value == words), None)
            if col is None:
                continue
            letter = get_column_letter(col)
            dv.add(f"{letter}{TOP + 1}:{letter}{TOP + 2000}")
        ws.add_data_validation(dv)


def _comment(text: str):
    from openpyxl.comments import Comment

    return Comment(text, "yusuan")


def _cell(ws, row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{ws.title}!{get_column_letter(col)}{row}"


def _value(v: Any) -> Any:
    if isinstance(v, str):
        v = v.strip()
        return v or None
    if isinstance(v, float):  # a typed figure: its shortest decimal form, not the binary float
        return Decimal(repr(v))
    return v


def read_workbook(path: Path, problems: Problems) -> tuple[dict, dict[str, str]]:
    """The YAML/JSON form of the workbook, and where each value stands ('支出功能分类!D5')."""
    from openpyxl import load_workbook

    from yusuan.errors import InputError

    from yusuan.read.xlsx import check_merges

    check_merges(Path(path).read_bytes(), str(path))  # the archive's bounds and no giant merged range
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        raise InputError(f"无法打开 Excel 文件：{path}（{type(e).__name__}）") from None
    data: dict[str, Any] = {"unit": {}, "profile": {}, "texts": {}, "rewrites": {}}
    where: dict[str, str] = {}
    missing = [s for s in (PROFILE, FUNCTIONS) if s not in wb.sheetnames]
    if missing:
        problems.error(str(path), "不是 yusuan 预算编制模板，缺少工作表：" + "、".join(missing) + "（用 yusuan template 生成模板）")
        return data, where
    for title in (ECONOMIC, PROJECTS, OTHER, LAST_YEAR, TARGETS):
        if title not in wb.sheetnames:  # a deleted sheet would publish its figures as zeros ("下降100.00%")
            problems.error(str(path), f"缺少工作表“{title}”：没有它，相应的表和说明会按 0 发布（没有数据也请保留空表）")
    ws = wb[PROFILE]
    labels = {label: p for p, label, _ in PROFILE_FIELDS}
    for row in _body(ws):
        key = _value(row[0].value)
        if isinstance(key, str) and key in labels and len(row) > 1:
            part, field = labels[key].split(".")
            data[part][field] = _value(row[1].value)
            where[labels[key]] = _cell(ws, row[1].row, 2)
    for title, key in ((UNITS, "units"), (FUNCTIONS, "functions"), (ECONOMIC, "economic"), (PROJECTS, "projects"),
                       (TARGETS, "targets"), (INCOME, "income")):
        data[key] = _read_list(wb, title, key, COLUMNS[title], problems, where)
    if OTHER in wb.sheetnames:
        _read_other(wb[OTHER], data, where, problems)
    if LAST_YEAR in wb.sheetnames:
        ws = wb[LAST_YEAR]
        keys = {label: k for k, label in LAST_YEAR_FIELDS}
        data["last_year"], data["reasons"] = {}, {}
        for row in _body(ws):
            k = keys.get(_value(row[0].value) or "")
            if k is None:
                continue
            amount = _value(row[1].value) if len(row) > 1 else None
            if k != "three_public" and amount is not None:
                data["last_year"][k] = amount
                where[f"last_year.{k}"] = _cell(ws, row[0].row, 2)
            where[f"reasons.{k}"] = _cell(ws, row[0].row, 3)  # also when empty: a missing reason goes there
            if len(row) > 2 and _value(row[2].value):
                data["reasons"][k] = _value(row[2].value)
    return data, where


def _body(ws, columns: int = 16):
    """The rows below the header that hold values, up to the last such row: a stray value at
    XFD1048576 does not make a million rows to read (the template's sheets have a few columns)."""
    last = max((r for (r, c), cell in ws._cells.items() if c <= columns and cell.value not in (None, "")), default=TOP)
    return ws.iter_rows(min_row=TOP + 1, max_row=max(last, TOP + 1), max_col=columns)


def _read_list(wb, title: str, key: str, cols, problems: Problems, where: dict[str, str]) -> list[dict]:
    if title not in wb.sheetnames:
        return []
    ws = wb[title]
    where[key] = title  # a problem of the whole list names its sheet
    header = {str(c.value).strip(): c.column for c in ws[TOP] if c.value is not None}
    at = {}
    for field, words, _ in cols:
        col = header.get(words)
        if col is None and words not in OPTIONAL_COLUMNS:
            problems.error(f"{title}!{TOP}", f"找不到“{words}”列（表头在第 {TOP} 行）")
        at[field] = col
    out = []
    totals = []
    for row in _body(ws):
        values = {f: _value(row[c - 1].value) if c and c - 1 < len(row) else None for f, c in at.items()}
        if all(v is None for v in values.values()):
            continue
        if any(isinstance(v, str) and v in ("合计", "总计") for v in values.values()):
            totals.append((row[0].row, values))  # a total the officer added: totals are computed, this one is checked
            continue
        i = len(out)
        for f, c in at.items():
            if c:
                where[f"{key}[{i}].{f}"] = _cell(ws, row[0].row, c)
        where[f"{key}[{i}]"] = f"{title}!{row[0].row}行"
        out.append(values)
    for n, values in totals:
        _check_typed_total(ws, n, values, out, at, problems)
    return out


def _number(v: Any) -> Decimal | None:
    if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
        return Decimal(v)
    if isinstance(v, str):
        try:
            return Decimal(v.replace(",", ""))
        except ArithmeticError:
            return None
    return None


def _check_typed_total(ws, n: int, total: dict, rows: list[dict], at: dict, problems: Problems) -> None:
    """A 合计 row typed by hand is not used (totals are computed) but checked: one that does not
    add up is said, with both figures."""
    for field, value in total.items():
        typed = _number(value)
        if typed is None or not at.get(field):
            continue
        parts = [_number(r.get(field)) for r in rows]
        computed = sum((p for p in parts if p is not None), Decimal(0))
        if typed != computed:
            problems.warn(_cell(ws, n, at[field]), f"手填的合计 {typed:,.2f} 与各行之和 {computed:,.2f} 不符"
                                                   f"（相差 {typed - computed:,.2f}）；合计由程序按各行计算，请核对各行")


def _read_other(ws, data: dict, where: dict[str, str], problems: Problems) -> None:
    """The 【…】 sections of the 三公经费及其他 sheet. Every filled cell is used or reported: a figure
    typed beside its label instead of in the 金额 column, a 机关运行经费 line below another section,
    a line before the first section are errors naming the cell (they used to vanish)."""
    section = None
    data.update({"three_public": {}, "operating": [], "procurement": {}, "assets": [], "counts": {}})
    for row in _body(ws):
        cells = [_value(c.value) for c in row[:4]] + [None] * (4 - len(row[:4]))
        first = cells[0] if isinstance(cells[0], str) else ""
        if first.startswith("【"):
            section = _section(first)
            continue
        n = row[0].row
        filled = [k for k, v in enumerate(cells) if v is not None]
        if section in ITEM_KEYS and first in ITEM_KEYS[section]:
            k = ITEM_KEYS[section][first]
            data[section][k] = cells[3]
            where[f"{section}.{k}"] = _cell(ws, n, 4)
            stray = [c for c in (1, 2) if cells[c] is not None]
            if stray:
                problems.error(_cell(ws, n, stray[0] + 1), f"“{first}”的金额应填在 D 列（金额），"
                                                           f"填在了 {'BC'[stray[0] - 1]} 列：“{cells[stray[0]]}”，未使用")
        elif section == "operating" and (cells[1] or cells[2] or cells[3] is not None):
            i = len(data["operating"])
            data["operating"].append({"code": cells[1], "name": cells[2], "amount": cells[3]})
            for f, c in (("code", 2), ("name", 3), ("amount", 4)):
                where[f"operating[{i}].{f}"] = _cell(ws, n, c)
        elif section == "assets" and first and cells[3] is not None:
            i = len(data["assets"])
            data["assets"].append({"kind": first, "amount": cells[3]})
            where[f"assets[{i}].amount"] = _cell(ws, n, 4)
            where[f"assets[{i}].kind"] = _cell(ws, n, 1)
        elif section == "operating" and filled == [0]:
            continue  # the template's empty 机关运行经费 line
        elif section == "assets" and filled == [0] and first in ASSET_KINDS:
            continue  # a kind without an amount
        elif filled:
            place = {"three_public": "【“三公”经费】", "procurement": "【政府采购】", "assets": "【国有资产】",
                     "counts": "【车辆与大型设备】"}.get(
                section or "", "第一个【】标题之前")
            what = "、".join(str(cells[k]) for k in filled)
            hint = "（机关运行经费的科目须填在【机关运行经费】之下）" if cells[1] or first == "机关运行经费" else ""
            problems.error(_cell(ws, n, filled[0] + 1), f"这一行在{place}中不是可识别的项目：“{what}”，未使用{hint}")


def write_filled(path: Path, b) -> None:
    """The template filled in with a Budget's figures, as an officer would (used by tests and `synth`)."""
    from openpyxl import load_workbook

    from yusuan.compose.input import budget_to_dict

    write_template(path, b.year, b.scope)
    data = budget_to_dict(b)
    wb = load_workbook(path)
    ws = wb[PROFILE]
    fields = {p: label for p, label, _ in PROFILE_FIELDS}
    for row in _body(ws):
        for p, label in fields.items():
            if row[0].value == label:
                part, field = p.split(".")
                v = data[part].get(field, "")
                row[1].value = "\n".join(v) if isinstance(v, list) else ("部门" if v == "department" else "单位" if v == "unit" else v)
    for title, key in ((UNITS, "units"), (FUNCTIONS, "functions"), (ECONOMIC, "economic"), (PROJECTS, "projects"),
                       (TARGETS, "targets"), (INCOME, "income")):
        s = wb[title]
        for item in data[key]:
            s.append([_typed(item.get(f)) for f, _, _ in COLUMNS[title]])
    s = wb[OTHER]
    section = None
    operating = list(data["operating"])
    for row in list(s.iter_rows(min_row=TOP + 1)):
        first = row[0].value or ""
        if first.startswith("【"):
            section = _section(first)
            continue
        if section in ITEM_KEYS:
            value = data[section].get(ITEM_KEYS[section][first])
            row[3].value = value if section == "counts" else _typed(value)
        elif section == "operating" and operating:
            o = operating.pop(0)
            row[1].value, row[2].value, row[3].value = o["code"], o["name"], _typed(o["amount"])
        elif section == "assets":
            row[0].value = None
    for o in operating:  # more 机关运行经费 lines than the template has: insert them before 【政府采购】
        at = next(r[0].row for r in s.iter_rows(min_row=TOP + 1) if str(r[0].value or "").startswith("【政府采购"))
        s.insert_rows(at)
        s.cell(at, 1).value, s.cell(at, 2).value, s.cell(at, 3).value = "机关运行经费", o["code"], o["name"]
        s.cell(at, 4).value = _typed(o["amount"])
    for a in data["assets"]:
        s.append([a["kind"], None, None, _typed(a["amount"])])
    s = wb[LAST_YEAR]
    labels = {label: k for k, label in LAST_YEAR_FIELDS}
    for row in s.iter_rows(min_row=TOP + 1):
        k = labels.get(row[0].value)
        if k in data["last_year"]:
            row[1].value = _typed(data["last_year"][k])
        if k in data["reasons"]:
            row[2].value = data["reasons"][k]
    wb.save(path)


def _typed(v):
    """Figures as numbers in the cells (as an officer types them), text as text."""
    if isinstance(v, str) and "." in v and v.replace(".", "", 1).isdigit():  # codes have no point: they stay text
        return Decimal(v)
    return v
