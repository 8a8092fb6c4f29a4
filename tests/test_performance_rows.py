"""项目绩效目标表 printed a row per indicator (the national layout most publishers outside Henan use):
项目名称 | 资金总额 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标值, the project's cells merged down its
indicator rows. Columns come from the printed header, in any order; the figures below are the ones
printed in the fixtures."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from hypothesis import given, settings, strategies as st

from yusuan.audit.engine import audit
from yusuan.facts import build_facts
from yusuan.model.disclosure import TableKind as K
from yusuan.read.source import load_bytes
from yusuan.read.text import read_text
from yusuan.recognise.document import recognise

# name, 资金总额 (万元), 财政拨款, 其他资金, 年度目标, [(一级, 二级, 三级, 指标值)] — a county 农业农村局
PROJECTS = [
    ("高标准农田建设项目", "120.00", "120.00", "", "完成高标准农田建设1.2万亩，改善农业生产条件。",
     [("产出指标", "数量指标", "新建高标准农田面积", "≥12000亩"),
      ("产出指标", "质量指标", "工程验收合格率", "100%"),
      ("产出指标", "时效指标", "项目完成时间", "2024年12月底前"),
      ("成本指标", "经济成本指标", "亩均财政投入", "≤1500元"),
      ("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%")]),
    ("动物疫病防控经费", "35.50", "30.00", "5.50", "开展重大动物疫病强制免疫和监测。",
     [("产出指标", "数量指标", "强制免疫畜禽数量", "≥50万头"),
      ("效益指标", "社会效益指标", "重大动物疫情发生次数", "0次"),
      ("满意度指标", "服务对象满意度指标", "养殖户满意度", "≥95%")]),
    ("农业技术推广培训", "8.00", "8.00", "", "培训新型职业农民800人次。",
     [("产出指标", "数量指标", "培训人次", "800人次"),
      ("效益指标", "经济效益指标", "主推技术到位率", "≥95%")]),
]
PROJECT_TABLE = ("2024年部门项目支出预算表\n单位：万元\n项目名称\t项目类型\t合计\t一般公共预算\t单位资金\n"
                 "合计\t\t163.50\t158.00\t5.50\n高标准农田建设项目\t特定目标类\t120.00\t120.00\t\n"
                 "动物疫病防控经费\t其他运转类\t35.50\t30.00\t5.50\n农业技术推广培训\t其他运转类\t8.00\t8.00\t\n\n")

COLUMNS = {"code": "项目编码", "name": "项目名称", "total": "资金总额", "goal": "年度目标", "level1": "一级指标",
           "level2": "二级指标", "indicator": "三级指标", "value": "指标值"}


def write(order: list[str], repeat: bool = False, yuan: bool = False, other_funds: bool = False) -> str:
    """The table as a PDF extraction gives it: tab-separated, merged cells blank below their first
    row (or, `repeat`, their text repeated on every row as some converters write)."""
    cols = list(order) + (["gpb", "unit_funds"] if other_funds else [])
    heads = {**COLUMNS, "gpb": "其中：财政拨款", "unit_funds": "其他资金"}
    head = [heads[c] + ("（元）" if yuan and c in ("total", "gpb", "unit_funds") else "") for c in cols]
    lines = ["2024年部门项目支出绩效目标表", "部门名称：某县农业农村局", "单位：万元" if not yuan else "", "\t".join(head)]
    for k, (name, total, gpb, other, goal, targets) in enumerate(PROJECTS):
        money = {"total": total, "gpb": gpb, "unit_funds": other}
        if yuan:
            money = {r: f"{Decimal(v) * 10000:,.2f}" if v else "" for r, v in money.items()}
        last1 = ""
        for i, (l1, l2, l3, v) in enumerate(targets):
            first = i == 0
            cell = {"code": f"41080024000000000100{k + 1}", "name": name, "goal": goal, **money,
                    "level1": l1 if (l1 != last1 or repeat) else "", "level2": l2, "indicator": l3, "value": v}
            last1 = l1
            merged = ("code", "name", "goal", "total", "gpb", "unit_funds")
            lines.append("\t".join(cell[c] if (first or repeat or c not in merged) else "" for c in cols))
    return PROJECT_TABLE + "\n".join(lines) + "\n"


def targets_of(text: str, fmt: bytes | None = None):
    disc = recognise(read_text(text.encode("utf-8"), "fixture") if fmt is None else fmt)
    facts = build_facts(disc)
    return disc, [(f["project"], f.get("level1", ""), f.get("level2", ""), f["indicator"], f["value"])
                  for f in facts["performance_targets"]]


EXPECTED = [(n, *t) for n, _, _, _, _, ts in PROJECTS for t in ts]


def test_rows_without_project_codes_read_by_their_header():
    """Before: the header's second cell became a project '资金总额年度目标' holding every indicator."""
    disc, got = targets_of(write(["name", "total", "goal", "level1", "level2", "indicator", "value"]))
    assert got == EXPECTED
    perf = disc.table(K.PROJECT_PERFORMANCE)
    rows = [r for r in perf.rows if r.kind == "item"]
    assert [(r.label, r.value("total")) for r in rows] == [
        ("高标准农田建设项目", Decimal("120.00")), ("动物疫病防控经费", Decimal("35.50")), ("农业技术推广培训", Decimal("8.00"))]
    assert rows[0].attrs["goal"] == "完成高标准农田建设1.2万亩，改善农业生产条件。"
    assert perf.reading.method == "header"
    assert any(c.get("role") == "indicator" and "三级指标" in c["how"] for c in perf.reading.columns)
    found = audit(disc)
    # the fixture holds two tables only: the minimum-tables rule is right to say so, nothing else errs
    assert {f.code for f in found if f.severity == "error"} <= {"YS601", "YS602"}
    assert not [f for f in found if f.code in ("YS706", "YS123", "YS312")]


