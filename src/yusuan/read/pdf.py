"""Reader for PDFs with a text layer (pdfplumber): ruled tables rebuilt as grid rows, the text
around them assembled into lines, every line and cell with its page and bounding box.

Published PDFs often print the digits of a Chinese sentence a few points off the baseline of
the characters around them; lines are grouped by vertical overlap rather than by exact position
so that '一般公共服务支出71.86万元' stays one line.
"""

from __future__ import annotations

from io import BytesIO

from yusuan.errors import InputError
from yusuan.limits import limits
from yusuan.read.clean import is_page_number
from yusuan.read.lines import SourceDocument, SourceLine



def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def group_lines(words: list[dict]) -> list[list[dict]]:
    """Words into lines: a word joins a line when their vertical spans overlap by at least
    40% of the lower of the two heights (digits set 3–4 pt off a Chinese baseline still do)."""
    lines: list[list[dict]] = []
    spans: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        span = (w["top"], w["bottom"])
        h = span[1] - span[0]
        for k in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            s = spans[k]
            if _overlap(span, s) >= 0.4 * min(h, s[1] - s[0]):
                lines[k].append(w)
                spans[k] = (min(s[0], span[0]), max(s[1], span[1]))
                break
        else:
            lines.append([w])
            spans.append(span)
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _join(words: list[dict]) -> str:
    """Words of one line. Beside a digit or Latin letter a gap of a sixth of a character is a space
    ('合计 1,235.32 1,143.05'); between Chinese characters only a gap of half a character is, as
    justified text spreads characters apart without meaning a break."""
    out = ""
    for i, w in enumerate(words):
        if i:
            prev = words[i - 1]
            gap = w["x0"] - prev["x1"]
            size = (w["bottom"] - w["top"]) or 10
            cjk_pair = _is_cjk(prev["text"][-1:]) and _is_cjk(w["text"][:1])
            out += " " if gap > (0.5 if cjk_pair else 0.15) * size else ""
        out += w["text"]
    return out


def _is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")


def _inside(w: dict, boxes: list[tuple]) -> bool:
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


def merge_marks(table) -> list[list[str]]:
    """For every cell of a ruled table: '' where a cell starts, '<' where a merged cell covers it
    from the left, '^' from above (pdfplumber gives no box for covered cells; the boxes of the
    cells around them say which merged cell spans them)."""
    rows = [list(r.cells) for r in table.rows]
    width = max((len(r) for r in rows), default=0)
    col_x: list[float | None] = []
    for j in range(width):
        xs = [r[j] for r in rows if j < len(r) and r[j] is not None]
        col_x.append((xs[-1][0] + xs[-1][2]) / 2 if xs else None)
    out: list[list[str]] = []
    for i, r in enumerate(rows):
        marks = []
        for j in range(len(r)):
            if r[j] is not None:
                marks.append("")
                continue
            left = next((r[k] for k in range(j - 1, -1, -1) if r[k] is not None), None)
            cx = col_x[j]
            marks.append("<" if left is not None and cx is not None and left[2] > cx else "^" if i else "<")
        out.append(marks)
    return out


