"""Audit quality: plant one defect at a time and count how often yusuan check notices (run by hand).

    python3 benchmarks/audit_quality.py [--docs N] [--per-doc K] [--seed S] [--template final]

Documents: generated budgets (both 预算 templates × four text styles) and 决算 (the national nine
tables, tabs and markdown), all internally consistent, and the three samples (their genuine findings are the baseline, so only new findings count). Kinds of
planted defect: a table figure +0.01, +1.00 or ×10; a narrative amount or percentage changed;
增加/减少 flipped; a table dropped; a row deleted; two rows' amounts swapped; a code changed.
A plant is detected when the findings differ from the unmodified document's. Also printed: the
findings on the unmodified generated documents (the target is zero errors).
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

from yusuan.audit.engine import audit
from yusuan.errors import YusuanError
from yusuan.read.text import read_text
from yusuan.recognise.document import recognise
from yusuan.recognise.segment import find_tables
from yusuan.synth import TEMPLATE_STYLES, TEMPLATES, generate, write_text
from yusuan.synth.budget import with_every_fund

ROOT = Path(__file__).resolve().parent.parent
AMOUNT = re.compile(r"(?<![\d.,])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d.])|(?<![\d.,])-?\d+\.\d+(?![\d.])")
# figures only: not '50万元以上' (a threshold) nor '%E4' in a web address
NARR_AMOUNT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?=\s*万元(?!以上|以下))")
NARR_PCT = re.compile(r"(?<![\d.%/A-Za-z])(\d+(?:\.\d+)?)(?=\s*[%％](?![0-9A-F]{2}))")
FLIP = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长"}
CODE = re.compile(r"(?<!\d)(2\d\d) (\d\d) (\d\d)(?!\d)|(?<!\d)(2\d{6})(?!\d)|(?<!\d)(30[123]\d\d)(?!\d)")


def findings_of(text: str) -> Counter:
    try:
        disc = recognise(read_text(text.encode("utf-8"), "planted"))
    except YusuanError:
        return Counter({("unreadable",): 1})
    return Counter((f.code, f.message) for f in audit(disc))


def table_lines(lines: list[str]) -> set[int]:
    """0-based indexes of the lines inside tables (title to last row); the rest is narrative, before
    the tables (预算) or after them (决算)."""
    doc = read_text("\n".join(lines).encode("utf-8"), "x")
    out: set[int] = set()
    for s in find_tables(doc.lines):
        last = s.lines[-1].no if s.lines else s.title_line.no
        out.update(range(s.title_line.no - 1, last))
    return out


def narrative_lines(lines: list[str]) -> list[int]:
    inside = table_lines(lines)
    return [i for i in range(len(lines)) if i not in inside]


def yuan_lines(text: str) -> set[int]:
    """0-based indexes of lines inside tables printed in 元 (changes there are scaled to 万元)."""
    disc = recognise(read_text(text.encode("utf-8"), "x"))
    return {n - 1 for t in disc.tables if t.unit == "元" and t.end_line
            for n in range(t.location.line or 0, t.end_line + 1)}


def change_figure(text: str, rng: random.Random, how: str) -> str | None:
    """Change a table figure by +0.01 万元, +1.00 万元 or ×10 (in a 元 table: +100 元, +10,000 元)."""
    lines = text.split("\n")
    in_yuan = yuan_lines(text)
    spots = [(i, m) for i in sorted(table_lines(lines)) for m in AMOUNT.finditer(lines[i])]
    spots = [(i, m) for i, m in spots if Decimal(m.group(0).replace(",", "")) != 0]
    if not spots:
        return None
    i, m = rng.choice(spots)
    old = m.group(0)
    v = Decimal(old.replace(",", ""))
    scale = Decimal(10000) if i in in_yuan else Decimal(1)
    new_v = v + Decimal("0.01") * scale if how == "+0.01" else v + Decimal("1.00") * scale if how == "+1.00" else v * 10
    exp = v.as_tuple().exponent
    new = f"{new_v:,.{-exp}f}" if "," in old else f"{new_v:.{-exp}f}"
    lines[i] = lines[i][:m.start()] + new + lines[i][m.end():]
    return "\n".join(lines)


def change_narrative(text: str, rng: random.Random, pattern: re.Pattern, delta: Decimal) -> str | None:
    lines = text.split("\n")
    spots = [(i, m) for i in narrative_lines(lines) for m in pattern.finditer(lines[i])]
    if not spots:
        return None
    i, m = rng.choice(spots)
    v = Decimal(m.group(1))
    exp = v.as_tuple().exponent
    new = f"{v + delta:.{max(0, -exp)}f}"
    lines[i] = lines[i][:m.start(1)] + new + lines[i][m.end(1):]
    return "\n".join(lines)


def flip_direction(text: str, rng: random.Random) -> str | None:
    lines = text.split("\n")
    spots = [(i, m) for i in narrative_lines(lines) for m in re.finditer(r"(增加|减少|增长|下降)(?=\s*\d)", lines[i])]
    spots = [(i, m) for i, m in spots if not re.match(r"\s*0(?:\.0+)?\s*(万元|%)", lines[i][m.end():])]
    if not spots:
        return None
    i, m = rng.choice(spots)
    lines[i] = lines[i][:m.start()] + FLIP[m.group(1)] + lines[i][m.end():]
    return "\n".join(lines)


def drop_table(text: str, rng: random.Random) -> str | None:
    doc = read_text(text.encode("utf-8"), "x")
    segs = find_tables(doc.lines)
    if not segs:
        return None
    s = rng.choice(segs)
    lines = text.split("\n")
    first, last = s.title_line.no - 1, (s.lines[-1].no if s.lines else s.title_line.no)
    return "\n".join(lines[:first] + lines[last:])


def data_lines(text: str) -> tuple[list[str], list[int]]:
    lines = text.split("\n")
    return lines, [i for i in sorted(table_lines(lines)) if AMOUNT.search(lines[i])
                   and any(Decimal(m.group(0).replace(",", "")) != 0 for m in AMOUNT.finditer(lines[i]))]


def delete_row(text: str, rng: random.Random) -> str | None:
    lines, rows = data_lines(text)
    if not rows:
        return None
    i = rng.choice(rows)
    return "\n".join(lines[:i] + lines[i + 1:])


def swap_rows(text: str, rng: random.Random) -> str | None:
    lines, rows = data_lines(text)
    for _ in range(20):
        if len(rows) < 2:
            return None
        a, b = rng.sample(rows, 2)
        ma, mb = list(AMOUNT.finditer(lines[a])), list(AMOUNT.finditer(lines[b]))
        va, vb = [m.group(0) for m in ma], [m.group(0) for m in mb]
        if len(va) != len(vb) or va == vb:
            continue
        def put(line, ms, vals):
            for m, v in sorted(zip(ms, vals), key=lambda x: -x[0].start()):
                line = line[:m.start()] + v + line[m.end():]
            return line
        lines[a], lines[b] = put(lines[a], ma, vb), put(lines[b], mb, va)
        return "\n".join(lines)
    return None


def change_code(text: str, rng: random.Random) -> str | None:
    lines = text.split("\n")
    spots = [(i, m) for i in sorted(table_lines(lines)) for m in CODE.finditer(lines[i])]
    if not spots:
        return None
    i, m = rng.choice(spots)
    old = m.group(0)
    new = old[:-1] + str((int(old[-1]) + 3) % 10)
    lines[i] = lines[i][:m.start()] + new + lines[i][m.end():]
    return "\n".join(lines)


KINDS = {
    "表格数字 +0.01": lambda t, r: change_figure(t, r, "+0.01"),
    "表格数字 +1.00": lambda t, r: change_figure(t, r, "+1.00"),
    "表格数字 ×10": lambda t, r: change_figure(t, r, "x10"),
    "说明金额 +1": lambda t, r: change_narrative(t, r, NARR_AMOUNT, Decimal(1)),
    "说明百分比 +1": lambda t, r: change_narrative(t, r, NARR_PCT, Decimal(1)),
    "增加/减少 互换": flip_direction,
    "删除一张表": drop_table,
    "删除一行": delete_row,
    "两行金额互换": swap_rows,
    "科目编码改动": change_code,
}


FUNDS_STYLES = ("tabs", "markdown")  # the wide 收入表 of every fund cannot be placed once blank cells are lost


def every_fund(seed: int):
    b = generate(seed, units=1)
    b.units = [("122101", b.unit_name, b.total)]
    return with_every_fund(b, seed, "事业" if seed % 2 else "行政")


def flattened_funds(n: int) -> None:
    """The same budgets as text that lost its blank cells: the wide tables cannot be placed, and
    must then be said to be unreadable (warnings), never misread into errors."""
    found = Counter()
    for seed in range(n):
        for style in ("spaces", "flat"):
            disc = recognise(read_text(write_text(every_fund(seed), style).encode("utf-8"), "flattened"))
            found.update(f.severity for f in audit(disc))
    print(f"every kind of money, flattened text ({2 * n} documents): {found['error']} errors, "
          f"{found['warning']} warnings")


def documents(n: int, only: str | None = None, funds: bool = True) -> list[tuple[str, str]]:
    """Generated documents of every template (预算: henan, county; 决算: final) in each text style
    it is written in, then the text samples (not with --template)."""
    docs = []
    for seed in range(n):
        for template, write in sorted(TEMPLATES.items()):
            if only and template != only:
                continue
            for style in TEMPLATE_STYLES[template]:
                docs.append((f"{template}-{style}-{seed}", write(generate(seed), style)))
        if funds and (not only or only == "henan"):  # every kind of money (单位资金, 政府性基金, 国有资本经营, 上年结转)
            for style in FUNDS_STYLES:
                docs.append((f"henan-funds-{style}-{seed}", write_text(every_fund(seed), style)))
    if not only:
        for p in sorted((ROOT / "examples").glob("*.txt")):
            docs.append((p.stem, p.read_text(encoding="utf-8")))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=5, help="generated budgets per template and style")
    ap.add_argument("--per-doc", type=int, default=3, help="plants of each kind per document")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--template", default=None, choices=sorted(TEMPLATES), help="only this template (final: 部门决算)")
    ap.add_argument("--without-funds", action="store_true", help="leave out the budgets of every kind of money "
                                                                  "(the document set measured before 2026-12-04)")
    ap.add_argument("--show-missed", default="", help="print the undetected plants of kinds containing this text")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    docs = documents(args.docs, args.template, not args.without_funds)
    clean_errors = clean_findings = 0
    tried: Counter = Counter()
    caught: Counter = Counter()
    for name, text in docs:
        base = findings_of(text)
        if not name.startswith("jiaozuo"):
            clean_findings += sum(base.values())
            clean_errors += sum(v for (code, *_), v in base.items() if code != "unreadable" and code[2] in "123")
        for kind, plant in KINDS.items():
            for _ in range(args.per_doc):
                planted = plant(text, rng)
                if planted is None or planted == text:
                    continue
                tried[kind] += 1
                if findings_of(planted) != base:
                    caught[kind] += 1
                elif args.show_missed and args.show_missed in kind:
                    old, new = text.split("\n"), planted.split("\n")
                    diff = [(i + 1, a, b) for i, (a, b) in enumerate(zip(old, new)) if a != b][:2]
                    print(f"missed [{kind}] {name}: {diff or 'lines removed'}")
    gen = sum(1 for n, _ in docs if not n.startswith("jiaozuo"))
    print(f"documents: {len(docs)} ({gen} generated, {len(docs) - gen} samples); plants of each kind per document: {args.per_doc}")
    print(f"findings on the unmodified generated documents: {clean_findings} (arithmetic/balance/cross-table: {clean_errors})")
    print(f"{'kind':16s} {'planted':>8s} {'detected':>9s} {'rate':>7s}")
    for kind in KINDS:
        n = tried[kind]
        print(f"{kind:16s} {n:8d} {caught[kind]:9d} {100 * caught[kind] / n if n else 0:6.1f}%")
    big = [k for k in KINDS if k.startswith("表格数字") and k != "表格数字 +0.01"]
    n, c = sum(tried[k] for k in big), sum(caught[k] for k in big)
    print(f"table figures changed by ≥0.02 万元: {c}/{n} = {100 * c / n:.1f}% detected")
    if args.template in (None, "henan"):
        flattened_funds(args.docs)
    real_documents()


def real_documents() -> None:
    """Precision and recall on the real samples against their genuine defects, listed by hand in
    tests/fixtures/sample_defects.yaml: an error finding not listed there is a false error."""
    import yaml

    from yusuan.parse import parse_file

    listed = yaml.safe_load((ROOT / "tests" / "fixtures" / "sample_defects.yaml").read_text(encoding="utf-8"))
    print(f"\n{'real document':45s} {'errors':>6s} {'true':>5s} {'precision':>9s} {'defects':>7s} {'found':>5s} {'recall':>7s}")
    totals = Counter()
    for path, defects in listed["documents"].items():
        found = Counter((f.code, f.locations[0].line if f.locations else None, f.severity)
                        for f in audit(parse_file(ROOT / path)))
        want = Counter(tuple(d) for d in defects)
        errors = sum(n for k, n in found.items() if k[2] == "error")
        true = sum(min(n, want[k]) for k, n in found.items() if k[2] == "error")
        hit = sum(min(n, found[k]) for k, n in want.items())
        row = Counter(errors=errors, true=true, defects=sum(want.values()), found=hit)
        totals += row
        print(f"{Path(path).name:45s} {errors:6d} {true:5d} {_rate(true, errors):>9s} {row['defects']:7d} {hit:5d} "
              f"{_rate(hit, row['defects']):>7s}")
    print(f"{'all':45s} {totals['errors']:6d} {totals['true']:5d} {_rate(totals['true'], totals['errors']):>9s} "
          f"{totals['defects']:7d} {totals['found']:5d} {_rate(totals['found'], totals['defects']):>7s}")


def _rate(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "—"


if __name__ == "__main__":
    main()
