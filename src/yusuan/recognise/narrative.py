"""The narrative (情况说明, 概况) as structured statements.

'一般公共服务支出71.86万元，占82.58%' -> subject, amount, share; '与上年相比，收、支总计各增加
5.41万元，增长6.63%。主要原因：…' -> change amount, percentage, direction and reason attached
to the statement before them. Only numbers followed by 万元/元 are amounts, so years, codes
and page numbers are never taken for money.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from yusuan.model.amount import WAN, YUAN, Amount, parse_amount, safe_decimal
from yusuan.model.disclosure import Narrative, Statement
from yusuan.read.lines import SourceLine
from yusuan.recognise.block import loc
from yusuan.reference.catalogue import catalogue, strip_ordinal

_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五]部分)")
# a number starts where a run of digits starts (the look-behind keeps the search linear on a
# 40,000-digit run) and has at most 22 digits: no budget has more
_AMOUNT = re.compile(r"(?<![\d,.])([-−]?\d[\d,]{0,24}(?:\.\d{1,8})?)\s*(万元|元|万(?=[（(，,。；;）)]))(?![/／])")
_CHANGE = re.compile(r"(增加|减少|增长|下降|降低|上升|减|增)\s*了?\s*([-−]?\d[\d,]*(?:\.\d+)?)\s*(万元|元|%|％)")
_SHARE = re.compile(r"占([^0-9，。；]{0,12}?)(\d+(?:\.\d+)?)\s*[%％]")
_FLAT = re.compile(r"持平|无增减")
_CN_NUM = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_COUNT = re.compile(r"(\d+|[零一二两三四五六七八九十]{1,3})\s*(?:个|名|人|辆|台（套）|台\(套\)|台套|台|项|家|套)")

# subject words -> fact key, most specific first
_KEYS: list[tuple[tuple[str, ...], str]] = [
    (("财政拨款", "收入支出总计"), "fiscal_total"), (("财政拨款", "收支总计"), "fiscal_total"),
    (("财政拨款", "收入总计"), "fiscal_total"), (("财政拨款", "支出总计"), "fiscal_total"),
    (("收入支出总计",), "income_total"),
    (("收入总计",), "income_total"), (("支出总计",), "expenditure_total"),
    (("收支总计",), "income_total"), (("收入合计",), "current_income"), (("支出合计",), "current_expenditure"),
    # other provinces' wording: '收支总预算2,500.14万元', '收入预算总额为687.45万元', '本年收入预算647.45万元'
    (("财政拨款", "收支总预算"), "fiscal_total"), (("财政拨款", "收支预算总额"), "fiscal_total"),
    (("收支总预算",), "income_total"), (("收支预算总额",), "income_total"), (("收入预算总额",), "income_total"),
    (("收入总预算",), "income_total"), (("支出预算总额",), "expenditure_total"), (("支出总预算",), "expenditure_total"),
    (("财政拨款", "本年收入"), "fiscal_income"), (("本年收入",), "current_income"), (("本年支出",), "current_expenditure"),
    (("三公",), "three_public_total"), (("因公出国",), "abroad"),
    (("公务用车购置及运行",), "vehicle_total"), (("车辆购置",), "vehicle_purchase"), (("用车购置",), "vehicle_purchase"),
    (("运行维护",), "vehicle_operation"), (("外宾接待",), "reception_foreign"), (("国内公务接待",), "reception_domestic"),
    (("公务接待",), "reception"),
    (("运行经费",), "operating_expenses"),
    (("政府采购", "货物"), "procurement_goods"), (("政府采购", "工程"), "procurement_works"),
    (("政府采购", "服务"), "procurement_services"), (("政府采购",), "procurement_total"),
    (("固定资产",), "fixed_assets_total"), (("房屋",), "assets_buildings"), (("车辆",), "assets_vehicles"),
    (("办公设备",), "assets_office"), (("通用设备",), "assets_general_equipment"), (("专用设备",), "assets_special_equipment"),
    (("其他资产",), "assets_other"),
    (("绩效管理",), "performance_total"), (("重点项目",), "key_project"), (("年初预算安排",), "key_project"),
    (("一般公共预算", "基本支出"), "gpb_basic"), (("基本支出",), "basic"),
    (("一般公共预算", "项目支出"), "gpb_project"), (("项目支出",), "project"),
    (("人员经费",), "personnel"), (("公用经费",), "public"),
    (("一般公共预算", "支出"), "general_budget_expenditure"),
    (("政府性基金", "支出"), "gov_fund_expenditure"), (("国有资本经营", "支出"), "state_capital_expenditure"),
    # '一般公共预算财政拨款收入900.00万元' (决算) is that fund's income, not all 财政拨款
    (("一般公共预算", "财政拨款收入"), "general_public_budget"), (("政府性基金", "财政拨款收入"), "gov_fund"),
    (("国有资本经营", "财政拨款收入"), "state_capital"),
    (("财政拨款收入",), "fiscal_income"),
    (("一般公共预算",), "general_public_budget"), (("政府性基金",), "gov_fund"), (("国有资本经营",), "state_capital"),
    (("财政专户",), "special_account"), (("事业单位经营",), "operating_income"), (("事业收入",), "business_income"),
    (("上级补助",), "superior_income"), (("附属单位",), "affiliated_income"), (("其他收入",), "other_income"),
    (("上年结转",), "carryover"),
]

# the sections of one fund's money: a 类 stated there is that fund's (prefix of its key)
FUND_SECTIONS = (("一般公共预算", "gpb_"), ("政府性基金", "gf_"), ("国有资本经营", "sc_"), ("财政拨款", "fiscal_"))

_COUNT_KEYS: list[tuple[tuple[str, ...], str]] = [
    (("一般公务用车",), "count:general_vehicles"), (("执法执勤",), "count:enforcement_vehicles"),
    (("其他用车",), "count:other_vehicles"),
    (("车辆",), "count:vehicles"), (("用车",), "count:vehicles"),
    (("专项转移支付",), "count:transfer_projects"), (("项目",), "count:projects"), (("编制范围",), "count:units"), (("编制",), "count:staff_quota"), (("实有", "现有"), "count:staff_actual"),
    (("退休",), "count:retired"), (("内设", "科室"), "count:departments"), (("通用设备",), "count:general_equipment"),
    (("专用设备",), "count:special_equipment"), (("二级预算单位",), "count:secondary_units"),
    (("三级预算单位",), "count:tertiary_units"), (("二级机构",), "count:secondary_units"),
]


def cn_int(text: str) -> int | None:
    if text.isdigit():
        return int(text) if len(text) <= 9 else None  # a count (人, 辆, 个) of more digits is not one
    if text == "十":
        return 10
    if len(text) == 1:
        return _CN_NUM.get(text)
    if text.startswith("十"):
        return 10 + _CN_NUM.get(text[1], 0)
    if len(text) == 2 and text[1] == "十":
        return _CN_NUM.get(text[0], 0) * 10
    if len(text) == 3 and text[1] == "十":
        return _CN_NUM.get(text[0], 0) * 10 + _CN_NUM.get(text[2], 0)
    return None


@lru_cache(maxsize=16384)
def subject_key(subject: str) -> str | None:
    s = subject.replace(" ", "")
    fc = _function_subject(s)
    if fc:
        return fc
    for words, key in _KEYS:
        if all(w in s for w in words):
            return key
    return None


_CLASS_MARK = re.compile(r"[（(]类[)）]$")
_SUBJECT_SPLIT = re.compile(r"[：:，,、]")
_SUBJECT_LEAD = re.compile(r"^(?:其中|主要用于以下方面|本年支出主要用于以下方面)")


def _function_subject(s: str) -> str | None:
    tail = _SUBJECT_SPLIT.split(_CLASS_MARK.sub("", s))[-1]
    tail = _SUBJECT_LEAD.sub("", tail)
    if not tail.endswith("支出") and not tail.endswith("事务"):
        return None
    code = catalogue().function_class_by_name(tail)
    # '…一般公共服务支出' with text before it: the longest suffix that names a 类
    for start in range(1, len(tail) - 2):
        if code:
            break
        code = catalogue().function_class_by_name(tail[start:])
    return f"function:{code}" if code else None


class _Text:
    """Narrative lines joined into one string, with a map from offsets back to lines."""

    def __init__(self, lines: list[SourceLine]):
        parts: list[str] = []
        self.starts: list[int] = []
        self.lines = lines
        self.headings: list[tuple[int, str]] = []
        self.inline_headings: list[str] = []
        pos = 0
        for ln in lines:
            t = ln.text.strip()
            head, _, rest = t.rstrip("。").partition("。")
            numbered = bool(_HEADING.match(t)) and len(head) < 45 and not re.search(r"\d\s*万元", head)
            heading = numbered and len(t) < 45 and not re.search(r"\d\s*万元", t)
            if heading and rest:
                # '（三）国有资产占用情况。截至2023年12月31日，本单位固定资产总额' / '268.34万元；…': a heading,
                # then the sentence it goes on with on the next line
                t, rest = head, t[len(head) + 1:]
            else:
                rest = ""
                inline = re.split(r"[。：:]", t, maxsplit=1)[0]
                if _HEADING.match(t) and len(inline) < 45 and not heading:
                    # '（四）预算绩效管理情况。本部门…' ('…情况：…') on one long line: it names a matter the
                    # narrative explains, inside the section above it (whose fund its figures keep)
                    self.inline_headings.append(inline)
            sep = "\n" if heading or (parts and parts[-1].endswith(("。", "：", ":"))) else ""
            if heading:
                t = t + "。"
                self.headings.append((pos + len(sep), t.rstrip("。")))
            parts.append(sep + t + rest)
            self.starts.append(pos + len(sep))
            pos += len(sep) + len(t) + len(rest)
        self.text = "".join(parts)

    def line_at(self, offset: int) -> SourceLine:
        import bisect
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.lines[i]

    def section_at(self, offset: int) -> str | None:
        import bisect

        if not hasattr(self, "_heading_starts"):
            self._heading_starts = [pos for pos, _ in self.headings]
        i = bisect.bisect_right(self._heading_starts, offset) - 1
        return self.headings[i][1] if i >= 0 else None


def _amount(text: str, unit: str) -> Amount | None:
    return parse_amount(text, YUAN if unit == "元" else WAN)  # '0.39 万（' is 万元 with the 元 left out


# '一般公共预算财政拨款支出年初预算为' → (base subject, measure): the figure is a budget or a final figure
_MEASURE_SUBJECT = re.compile(r"(?:的)?(年初预算数?|全年预算数?|调整(?:后)?预算数?|预算数?|(?:支出)?决算数?|实际支出数?)(?:为|是|数为)?$")
_MEASURES = {"年初": "budget", "全年": "adjusted", "调整": "adjusted", "预算": "budget", "决算": "final", "支出": "final",
             "实际": "final"}
_COMPLETION = re.compile(r"完成(?:了)?(年初|全年|调整)?预算(?:数)?的?\s*(\d+(?:\.\d+)?)\s*[%％]")
_VERSUS = re.compile(r"决算数?[^，。；]{0,4}?(大于|小于|高于|低于|超过|等于|同|与)(年初|全年|调整)?预算数?(持平)?")
_BASES = {"年初": "budget", "全年": "adjusted", "调整": "adjusted"}
_ITEM = re.compile(r"^\s*\d+[、.．]\s*((?:[^（(。]{2,30}[（(](?:类|款|项)[)）]){2,3})")
_ITEM_PART = re.compile(r"([^（(）)]{2,30})[（(](类|款|项)[)）]")


def _measure_of(subject: str) -> tuple[str, str | None]:
    m = _MEASURE_SUBJECT.search(subject)
    if not m:
        return subject, None
    word = m.group(1)
    measure = next((v for k, v in _MEASURES.items() if word.startswith(k)), None)
    return subject[: m.start()], measure


# a bracket inside a name ('政府办公厅（室）及相关机构事务（款）') is not a 类/款/项 mark
_INNER = re.compile(r"[（(](?!类[)）]|款[)）]|项[)）])([^（()）。]{1,8})[)）]")


def _protect(text: str) -> str:
    return _INNER.sub(r"〔\1〕", text)


def item_names(text: str) -> str | None:
    """'社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）' → '社会保障和就业支出/行政事业单位养老支出/行政单位离退休'."""
    parts = _ITEM_PART.findall(_protect(text))
    names = [p.strip().replace("〔", "（").replace("〕", "）") for p, _ in parts]
    return "/".join(names) if len(parts) >= 2 else None


_THRESHOLD = re.compile(r"\s*(?:以上|以下|及以上|及以下)")
_REASON = re.compile(r"(?:主要)?原因(?:是|为|：|:)\s*(.*)$")
_SENTENCE_END = re.compile(r"[。；;\n]")
_CLAUSE = re.compile(r"(?:[^，,；;。！？\n]|(?<=\d),(?=\d{3}))+")  # '2,500.14万元' keeps its thousands
_STOPS = re.compile(r"[。\n]")


def _sentence(text: str, ends: list[int], no: int) -> str:
    """The sentence `no` of the text (`ends`: where each sentence ends)."""
    start = ends[no - 1] if no > 0 and no - 1 < len(ends) else 0
    return text[start: ends[no] if no < len(ends) else len(text)]


def _changed_statements(statements: list[Statement], subject: str) -> list[Statement]:
    """The statements a change clause speaks of: '收、支总计各增加' both totals; a subject with a
    fact key the latest statement of that key."""
    s = subject.replace(" ", "")
    if ("收、支" in s or "收支总计" in s) and "财政拨款" in s:
        # '财政拨款收、支总计各增加116.53万元': the 财政拨款 totals just stated (收入总计 and 支出总计)
        fiscal = [x for x in statements if x.key == "fiscal_total" and x.amount is not None][-2:]
        return [x for x in fiscal if x.section == fiscal[-1].section]
    if "收、支" in s or re.search(r"收支(?:总计|预算总额|总预算|预算总计)", s):
        keys = ["income_total", "expenditure_total"]
    else:
        key = subject_key(re.sub(r"^.*?(?:相比|比较|较上年|比上年)", "", s)) if s else None
        keys = [key] if key else []
    found = []
    for key in keys:
        st = next((x for x in reversed(statements) if x.key == key and x.amount is not None), None)
        if st is not None:
            found.append(st)
    return found


def _names_another(subject: str, group: list[Statement]) -> bool:
    """A change clause names a subject of its own before '比上年' ('收支预算总额比上年减少') that is
    not the one of the statements before it."""
    m = re.search(r"(?:比上年|较上年|同比|与上年相比)", subject.replace(" ", ""))
    own = subject.replace(" ", "")[: m.start()] if m else ""
    key = subject_key(own) if len(own) >= 2 else None
    if "收支" in own:
        key = "income_total"
    return key is not None and not any(st.key == key for st in group)


def _apply_changes(st: Statement, changes: list[re.Match]) -> None:
    for c in changes:
        word, num, unit = c.group(1), c.group(2), c.group(3)
        if unit in ("%", "％"):
            st.change_pct = safe_decimal(num)
            if st.change_pct is None:
                continue  # not a plausible percentage (27 decimals): not read
            st.change_pct_printed = num
            st.pct_direction = "增加" if word in ("增加", "增长", "上升", "增") else "减少"
        else:
            st.change_amount = _amount(num, unit)
        st.direction = st.direction or ("增加" if word in ("增加", "增长", "上升", "增") else "减少")


_COLON = re.compile(r"[：:]")
_COLON_INSIDE = re.compile(r"[：:].")
_LEAD_WORDS = re.compile(r"^\s*(?:其中|主要包括|包括|另外|此外)[：:]?")
_YEARS = re.compile(r"(?:19|20)\d{2}\s*年度?")
_WHO = re.compile(r"^(?:我单位|我部门|本单位|本部门|单位|部门)")
_TAIL_WORDS = re.compile(r"(?:为|是|共计|合计为|安排|预算为)$")


@lru_cache(maxsize=16384)
def _clean_subject(s: str) -> str:
    s = _COLON.split(s)[-1] if _COLON_INSIDE.search(s) else s  # '…主要用于以下方面：一般公共服务支出'
    s = _LEAD_WORDS.sub("", s)
    s = _YEARS.sub("", s)
    s = _WHO.sub("", s)
    s = _TAIL_WORDS.sub("", s)
    s = s.replace("“", "").replace("”", "").replace('"', "")
    return strip_ordinal(s.strip(" ：:")).strip(" ：:")


# '本单位无“三公”经费预算', '没有使用政府性基金预算拨款安排的支出': a figure of 0, stated in words
_NONE_OF = [
    (re.compile(r"(?:无|没有)(?:使用)?(?:财政拨款)?[“\"]?三公[”\"]?经费"), "three_public_total"),
    (re.compile(r"(?:无|没有)(?:使用)?政府性基金预算"), "gov_fund"),
    (re.compile(r"(?:无|没有)(?:使用)?国有资本经营预算"), "state_capital"),
    (re.compile(r"(?:无|没有)(?:安排)?机关(?:（机构）|\(机构\))?运行经费"), "operating_expenses"),
]


def _stated_none(clause: str) -> str | None:
    for pat, key in _NONE_OF:
        if pat.search(clause):
            return key
    return None


class _LazyLocation:
    """A clause's location, made only for the clauses that state something (most do not)."""

    __slots__ = ("line", "_loc")

    def __init__(self, line: SourceLine):
        self.line, self._loc = line, None

    def get(self):
        if self._loc is None:
            self._loc = loc(self.line)
        return self._loc