def test_only_a_total_printed_is_no_funds_identity():
    """A table that prints 资金总额 alone says nothing of its sources: YS123 does not apply (it
    reported 资金总额 8.00 ≠ 0.00 for every project)."""
    disc, _ = targets_of(write(["code", "name", "total", "goal", "level1", "level2", "indicator", "value"]))
    assert [c.role for c in disc.table(K.PROJECT_PERFORMANCE).columns] == ["total"]
    assert not [f for f in audit(disc) if f.code == "YS123"]


def test_other_funds_by_header_not_by_position():
    """资金总额 | 其中：财政拨款 | 其他资金: 其他资金 5.50 is the unit's own money, not 财政专户管理资金."""
    disc, got = targets_of(write(["code", "name", "total", "goal", "level1", "level2", "indicator", "value"],
                                 other_funds=True))
    assert got == EXPECTED
    row = next(r for r in disc.table(K.PROJECT_PERFORMANCE).rows if r.label == "动物疫病防控经费")
    assert (row.value("total"), row.value("gpb"), row.value("unit_funds"), row.value("special_account")) == (
        Decimal("35.50"), Decimal("30.00"), Decimal("5.50"), None)
    assert not [f for f in audit(disc) if f.code == "YS123"]


def test_amounts_in_yuan_from_the_header():
    disc, got = targets_of(write(["name", "total", "goal", "level1", "level2", "indicator", "value"], yuan=True))
    assert got == EXPECTED
    row = next(r for r in disc.table(K.PROJECT_PERFORMANCE).rows if r.label == "高标准农田建设项目")
    assert row.cells["total"].amount.wan == Decimal("120") and row.cells["total"].amount.printed == "1,200,000.00"


def test_merged_text_repeated_on_every_row_is_one_project():
    _, got = targets_of(write(["name", "total", "goal", "level1", "level2", "indicator", "value"], repeat=True))
    assert got == EXPECTED


