"""Split a document into its narrative and its tables, by finding table titles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from yusuan.read.lines import SourceLine
from yusuan.recognise.kinds import looks_like_table_name

_LABEL_ONLY = re.compile(r"^(?:预算|决算|附表|表|公开)\s*[\d０-９]{1,2}(?:\s*[-－—.．]\s*[\d０-９]{1,2})?\s*表?$"
                         r"|^(?:预算|决算)?\s*[\d]{1,2}\s*表$")  # '预算01表', '表1-3', '附表2', '公开07表'
_LABEL_PREFIX = re.compile(r"^((?:预算|决算|附表)\s*\d{1,2}\s*表?|表\s*\d{1,2})\s+(.+)$")
_ORDINAL_START = re.compile(r"^(?:[-•·]\s*)?(?:[（(]?[一二三四五六七八九十]+[）)、.．]|\d+[、.．])")
_YEAR = re.compile(r"(20\d{2})\s*年")
_META = re.compile(r"((?:单位名称|部门名称|编制单位|编制部门|填报单位|金额单位)\s*[:：]|^(?:单\s*位|部\s*门)\s*[:：])")
SENTENCE_PUNCT = re.compile(r"[，。；！？,;]")


@dataclass
class Segment:
    title: str
    label: str | None
    start: int  # index of the first line after the title
    title_index: int
    title_line: SourceLine | None = None
    end: int = 0  # exclusive
    lines: list[SourceLine] = field(default_factory=list)
    pre_meta: list[SourceLine] = field(default_factory=list)


def _is_label(text: str) -> bool:
    return bool(_LABEL_ONLY.match(text.replace(" ", "")))


def is_meta(text: str) -> bool:
    return bool(_META.search(text.replace(" ", ""))) and len(text) < 120


def _is_title(lines: list[SourceLine], i: int) -> tuple[str | None, str] | None:
    ln = lines[i]
    text = ln.text.strip()
    compact = "".join(text.split())  # as re.sub(r"\s+", "") but without the regex machinery: a hot path
    label = None
    m = _LABEL_PREFIX.match(text)
    if m:
        label, text = m.group(1).replace(" ", ""), m.group(2).strip()
        compact = "".join(text.split())
    if len(compact) > 60 or len(compact) < 4 or SENTENCE_PUNCT.search(compact):
        return None
    if compact.startswith(("附件", "注", "说明")) or _ORDINAL_START.match(compact):
        return None
    if not looks_like_table_name(compact):
        return None
    if ln.cells is not None and sum(1 for c in ln.cells if c) > 1:
        return None
    # Evidence that this is a table title and not a stray line: a year, a label, or table
    # furniture right after it.
    prev = lines[i - 1].text.replace(" ", "") if i > 0 else ""
    if _is_label(prev):
        label = label or prev
    evidence = bool(_YEAR.search(compact)) or label is not None or compact.endswith("表")
    if not evidence:
        nxt = " ".join(x.text for x in lines[i + 1:i + 4])
        evidence = bool(_META.search(nxt.replace(" ", "")))
    if not evidence:
        return None
    return label, text


def merge_split_labels(lines: list[SourceLine]) -> list[SourceLine]:
    """'预算' / '14表' printed on two lines is one label."""
    out: list[SourceLine] = []
    skip = False
    for i, ln in enumerate(lines):
        if skip:
            skip = False
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if ln.text.strip() in ("预算", "决算") and nxt is not None and re.fullmatch(r"\d{1,2}\s*表", nxt.text.strip()):
            out.append(replace(ln, text=ln.text.strip() + nxt.text.strip(), cells=None))
            skip = True
            continue
        out.append(ln)
    return out


def find_tables(lines: list[SourceLine]) -> list[Segment]:
    segs: list[Segment] = []
    running: set[int] = set()  # a table's title printed again at the top of its next page
    i = 0
    n = len(lines)
    while i < n:
        got = _is_title(lines, i)
        if got is None:
            i += 1
            continue
        label, title = got
        if (segs and "".join(title.split()) == "".join(segs[-1].title.split()) and not label
                and not any(w in title for w in _TEXT_KINDS) and _has_rows(lines[segs[-1].start:i])):
            running.add(i)
            i += 1
            continue
        if segs and _sheet_name_only(lines, segs[-1], i):
            sheet = segs.pop().title  # a sheet named '项目支出表' over its own title row: one table
            label = label or (sheet.replace(" ", "") if _is_label(sheet.replace(" ", "")) else None)
        j = i + 1
        # '本级部门(单位)整体绩效目标表' / '（2024年度）' : a year line below the title belongs to it
        if j < n and re.fullmatch(r"[（(]?\s*20\d{2}\s*年度?\s*[)）]?", lines[j].text.strip()):
            title = f"{title}{lines[j].text.strip()}"
            j += 1
        segs.append(Segment(title=title, label=label, start=j, title_index=i, title_line=lines[i]))
        i = j
    for k, s in enumerate(segs):
        end = segs[k + 1].title_index if k + 1 < len(segs) else n
        end = _boundary(lines, s.start, end, s.title)
        # a label line and page meta lines just above the next title belong to the next table
        while end - 1 >= s.start and (_is_label(lines[end - 1].text.replace(" ", "")) or is_meta(lines[end - 1].text)):
            if k + 1 < len(segs) and is_meta(lines[end - 1].text):
                segs[k + 1].pre_meta.insert(0, lines[end - 1])
            end -= 1
        s.end = end
        s.lines = [ln for k, ln in enumerate(lines[s.start:end], start=s.start) if k not in running]
    return segs


def _sheet_name_only(lines: list[SourceLine], seg: Segment, i: int) -> bool:
    """The segment is a workbook sheet's name with nothing of its own before the next title."""
    ln = seg.title_line
    return (ln.sheet is not None and ln.row is None
            and all(not x.cells or sum(1 for c in x.cells if c) <= 1 for x in lines[seg.start:i])
            and not any(ch.isdigit() for x in lines[seg.start:i] for ch in x.text))


