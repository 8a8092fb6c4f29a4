"""The whole disclosure as a web page (Jinja2) and, from the same page, as a printed PDF
(weasyprint): A4 portrait text, landscape table pages, page numbers, a 目录 with page numbers,
table headers repeated on every page and no table row split across pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yusuan.errors import InputError
from yusuan.render.document import Document
from yusuan.render.files import NUMBER, GridTable
from yusuan.render.spans import header_spans


@dataclass
class HtmlCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    num: bool = False


def table_view(t: GridTable, anchor: str) -> dict:
    """A grid table as header rows with merged cells and body rows with figures marked."""
    width = max((len(r) for r in t.rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in t.rows]
    header, body = rows[:t.head], rows[t.head:]
    head = [[HtmlCell(c, *span) for c, span in zip(row, spans) if span is not None]
            for row, spans in zip(header, header_spans(header))]
    return {"anchor": anchor, "label": t.label, "title": t.title, "before": t.before, "after": t.after, "head": head,
            "body": [[HtmlCell(c, num=bool(NUMBER.match(c))) for c in row] for row in body]}


def render_html(doc: Document) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("yusuan.render", "templates"), autoescape=select_autoescape(["html", "j2"]))
    contents = doc.contents()
    anchors = {a for _, _, a in contents}
    parts = [i for i, b in enumerate(doc.blocks) if b.kind == "part" and b.text.startswith("第")]
    blocks = [{"kind": b.kind, "text": b.text, "anchor": f"b{i}" if f"b{i}" in anchors else None,
               "new_page": i in parts[1:]} for i, b in enumerate(doc.blocks)]
    tables = [table_view(t, f"t{k}") for k, t in enumerate(doc.tables, 1)]
    return env.get_template("disclosure.html.j2").render(doc=doc, blocks=blocks, contents=contents, tables=tables,
                                                        appendix_anchor="appendix")


def save_html(doc: Document, path: Path) -> None:
    Path(path).write_text(render_html(doc), encoding="utf-8", errors="replace")  # a lone surrogate from JSON input


def save_pdf(doc: Document, path: Path) -> None:
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: the Pango library of the system is missing
        raise InputError("生成 PDF 需要 weasyprint 及系统的 Pango 库和中文字体：pip install weasyprint；"
                         "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-wqy-microhei") from None
    if cjk_fonts() == 0:
        raise InputError("系统缺少中文字体（fontconfig 找不到任何中文字体），生成的 PDF 中文字会显示为方框：请安装一种中文字体，"
                         "例如 apt-get install fonts-wqy-microhei，然后重新生成")
    Path(path).write_bytes(weasyprint.HTML(string=render_html(doc)).write_pdf())


def cjk_fonts() -> int | None:
    """How many fonts with Chinese glyphs fontconfig (which Pango draws with) knows, or None when it
    cannot be asked. Without one, every Chinese character is drawn as a box, though the text layer
    still holds it: the PDF would look right to a program and blank to a reader."""
    import subprocess

    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return len([line for line in out.stdout.splitlines() if line.strip()]) if out.returncode == 0 else None