def test_value_split_into_sign_number_and_unit():
    text = PROJECT_TABLE + (
        "2024年项目支出绩效目标表\n单位：万元\n"
        "项目编码\t项目名称\t项目金额\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\n"
        "410800240000000001001\t高标准农田建设项目\t120.00\t产出指标\t数量指标\t新建高标准农田面积\t≥\t12000\t亩\n"
        "\t\t\t产出指标\t质量指标\t工程验收合格率\t＝\t100\t%\n"
        "\t\t\t满意度指标\t服务对象满意度指标\t受益农户满意度\t≥\t90\t%\n")
    disc, got = targets_of(text)
    assert got == [("高标准农田建设项目", "产出指标", "数量指标", "新建高标准农田面积", "≥12000亩"),
                   ("高标准农田建设项目", "产出指标", "质量指标", "工程验收合格率", "＝100%"),
                   ("高标准农田建设项目", "满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%")]
    # before: the numbers 12000 and 100 each made an empty row
    assert [r.label for r in disc.table(K.PROJECT_PERFORMANCE).rows] == ["高标准农田建设项目"]


def test_wrapped_cells_rejoin_their_column():
    """A PDF extraction that kept every printed line: names, levels, indicators and values wrapped
    at their column's width continue on the next line."""
    text = PROJECT_TABLE + (
        "2024年部门项目支出绩效目标表\n单位：万元\n"
        "项目名称\t资金总额\t年度目标\t一级指标\t二级指标\t三级指标\t指标值\n"
        "高标准农田建设\t120.00\t完成高标准农田建设1.2万\t产出指标\t数量指标\t新建高标准农田\t≥12000亩\n"
        "项目\t\t亩，改善农业生产条件。\t\t\t面积\t\n"
        "\t\t\t产出指标\t时效指标\t项目完成时间\t2024年12月底\n"
        "\t\t\t\t\t\t前\n"
        "动物疫病防控\t35.50\t开展重大动物疫病强制免\t效益指标\t可持续影响指\t动物防疫长效机\t逐步完善\n"
        "经费\t\t疫和监测。\t\t标\t制\t\n"
        "\t\t\t满意度指标\t服务对象满意\t养殖户满意度\t≥95%\n"
        "\t\t\t\t度指标\t\t\n")
    disc, got = targets_of(text)
    assert got == [("高标准农田建设项目", "产出指标", "数量指标", "新建高标准农田面积", "≥12000亩"),
                   ("高标准农田建设项目", "产出指标", "时效指标", "项目完成时间", "2024年12月底前"),
                   ("动物疫病防控经费", "效益指标", "可持续影响指标", "动物防疫长效机制", "逐步完善"),
                   ("动物疫病防控经费", "满意度指标", "服务对象满意度指标", "养殖户满意度", "≥95%")]
    rows = [r for r in disc.table(K.PROJECT_PERFORMANCE).rows if r.kind == "item"]
    assert rows[0].attrs["goal"] == "完成高标准农田建设1.2万亩，改善农业生产条件。"


def test_a_table_continued_over_pages_repeats_its_header():
    text = write(["name", "total", "goal", "level1", "level2", "indicator", "value"])
    head = "项目名称\t资金总额\t年度目标\t一级指标\t二级指标\t三级指标\t指标值"
    at = text.index("动物疫病防控经费\t35.50")
    text = text[:at] + "\f" + head + "\n" + text[at:]
    _, got = targets_of(text)
    assert got == EXPECTED