def read_pdf(data: bytes, source: str, max_pages: int | None = None) -> SourceDocument:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    lim = limits()
    limit = max_pages or lim.max_pages
    try:
        pdf = pdfplumber.open(BytesIO(data))
        pages = pdf.pages
    except RecursionError:
        raise InputError(f"PDF 的对象结构嵌套过深或互相引用，无法读取：{source}") from None
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds for a damaged file
        reason = "PDF 已加密，需要密码" if "Password" in repr(e) or isinstance(e, PDFPasswordIncorrect) else "PDF 文件损坏或不完整"
        raise InputError(f"{reason}：{source}") from None
    if len(pages) > limit:
        pdf.close()
        raise InputError(f"PDF 共 {len(pages)} 页，超过上限 {limit} 页（可用环境变量 YUSUAN_MAX_PAGES 调整）：{source}")

    lines: list[SourceLine] = []
    textless: list[int] = []
    blank: list[int] = []
    skipped: list[tuple[int, str]] = []  # pages that could not be read, with the reason
    recognised: list[tuple[int, float]] = []  # OCR'd pages with their lowest line confidence
    try:
        for no, page in enumerate(pages, start=1):
            try:
                page_lines, kind = _read_page(page, no, data, lim, len(recognised))
            except (MemoryError, RecursionError) as e:
                skipped.append((no, "内存不足" if isinstance(e, MemoryError) else "结构嵌套过深"))
                continue
            except Exception as e:  # noqa: BLE001 - a damaged page is skipped, the rest is read
                skipped.append((no, _reason(e)))
                continue
            finally:
                try:
                    page.flush_cache()
                except Exception:  # noqa: BLE001
                    pass
            if kind == "blank":
                blank.append(no)
            elif kind == "textless":
                textless.append(no)
            elif kind == "ocr":
                recognised.append((no, min((ln.confidence or 1.0 for ln in page_lines), default=1.0)))
            for ln in page_lines:
                ln.no = len(lines) + 1
                lines.append(ln)
    finally:
        pdf.close()
    if skipped and not lines:
        raise InputError(f"PDF 的页面都无法读取（第 {skipped[0][0]} 页：{skipped[0][1]}）：{source}")
    if blank and not lines and not textless:
        raise InputError(f"PDF 的页面都是空白（没有文字，也没有图片）：{source}")
    if textless and not lines:
        raise InputError(f"PDF 没有文字层（扫描件），需要文字识别（OCR）：请安装 pip install 'yusuan[ocr]'：{source}")
    warnings = [f"第 {', '.join(map(str, textless))} 页没有文字层（可能是扫描页），其内容未读取；"
                f"安装 pip install 'yusuan[ocr]' 后可文字识别（每份文件至多识别 {lim.max_ocr_pages} 页，"
                f"页面不超过 {lim.max_page_points} 点）"] if textless else []
    warnings += [f"第 {n} 页无法读取（{why}），已跳过，其余页面照常读取" for n, why in skipped]
    if recognised:
        low = min(c for _, c in recognised)
        warnings.append(f"第 {', '.join(str(n) for n, _ in recognised)} 页没有文字层，已做文字识别（OCR），"
                        f"最低置信度 {low:.2f}；识别结果请对照原件核对")
    return SourceDocument(source=source, format="pdf", lines=lines, warnings=warnings)


def _reason(e: Exception) -> str:
    text = str(e).replace("\n", " ")[:80]
    return f"{type(e).__name__}{'：' + text if text else ''}"


def _read_page(page, no: int, data: bytes, lim, ocr_done: int) -> tuple[list[SourceLine], str]:
    """One page's lines and what it was: 'text', 'ocr', 'textless' (OCR unavailable or beyond its
    bounds) or 'blank'."""
    from yusuan.read import ocr

    if not page.chars:
        if not page.images:
            return [], "blank"  # no text and no picture (at most a border): nothing to recognise
        side = max(float(page.width), float(page.height))
        if not ocr.available() or side > lim.max_page_points or ocr_done >= lim.max_ocr_pages:
            return [], "textless"  # rendering a 14,400-point page for OCR takes gigabytes
        return ocr.ocr_page(data, no), "ocr"
    items: list[tuple[float, SourceLine]] = []
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    for t in tables:
        texts = t.extract()
        marks = merge_marks(t)
        for row, cells, spans in zip(t.rows, texts, marks):
            values = [(c or "").replace("\n", "").strip() for c in cells]
            if not any(values):
                continue
            top = row.bbox[1]
            # a ruled row keeps its cells even with one filled: its column says what it is
            items.append((top, SourceLine(no=0, page=no, text=" ".join(v for v in values if v),
                                          cells=values, bbox=row.bbox, cell_bboxes=list(row.cells),
                                          spans=spans)))
    words = [w for w in page.extract_words(use_text_flow=False) if w["text"] and not _inside(w, boxes)]
    for group in group_lines(words):
        text = _join(group)
        if is_page_number(text):
            continue
        box = (min(w["x0"] for w in group), min(w["top"] for w in group),
               max(w["x1"] for w in group), max(w["bottom"] for w in group))
        items.append((box[1], SourceLine(no=0, page=no, text=text, bbox=box)))
    return [ln for _, ln in sorted(items, key=lambda x: x[0])], "text"
