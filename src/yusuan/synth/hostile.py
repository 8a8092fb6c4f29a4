"""Hostile inputs, by class, for the fuzz tests and `benchmarks/fuzz.py`: every document is
hostile input, and the readers must answer each of these with a result or one clean message.

Each generator takes a `random.Random` and returns (file name, bytes). The classes follow the
failures seen in the wild and in earlier fuzzing: random bytes; wrong or broken encodings; real
documents mutated (bytes flipped, lines duplicated, numbers blown up to 30 digits, minus signs in
every form); long runs (digits, spaces, brackets); broken office files (zip damage, merges,
spans); deeply nested HTML; damaged PDFs.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path
from typing import Callable

SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "samples"
_MINUS = ["-", "\u2212", "\uff0d", "\u2012", "–"]
_SEED_TEXT = ("2024年部门收支预算总表\n单位：万元\n项目\t预算数\t项目\t预算数\n一般公共预算拨款收入\t87.02\t一般公共服务支出\t71.86\n"
              "收入总计\t87.02\t支出总计\t87.02\n二、关于2024年收支预算情况的总体说明\n收入支出总计87.02万元，"
              "与上年相比增加1.20万元，增长1.40%。一般公共服务支出71.86万元，占82.58%。\n")


def seed_texts() -> list[str]:
    """The real Henan samples where they are at hand, else one small document."""
    found = sorted(SAMPLES.glob("*.txt")) if SAMPLES.is_dir() else []
    return [p.read_text(encoding="utf-8") for p in found] or [_SEED_TEXT]


def random_bytes(rng: random.Random) -> tuple[str, bytes]:
    head = rng.choice([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"<html>", b"\xd0\xcf\x11\xe0"])
    return "random.bin", head + rng.randbytes(rng.randint(1, 4000))


def bad_encoding(rng: random.Random) -> tuple[str, bytes]:
    text = rng.choice(seed_texts())[: rng.randint(10, 3000)]
    enc = rng.choice(["utf-16-le", "utf-16-be", "gb18030", "big5", "utf-32", "latin-1"])
    data = text.encode(enc, errors="replace")
    bom = rng.choice([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])
    cut = rng.randint(0, len(data))
    return "encoding.txt", bom + data[:cut]


def _mutate_numbers(rng: random.Random, text: str) -> str:
    out = []
    for part in text.split("\n"):
        r = rng.random()
        if r < 0.05:
            part = part.replace("万元", rng.choice(["9" * rng.randint(17, 60), "0." + "3" * rng.randint(7, 40)]) + "万元", 1)
        elif r < 0.1:
            part = part.replace("%", "." + "7" * rng.randint(20, 40) + "%", 1)
        elif r < 0.15:
            part = part.replace("-", rng.choice(_MINUS)).replace("增长", "增长" + rng.choice(_MINUS))
        elif r < 0.17:
            part = part + "\t" + str(rng.randint(0, 10 ** rng.randint(1, 40)))
        out.append(part)
    return "\n".join(out)


def mutated_text(rng: random.Random) -> tuple[str, bytes]:
    """A real document with its numbers blown up, its lines cut, duplicated and shuffled, and now
    and then its bytes damaged (which mostly ends in an encoding error: kept rare)."""
    lines = _mutate_numbers(rng, rng.choice(seed_texts())).split("\n")
    for _ in range(rng.randint(0, 30)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        op = rng.random()
        if op < 0.3:
            del lines[i: i + rng.randint(1, 40)]
        elif op < 0.6:
            lines[i:i] = lines[rng.randrange(len(lines)):][: rng.randint(1, 60)]
        elif op < 0.8:
            line = lines[i]
            cut = rng.randint(0, len(line))
            lines[i] = line[:cut] + rng.choice(["\t", " ", "", "（", "万元", "%", "-", "\u3000"]) + line[cut:]
        else:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
    data = bytearray("\n".join(lines).encode("utf-8"))
    if data and rng.random() < 0.15:
        for _ in range(rng.randint(1, 5)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    return "mutated.txt", bytes(data)


def long_runs(rng: random.Random) -> tuple[str, bytes]:
    unit = rng.choice(["1", " ", "(", "（", "-", "|", "一", "9,", "%", "万元", "\t", "X"])
    n = rng.randint(1_000, 60_000)
    text = rng.choice(["", "收入支出总计", "| 合计 |", "2024年部门预算\n"]) + unit * n + rng.choice(["", "x", "万元", "\n"])
    return "runs.txt", text.encode("utf-8")


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


_CT = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       b'<Default Extension="xml" ContentType="application/xml"/></Types>')


def broken_office(rng: random.Random) -> tuple[str, bytes]:
    """A workbook or Word file whose parts are damaged: merges, spans, cell references, sizes."""
    kind = rng.choice(["xlsx", "docx"])
    if kind == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        for r, line in enumerate(rng.choice(seed_texts()).splitlines()[:80], start=1):
            for c, v in enumerate(line.split("\t")[:8], start=1):
                ws.cell(r, c, v)
        if rng.random() < 0.3:
            ws.cell(rng.randint(1, 1_048_576), rng.randint(1, 16_384), rng.choice([1e300, "x", 1e26, -0.0]))
        if rng.random() < 0.3:
            r0 = rng.randint(1, 50)
            ws.merge_cells(start_row=r0, start_column=1, end_row=r0 + rng.randint(0, 3000), end_column=rng.randint(1, 30))
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
    else:
        import docx

        d = docx.Document()
        rows = rng.randint(1, 30)
        t = d.add_table(rows=rows, cols=rng.randint(1, 6))
        for i, line in enumerate(rng.choice(seed_texts()).splitlines()[:rows]):
            t.cell(i, 0).text = line[:40]
        buf = io.BytesIO()
        d.save(buf)
        data = buf.getvalue()
        if rng.random() < 0.5:
            z = zipfile.ZipFile(io.BytesIO(data))
            members = {n: z.read(n) for n in z.namelist()}
            xml = members["word/document.xml"]
            span = rng.choice([b"x", b"999999999999", b"0", b"-3", b"64"])
            xml = xml.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="' + span + b'"/>', rng.randint(1, 5))
            xml = xml.replace(b"<w:tcPr>", b"<w:tcPr><w:vMerge/>", rng.randint(0, 5))
            members["word/document.xml"] = xml
            data = _zip(members)
    blob = bytearray(data)
    for _ in range(rng.choice([0, 0, 1, 3])):
        i = rng.randrange(len(blob))
        blob[i] = rng.randrange(256)
    return f"broken.{kind}", bytes(blob)


def nested_html(rng: random.Random) -> tuple[str, bytes]:
    tag = rng.choice(["div", "span", "table", "b", "font", "td"])
    n = int(10 ** rng.uniform(0, 4.3))  # 1 to 20,000 levels
    close = rng.random() < 0.5
    body = f"<{tag}>" * n + "收入支出总计87.02万元" + (f"</{tag}>" * n if close else "")
    extra = rng.choice(["", "<table>" + "<tr><td>1</td>" * rng.randint(1, 5000) + "</table>",
                        '<td colspan="99999999" rowspan="-1">x</td>'])
    return "nested.html", f"<html><body>{body}{extra}</body></html>".encode("utf-8")


def damaged_pdf(rng: random.Random) -> tuple[str, bytes]:
    box = rng.choice(["[0 0 612 792]", "[0 0 612]", "[(a) (b) (c) (d)]", "[0 0 14400 14400]", "null", "[0 0 -5 1e30]"])
    rotate = rng.choice(["0", "90", "(x)", "45", "-270"])
    content = rng.choice([b"BT /F1 12 Tf 72 720 Td (2024 Budget 87.02) Tj ET", b"(" * rng.randint(10, 5000), b"", b"q Q"])
    filt = rng.choice(["", "/Filter /NoSuchFilter", "/Filter /FlateDecode"])
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            f"<< /Type /Page /Parent 2 0 R /MediaBox {box} /Rotate {rotate} /Contents 4 0 R "
            f"/Resources << /Font << /F1 5 0 R >> >> >>".encode(),
            f"<< /Length {len(content)} {filt} >>\nstream\n".encode() + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    for _ in range(rng.choice([0, 0, 1, 4])):
        i = rng.randrange(len(out))
        out[i] = rng.randrange(256)
    return "damaged.pdf", bytes(out)


def _body(xml: bytes) -> bytes:
    return xml.split(b"?>", 1)[1] if xml.lstrip().startswith(b"<?xml") else xml


def entity_bomb(rng: random.Random) -> tuple[str, bytes]:
    """A workbook or Word file whose XML declares nested entities ('billion laughs'): expanded,
    ten to the power of the depth copies of a word."""
    depth = rng.randint(3, 12)
    decl = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1)) * 10) for i in range(1, depth)) + b"]>"
    ref = b"&lol%d;" % (depth - 1)
    buf = io.BytesIO()
    if rng.random() < 0.5:
        from openpyxl import Workbook

        wb = Workbook()
        wb.active["A1"], wb.active["B1"] = "收入支出总计", "placeholder"
        wb.save(buf)
        name, part = "entities.xlsx", "xl/worksheets/sheet1.xml"
    else:
        import docx

        d = docx.Document()
        d.add_paragraph("收入支出总计87.02万元")
        d.add_paragraph("placeholder")
        d.save(buf)
        name, part = "entities.docx", "word/document.xml"
    z = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    members = {n: z.read(n) for n in z.namelist()}
    members[part] = decl + _body(members[part]).replace(b"placeholder", ref, 1)
    return name, _zip(members)


CLASSES: dict[str, Callable[[random.Random], tuple[str, bytes]]] = {
    "entities": entity_bomb,
    "random": random_bytes, "encoding": bad_encoding, "mutated": mutated_text, "runs": long_runs,
    "office": broken_office, "html": nested_html, "pdf": damaged_pdf,
}


def pipeline(data: bytes, name: str) -> int:
    """What every hostile input goes through: parse, check, the JSON model and its stored form
    (the number of findings)."""
    from yusuan.audit.engine import audit
    from yusuan.output.json_out import disclosure_dict
    from yusuan.parse import parse_bytes
    from yusuan.store.types import dumps

    _, disc = parse_bytes(data, name)
    findings = audit(disc)
    dumps(disclosure_dict(disc))
    dumps([f.to_dict() for f in findings])
    return len(findings)