def test_word_table_with_merged_cells():
    import docx

    d = docx.Document()
    d.add_paragraph("某县农业农村局2024年部门预算")
    d.add_paragraph("2024年部门项目支出绩效目标表")
    d.add_paragraph("单位：万元")
    order = ["name", "total", "goal", "level1", "level2", "indicator", "value"]
    body = [t for _, _, _, _, _, ts in PROJECTS for t in ts]
    tbl = d.add_table(rows=1 + len(body), cols=len(order))
    for j, c in enumerate(order):
        tbl.cell(0, j).text = COLUMNS[c]
    r = 1
    for name, total, _, _, goal, ts in PROJECTS:
        for j, v in enumerate((name, total, goal)):
            top = tbl.cell(r, j)
            top.text = v
            if len(ts) > 1:
                top.merge(tbl.cell(r + len(ts) - 1, j))
        for i, (l1, l2, l3, v) in enumerate(ts):
            for j, x in enumerate((l1, l2, l3, v), start=3):
                tbl.cell(r + i, j).text = x
        r += len(ts)
    buf = BytesIO()
    d.save(buf)
    _, got = targets_of("", load_bytes(buf.getvalue(), "fixture.docx"))
    assert got == EXPECTED


ORDERS = st.permutations(["name", "total", "goal", "level1", "level2", "indicator", "value"])


@settings(max_examples=60, deadline=None)
@given(order=ORDERS, code=st.booleans(), repeat=st.booleans(), yuan=st.booleans())
def test_any_column_order_reads_the_same_targets(order, code, repeat, yuan):
    """Header permutation: the columns in any order, with or without 项目编码, merged cells blank or
    repeated, amounts in 万元 or 元: the same projects, funds and targets."""
    cols = (["code"] if code else []) + list(order)
    disc, got = targets_of(write(cols, repeat=repeat, yuan=yuan))
    assert got == EXPECTED
    perf = disc.table(K.PROJECT_PERFORMANCE)
    assert [(r.label, r.cells["total"].amount.wan) for r in perf.rows if r.kind == "item"] == [
        (n, Decimal(t)) for n, t, *_ in PROJECTS]


def test_henan_grid_funds_by_their_header():
    """The Henan grid (a 三级指标 | 指标值 pair under each 一级指标) printing 资金总额 | 财政拨款 | 其他资金:
    其他资金 is 单位资金 by its header (it was taken by position as 财政专户管理资金)."""
    text = PROJECT_TABLE + (
        "2024年项目绩效目标表\n单位：万元\n"
        "项目编码\t项目名称\t项目金额\t\t\t绩效目标\n"
        "\t\t\t\t\t产出指标\t\t效益指标\t\n"
        "\t\t资金总额\t财政拨款\t其他资金\t三级指标\t指标值\t三级指标\t指标值\n"
        "410800240000000001002\t动物疫病防控经费\t35.50\t30.00\t5.50\t强制免疫畜禽数量\t≥50万头\t重大动物疫情发生次数\t0次\n")
    disc, got = targets_of(text)
    perf = disc.table(K.PROJECT_PERFORMANCE)
    row = next(r for r in perf.rows if r.kind == "item")
    assert (row.value("total"), row.value("gpb"), row.value("unit_funds"), row.value("special_account")) == (
        Decimal("35.50"), Decimal("30.00"), Decimal("5.50"), None)
    assert [c.role for c in perf.columns] == ["total", "gpb", "unit_funds"]
    assert got == [("动物疫病防控经费", "产出指标", "", "强制免疫畜禽数量", "≥50万头"),
                   ("动物疫病防控经费", "效益指标", "", "重大动物疫情发生次数", "0次")]
    assert not [f for f in audit(disc) if f.code == "YS123"]


def test_declaration_form_keeps_its_printed_levels():
    """A 绩效目标申报表 prints 一级 | 二级 | 三级 | 指标值: the levels come with each target (they were
    stripped from the indicator and dropped)."""
    text = ("2024年度项目支出绩效目标申报表\n（单位：万元）\n项目名称\t高标准农田建设项目\t\t\n"
            "主管部门\t某县农业农村局\t实施单位\t某县农业农村局\n项目资金（万元）\t年度资金总额\t120.00\t\n"
            "\t其中：财政拨款\t120.00\t\n\t其他资金\t0.00\t\n年度绩效目标\t完成高标准农田建设1.2万亩。\t\t\n"
            "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n"
            "\t产出指标\t数量指标\t新建高标准农田面积\t≥12000亩\n\t\t质量指标\t工程验收合格率\t100%\n"
            "\t满意度指标\t服务对象满意度指标\t受益农户满意度\t≥90%\n")
    _, got = targets_of(text)
    assert got == [("高标准农田建设项目", "产出指标", "数量指标", "新建高标准农田面积", "≥12000亩"),
                   ("高标准农田建设项目", "产出指标", "质量指标", "工程验收合格率", "100%"),
                   ("高标准农田建设项目", "满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%")]