def _has_rows(lines: list[SourceLine]) -> bool:
    """The table so far holds figures: a title after them repeats it (a new page), it does not start another."""
    return any(ch.isdigit() for ln in lines for ch in ln.text) and len(lines) >= 3


_PART = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、\s*\S{0,30}(?:情况说明|名词解释)$|"
                   r"(?:\S{0,40}(?:情况说明|名词解释|目\s*录))$|附\s*[表件][:：]?\s*$)")
_NOTE = re.compile(r"^(?:注|备注|说明|填报说明)\s*[0-9１-９.．、]*\s*[:：]")
_TEXT_KINDS = ("绩效", "项目")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_PROSE_PUNCT = re.compile(r"[，。；！？]")  # tables of text (indicators, project descriptions) hold sentences of their own


def is_part_heading(ln: SourceLine) -> bool:
    """'第三部分 … 情况说明', '名词解释', '附表：' — a heading that no table runs through."""
    if ln.cells is not None and sum(1 for c in ln.cells if c) > 1:
        return False
    t = "".join(ln.text.split())
    return len(t) <= 60 and not SENTENCE_PUNCT.search(t.rstrip("。")) and bool(_PART.match(t))


def is_prose(ln: SourceLine) -> bool:
    if ln.cells is not None and sum(1 for c in ln.cells if c) > 1:
        return False
    t = _NUMBER.sub("0", ln.text.strip())  # '2,001.00' is a figure, not a sentence
    return len(t) >= 16 and bool(_PROSE_PUNCT.search(t)) and not _NOTE.match(t)


def _boundary(lines: list[SourceLine], start: int, end: int, title: str) -> int:
    """Where a table's lines stop: at a part or section heading, or (for tables of figures) at a
    run of prose before any note; notes below a table belong to it."""
    text_table = any(w in title for w in _TEXT_KINDS)
    noted = False
    for i in range(start, end):
        ln = lines[i]
        if is_part_heading(ln):
            return i
        t = ln.text.strip()
        if _NOTE.match(t):
            noted = True
        if noted or text_table:
            continue
        if is_prose(ln) and all(is_prose(x) for x in lines[i + 1:min(end, i + 3)]) and i + 2 < end:
            return i
    return end


def narrative_lines(lines: list[SourceLine], segs: list[Segment]) -> list[SourceLine]:
    """Every line outside the tables, wherever it stands: before, between or after them."""
    inside = [False] * len(lines)
    for k, s in enumerate(segs):
        first = s.title_index
        while first > 0 and (_is_label(lines[first - 1].text.replace(" ", "")) or is_meta(lines[first - 1].text)):
            first -= 1
        for i in range(first, s.end):
            inside[i] = True
    return [ln for ln, t in zip(lines, inside) if not t]


def narrative_end(lines: list[SourceLine], segs: list[Segment]) -> int:
    """Index where the narrative before the tables stops: the first table (its label and meta lines included)."""
    if not segs:
        return len(lines)
    end = segs[0].title_index
    while end > 0 and (_is_label(lines[end - 1].text.replace(" ", "")) or is_meta(lines[end - 1].text)):
        end -= 1
    return end
