"""完整性（文字）: what the text of a disclosure must not keep from its template or its drafts —
instructions to the one filling it in, doubled punctuation, another year's heading, another
spelling of the unit's own name. Each defect is one finding with every place it stands."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from yusuan.audit.context import Ctx
from yusuan.audit.finding import Place
from yusuan.audit.registry import rule
from yusuan.read.clean import name_key

# phrases of the 决算/预算 templates addressed to the one who fills them in
_INSTRUCTIONS = re.compile(
    r"增加（减少）|减少（增加）|增长（下降）|下降（增长）|大于（小于）|小于（大于）|（如持平作持平表述）|（不涉及的不列）"
    r"|仍保留该表格式(?:[^。]{0,20}?作下述说明)?|作下述说明|按上述格式依次说明|预决算持平的不用说明|由主管部门根据|（制度名称）")
_DOUBLED = re.compile(r"([。，；、：！？])\1+")
_YEAR_HEADING = re.compile(r"(20\d{2})\s*年度?\s*(?:部门|单位)?\s*(?:预算|决算)(?:情况说明|公开|表)?")
_UNTIL = re.compile(r"截[至止]\s*(20\d{2})\s*年\s*12\s*月\s*31\s*日")
_COMPARISON = re.compile(r"(?:与|比|较|同比|对比|相比)\s*$")


def _lines(ctx: Ctx) -> list[tuple[int, str]]:
    return list(ctx.disc.narrative.lines)


def _grouped(ctx: Ctx, code: str, found: dict[str, list[int]], message) -> list:
    out = []
    for token, lines in found.items():
        places = [Place("情况说明", None, None, None, n) for n in lines]
        out.append(ctx.finding(code, message(token, len(lines)), places=places[:1], related=places[1:]))
    return out


@rule("YS616", "template-instructions-left", "completeness", "warning",
      "情况说明中没有留下模板的填写说明（“增加（减少）”“下降（增长）”“如持平作持平表述”“仍保留该表格式，并在本表下方作下述说明”）",
      "这些文字是写给填表人的，留在公开文件里说明模板没有改完，相应的数字和方向词也可能没有核对。",
      "比 2023 年度减少 0.15 万元，下降（增长）27.78%", "比 2023 年度减少 0.15 万元，下降 27.78%")
def template_instructions_left(ctx: Ctx):
    found: dict[str, list[int]] = {}
    for no, text in _lines(ctx):
        for m in _INSTRUCTIONS.finditer(text.replace(" ", "")):
            found.setdefault(m.group(0), []).append(no)
    for t in ctx.disc.tables:  # the 决算 template's instruction under each empty table
        for note in t.notes:
            for m in _INSTRUCTIONS.finditer(note.replace(" ", "")):
                found.setdefault(m.group(0), []).append(t.end_line or t.location.line)
    yield from _grouped(ctx, "YS616", found, lambda tok, n: f"留有模板的填写说明“{tok}”" + (f"（共 {n} 处）" if n > 1 else ""))


@rule("YS617", "doubled-punctuation", "completeness", "warning",
      "没有连续重复的标点（“。。”“，，”）", "重复的标点多是删改时留下的，常伴随漏删或漏填的文字。",
      "主要原因：XXXX。。", "主要原因：……。")
def doubled_punctuation(ctx: Ctx):
    found: dict[str, list[int]] = {}
    for no, text in _lines(ctx):
        for m in _DOUBLED.finditer(text):
            found.setdefault(m.group(0), []).append(no)
    yield from _grouped(ctx, "YS617", found, lambda tok, n: f"情况说明中有重复的标点“{tok}”" + (f"（共 {n} 处）" if n > 1 else ""))


@rule("YS618", "year-residue", "completeness", "warning",
      "标题和说明中的年度是文件的年度（比较的上年除外）；“截至…年12月31日”是决算年度年末（预算为上年末）",
      "另一个年度的标题或日期多是沿用往年文件未改，读者会以为数字属于另一年。",
      "2024 年度部门决算中写“第三部分 2023年度部门决算情况说明”", "“2024年度部门决算情况说明”")
def year_residue(ctx: Ctx):
    year = ctx.disc.year
    if not year:
        return
    found: dict[str, list[int]] = {}
    before = ""  # the end of the line above: a PDF's line may break between '与' and '2024年预算数'
    for no, text in _lines(ctx):
        t = text.replace(" ", "")
        for m in _YEAR_HEADING.finditer(t):
            y = int(m.group(1))
            if y != year and not _COMPARISON.search((before + t[:m.start()])[-8:]):
                found.setdefault(m.group(0), []).append(no)
        for m in _UNTIL.finditer(t):
            want = year if ctx.disc.doc_type == "final" else year - 1
            if int(m.group(1)) not in (want, year):
                found.setdefault(m.group(0), []).append(no)
        before = t[-8:]
    yield from _grouped(ctx, "YS618", found, lambda tok, n: f"文件是 {year} 年度的，文字中却有“{tok}”"
                                                           + (f"（共 {n} 处）" if n > 1 else ""))


_ORG = re.compile(r"[\u4e00-\u9fff（）()]{4,40}?(?:局|委员会|中心|办公室|部|院|所|站|馆|队|厅|署|会|处|委)")


@rule("YS619", "unit-name-variants", "completeness", "warning",
      "文件各处的单位名称一致（表名、表头、说明中的全称相同）",
      "同一单位写成几个名称（漏了“普陀区”、“和”写成“与”），读者无法确定说的是不是同一单位，也影响按单位检索与比较。",
      "上海市普陀区规划和自然资源局的决算中写“上海市规划和自然资源局 2024 年度部门决算表”、“上海市普陀区规划与自然资源局”",
      "各处均为“上海市普陀区规划和自然资源局”")
def unit_name_variants(ctx: Ctx):
    name = name_key(ctx.disc.unit_name or "")
    if len(name) < 5 or "XX" in name.upper():
        return
    known = {name_key(u.get("name") or "") for u in ctx.disc.units}
    texts = list(_lines(ctx)) + [(t.location.line, t.title) for t in ctx.disc.tables]
    found: dict[str, list[int]] = {}
    for no, text in texts:
        t = name_key(text)
        for m in _ORG.finditer(t):
            # the longest candidate ending here that resembles the unit's own name
            for start in range(max(0, m.end() - len(name) - 6), m.end() - 4):
                variant = t[start:m.end()]
                if variant == name or name in variant or variant in known or variant in name and len(variant) < len(name) - 3:
                    continue
                if variant[-1] != name[-1] or variant[0] != name[0]:
                    continue
                if SequenceMatcher(None, variant, name).ratio() >= 0.85:
                    found.setdefault(variant, []).append(no)
                    break
    for variant, lines in found.items():
        places = [Place("情况说明", None, None, None, n) for n in sorted(set(lines))]
        yield ctx.finding("YS619", f"单位名称写作“{variant}”，与文件中的“{ctx.disc.unit_name}”不一致"
                          + (f"（共 {len(places)} 处）" if len(places) > 1 else ""), places=places)


# '增长 13.95。': a rate without its percent sign (an amount would carry 万元)
_BARE_RATE = re.compile(r"(增长|下降|上升|降低)\s*(\d+\.\d+|\d+)\s*(?=[。，；;,）)]|$)")


@rule("YS620", "percent-sign-missing", "completeness", "warning",
      "增减幅度带有“%”", "“增长 13.95。”缺了单位，读者不知道是百分比还是金额。",
      "一般公共预算财政拨款支出增加 1193.20 万元，增长 13.95。", "增长 13.95%。")
def percent_sign_missing(ctx: Ctx):
    found: dict[str, list[int]] = {}
    for no, text in _lines(ctx):
        for m in _BARE_RATE.finditer(text):
            found.setdefault(m.group(0).replace(" ", ""), []).append(no)
    yield from _grouped(ctx, "YS620", found, lambda tok, n: f"“{tok}”缺少“%”" + (f"（共 {n} 处）" if n > 1 else ""))