def test_ruled_pdf_with_merged_project_cells(tmp_path):
    """The same table as a ruled PDF: the project's name, funds and goal merged down its rows."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from yusuan.parse import parse_file

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    data = [[COLUMNS[c] for c in ("name", "total", "goal", "level1", "level2", "indicator", "value")]]
    spans = []
    for name, total, _, _, goal, ts in PROJECTS:
        top = len(data)
        for i, t in enumerate(ts):
            data.append([name if i == 0 else "", total if i == 0 else "", goal[:12] if i == 0 else "", *t])
        spans += [("SPAN", (j, top), (j, top + len(ts) - 1)) for j in range(3)]
    table = Table(data)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 7),
                               ("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               *spans]))
    st = ParagraphStyle("t", fontName=font, fontSize=12, alignment=1)
    path = tmp_path / "performance.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(
        [Paragraph("2024年部门项目支出绩效目标表", st), Paragraph("单位：万元", st), table])
    disc = parse_file(path)
    got = [(f["project"], f.get("level1", ""), f.get("level2", ""), f["indicator"], f["value"])
           for f in build_facts(disc)["performance_targets"]]
    assert got == EXPECTED
    rows = [r for r in disc.table(K.PROJECT_PERFORMANCE).rows if r.kind == "item"]
    assert [(r.label, r.value("total"), r.cells["total"].location.page) for r in rows] == [
        (n, Decimal(t), 1) for n, t, *_ in PROJECTS]


def test_form_with_its_unit_in_the_money_label_and_a_worded_value():
    """A 四川 county form: 预算执行单位 is the unit (it ran into the project's name), 项目资金（元） says
    the money is in 元 (read as 万元, 10,000 times too much), 年度目标 is the goal, and '基本实现' in the
    指标值 cell is a value (it ran the indicator into the next one)."""
    text = ("苍溪县人力资源和社会保障局2024年项目支出绩效目标表\n项目名称\t劳动保障监察执法专项经费\t\t\n"
            "预算执行单位\t苍溪县人力资源和社会保障局\t\t\n项目资金（元）\t年度资金总额\t180,000.00\t\n"
            "\t其中：财政拨款\t180,000.00\t\n年度目标\t开展劳动保障监察执法，维护劳动者合法权益。\t\t\n"
            "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t日常巡查用人单位\t≥300户次\n"
            "效益指标\t社会效益指标\t农民工工资拖欠案件动态清零\t基本实现\n满意度指标\t服务对象满意度指标\t投诉人满意度\t≥90%\n")
    disc, got = targets_of(text)
    row = disc.table(K.PROJECT_PERFORMANCE).rows[0]
    assert (row.label, row.attrs["unit"], row.attrs["goal"]) == (
        "劳动保障监察执法专项经费", "苍溪县人力资源和社会保障局", "开展劳动保障监察执法，维护劳动者合法权益。")
    assert (row.cells["total"].amount.wan, row.cells["gpb"].amount.wan, row.cells["total"].amount.unit) == (
        Decimal("18"), Decimal("18"), "元")
    assert got == [("劳动保障监察执法专项经费", "产出指标", "数量指标", "日常巡查用人单位", "≥300户次"),
                   ("劳动保障监察执法专项经费", "效益指标", "社会效益指标", "农民工工资拖欠案件动态清零", "基本实现"),
                   ("劳动保障监察执法专项经费", "满意度指标", "服务对象满意度指标", "投诉人满意度", "≥90%")]