def parse_narrative(lines: list[SourceLine]) -> Narrative:
    nar = Narrative()
    if not lines:
        return nar
    doc = _Text(lines)
    nar.sections = [h for _, h in doc.headings] + doc.inline_headings
    nar.lines = [(ln.no, ln.text) for ln in lines]
    text = doc.text
    ends = [m.end() for m in _STOPS.finditer(text)]
    # the statements the following clauses speak of: the last one stated, or those a change names
    group: list[Statement] = []
    reason_end = -1
    sentence = -1
    sentence_keyed: Statement | None = None  # the subject a clause without one of its own speaks of
    fiscal_sentence = -1  # the sentence that stated a 财政拨款 total
    item: str | None = None  # '1、…（类）…（款）…（项）': the item the next sentences speak of
    item_section: str | None = None
    import bisect
    for m in _CLAUSE.finditer(text):
        clause = m.group(0)
        start = m.start()
        s_no = bisect.bisect_right(ends, start)
        if s_no != sentence:
            sentence, sentence_keyed = s_no, None
        ln = doc.line_at(start)
        location = _LazyLocation(ln)  # with the PDF box and OCR confidence where there are
        section = doc.section_at(start)
        if section != item_section:
            item, item_section = None, section
        if start < reason_end:
            continue  # the rest of a sentence that gives a reason
        head = _ITEM.match(_protect(clause)) if "（" in clause or "(" in clause else None
        if head:
            item = item_names(head.group(1))
        vs = _VERSUS.search(clause) if "决算" in clause else None
        if vs:
            # '“三公”经费支出决算数小于预算数的主要原因' speaks of the 三公 total, not of the item before it
            named_key = subject_key(clause[: vs.start()]) if vs.start() > 1 else None
            if named_key and not (group and group[-1].key == named_key):
                named = next((x for x in reversed(nar.statements) if x.key == named_key and x.measure == "final"), None)
                if named is not None:
                    group = [named]
            word = vs.group(1)
            direction = "持平" if vs.group(3) or word == "等于" else "大于" if word in ("大于", "高于", "超过") else "小于"
            for st in (group or []):
                st.versus_budget = direction
                st.versus_base = _BASES.get(vs.group(2) or "")
        reason = _REASON.search(clause) if "原因" in clause else None
        if reason and group:
            end = _SENTENCE_END.search(text, m.end())
            rest = text[m.start() + reason.start(1): end.start() if end else m.end()]
            for st in group:
                st.reason = re.sub(r"\s+", "", rest)[:200]
            reason_end = end.start() if end else m.end()
            continue
        comp = _COMPLETION.search(clause) if "完成" in clause else None
        if comp and group and safe_decimal(comp.group(2)) is not None:
            target = next((x for x in reversed(group) if x.measure == "final"), group[-1])
            target.completion_pct = safe_decimal(comp.group(2))
            target.completion_printed = comp.group(2)
            target.completion_base = _BASES.get(comp.group(1) or "")
        changes = list(_CHANGE.finditer(clause))
        change_spans = [c.span() for c in changes]
        # '单位价值50万元以上通用设备' states a threshold, not an amount
        base = [a for a in _AMOUNT.finditer(clause)
                if not any(s <= a.start() < e for s, e in change_spans) and not _THRESHOLD.match(clause, a.end())]
        if base:
            # '政府采购工程预算0万元、政府采购服务预算0万元': each amount takes the text since the last
            group = []
            prev_end = 0
            for a in base:
                before = clause[prev_end: a.start()].lstrip("、")
                prev_end = a.end()
                subject = _clean_subject(before)
                stem, measure = _measure_of(re.sub(r"\s+", "", before).rstrip("：:，,"))
                stem = _clean_subject(stem) if measure else subject
                key = subject_key(before) if subject else None
                if (key in ("income_total", "expenditure_total") and nar.statements and nar.statements[-1].key == "fiscal_total"
                        and subject.strip() in ("收入总计", "支出总计") and fiscal_sentence == s_no):
                    key = "fiscal_total"  # '财政拨款收入总计1,000.00万元，支出总计1,000.00万元': both the 财政拨款's
                if key and before.lstrip().startswith("涉及") and "绩效" in _sentence(text, ends, s_no):
                    # '实行绩效目标管理的项目4个，涉及一般公共预算当年拨款91.00万元': the money of those projects
                    key = "performance_total"
                if key and key.startswith("function:") and section:
                    # the 类 of a fund's own section: the figure of that fund's 支出表
                    key = next((p + key for word, p in FUND_SECTIONS if word in section), key)
                if measure is not None and (not stem.strip() or stem.strip() in ("支出", "其中")):
                    # '年初预算为 54.53 万元，支出决算为 54.53 万元': the subject stated before
                    if sentence_keyed is not None:
                        key, subject = sentence_keyed.key, f"{sentence_keyed.subject}（{subject}）"
                    elif item is not None:
                        key, subject = None, f"{item.split('/')[-1]}（{subject}）"
                st = Statement(subject=subject, location=location.get(), text=clause.strip(), key=key,
                               amount=_amount(a.group(1), a.group(2)), section=section, measure=measure)
                if item is not None and (not stem.strip() or stem.strip() in ("支出", "其中")):
                    st.item = item
                nar.statements.append(st)
                if key == "fiscal_total":
                    fiscal_sentence = s_no
                group = [st]
                if key is not None and sentence_keyed is None:
                    sentence_keyed = st
        elif not changes and ("无" in clause or "没有" in clause) and (none := _stated_none(clause)):
            st = Statement(subject=_clean_subject(clause), location=location.get(), text=clause.strip(), key=none,
                           amount=parse_amount("0"), section=section)
            nar.statements.append(st)
            group = [st]
        elif changes:
            # '与上年相比，一般公共预算收支预算增加…' names what changed: attach to that statement
            subject_text = clause[: changes[0].start()]
            named = _changed_statements(nar.statements, subject_text)
            if named:
                group = named
            elif _names_another(subject_text, group):
                group = []  # '收支预算总额比上年减少…' after '项目支出265.00万元': not the projects' change
        for st in group:
            _apply_changes(st, changes)
        if _FLAT.search(clause) and not changes and not vs:
            named = _changed_statements(nar.statements, _FLAT.split(clause)[0]) if not base else []
            for st in named or group:
                st.direction = "持平"
        sh = _SHARE.search(clause)
        if sh and group and safe_decimal(sh.group(2)) is not None:
            group[-1].share = safe_decimal(sh.group(2))
            group[-1].share_printed = sh.group(2)
            named = re.sub(r"的$|比[例重]?为?$|总额?$", "", sh.group(1).strip())
            if len(named) >= 3:
                group[-1].share_of = named
        if not base:
            for cm in _COUNT.finditer(clause):
                n = cn_int(cm.group(1))
                before = clause[: cm.start()]
                after = clause[cm.end(): cm.end() + 4]
                key = None
                ctx = before[-14:] + cm.group(0) + after
                for words, k in _COUNT_KEYS:
                    if any(w in ctx for w in words):
                        key = k
                        break
                if key is None or n is None:
                    continue
                nar.statements.append(Statement(subject=_clean_subject(before) or ctx, location=location.get(),
                                                text=clause.strip(), key=key, count=n,
                                                section=section))
    return nar
