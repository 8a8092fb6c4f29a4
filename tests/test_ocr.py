"""Scanned PDFs (no text layer): OCR with the optional extra, offline; without it a clear message.
Uncertain OCR figures make findings warnings, not errors."""

from decimal import Decimal

import pytest

from yusuan.audit.context import Ctx, Figure
from yusuan.audit.finding import Place
from yusuan.facts import build_facts
from yusuan.model.amount import Amount
from yusuan.parse import parse_file
from yusuan.read import ocr
from yusuan.read.text import read_text
from yusuan.recognise.document import recognise
from yusuan.synth import TEMPLATES, generate
from yusuan.synth.office import write_pdf


def scanned(tmp_path, b, template):
    import pypdfium2

    src = tmp_path / "printed.pdf"
    write_pdf(b, src, TEMPLATES[template])
    doc = pypdfium2.PdfDocument(str(src))
    images = [doc[i].render(scale=2).to_pil().convert("RGB") for i in range(len(doc))]
    doc.close()
    path = tmp_path / "scan.pdf"
    images[0].save(path, save_all=True, append_images=images[1:], resolution=144)  # pictures only
    return path


def test_split_figures():
    assert ocr.split_figures("一、一般公共预算87.02一、一般公共服务71.86") == "一、一般公共预算 87.02 一、一般公共服务 71.86"
    assert ocr.split_figures("收入总计87.02万元") == "收入总计 87.02 万元"


def test_scanned_pdf_without_the_extra_says_how(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    from yusuan.errors import InputError

    with pytest.raises(InputError) as e:
        parse_file(scanned(tmp_path, generate(5, units=2), "henan"))
    assert "yusuan[ocr]" in e.value.message


def test_uncertain_ocr_figure_is_a_warning():
    from yusuan.model.disclosure import Disclosure

    ctx = Ctx(Disclosure(source="x", format="pdf"))
    sure = Figure(Amount(Decimal("87.02"), printed="87.02"), Place("表"), 0.99)
    unsure = Figure(Amount(Decimal("86.02"), printed="86.02"), Place("表"), 0.6)
    assert ctx.same_check("YS201", sure, Figure(sure.amount, sure.place, None), "收入总计", "支出总计") is None
    f = ctx.same_check("YS201", sure, unsure, "收入总计", "支出总计")
    assert f.severity == "warning" and "86.02" in f.message and "核对" in f.message


@pytest.mark.skipif(not ocr.available(), reason="OCR 需要可选依赖：pip install 'yusuan[ocr]'（.ci/run 会安装）")
def test_scanned_pdf_is_read_by_ocr(tmp_path):
    b = generate(5, units=2)
    disc = parse_file(scanned(tmp_path, b, "henan"))
    ref = build_facts(recognise(read_text(TEMPLATES["henan"](b, "tabs").encode("utf-8"), "ref")))
    got = build_facts(disc)
    assert any("文字识别（OCR）" in w for w in disc.warnings)
    assert [t.kind for t in disc.tables] == [t.kind for t in recognise(
        read_text(TEMPLATES["henan"](b, "tabs").encode("utf-8"), "ref")).tables]
    for key in ("totals", "economic_classes", "projects"):
        assert got[key] == ref[key], key
    rows = {x["code"]: x for x in got["function_classes"]}
    assert sum(1 for x in ref["function_classes"] if rows.get(x["code"]) == x) >= len(ref["function_classes"]) - 1
    cell = disc.tables[0].rows[0].cells["total"]
    assert cell.location.confidence is not None and cell.location.to_dict()["ocr_confidence"] > 0
