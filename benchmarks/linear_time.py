"""Linear time on the layouts that once hung yusuan (by hand): each input family is read at sizes
n, 2n and 4n and the times printed with their ratios; a ratio near 2 is linear, near 4 quadratic.

    python3 benchmarks/linear_time.py [--base 2000]

Families (each found by benchmarks/fuzz.py):
- html-rows: a <table> of n unclosed <tr><td>1</td> rows (html.parser nested them n deep; 8.8 s at 5,000);
- wide-header: a 收支总表 sheet with one stray cell n columns to the right (the header-filling pass was
  quadratic in the width: 69 s at 15,000 columns);
- digit-run: a line of n digits inside a narrative sentence (the amount pattern backtracked);
- space-run: n spaces inside a markdown table row (the separator pattern backtracked).
"""

from __future__ import annotations

import argparse
import io
import time

from yusuan.errors import YusuanError


def html_rows(n: int) -> tuple[str, bytes]:
    return "rows.html", ("<html><body><p>收入支出总计87.02万元</p><table>" + "<tr><td>1</td>" * n
                         + "</table></body></html>").encode("utf-8")


def wide_header(n: int) -> tuple[str, bytes]:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in (["2024年部门收支预算总表"], ["单位：万元"], ["项目", "预算数", "项目", "预算数"],
                ["一般公共预算拨款收入", "87.02", "一般公共服务支出", "71.86"], ["收入总计", "87.02", "支出总计", "87.02"]):
        ws.append(row)
    ws.cell(3, n, "x")  # a stray cell far to the right of the header
    buf = io.BytesIO()
    wb.save(buf)
    return "wide.xlsx", buf.getvalue()


def digit_run(n: int) -> tuple[str, bytes]:
    return "digits.txt", ("2024年部门预算\n一、收入支出预算总体情况\n收入总计" + "9" * n + "万元，支出总计87.02万元。\n").encode("utf-8")


def space_run(n: int) -> tuple[str, bytes]:
    return "spaces.md", ("2024年部门收支预算总表\n| 项目 |" + " " * n + "| 预算数 |\n| --- | --- |\n| 收入总计 | 87.02 |\n"
                         ).encode("utf-8")


FAMILIES = {"html-rows": html_rows, "wide-header": wide_header, "digit-run": digit_run, "space-run": space_run}


def seconds(name: str, data: bytes) -> float:
    from yusuan.synth.hostile import pipeline

    start = time.perf_counter()
    try:
        pipeline(data, name)
    except YusuanError:
        pass  # a clean refusal is an answer too: its time is what is measured
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=int, default=4000, help="the smallest size n")
    args = ap.parse_args()
    seconds(*html_rows(10))  # imports
    print(f"{'family':<12} {'n':>8} {'2n':>8} {'4n':>8}   ratios (≈2 linear, ≈4 quadratic)")
    for name, make in FAMILIES.items():
        ts = []
        for k in (1, 2, 4):
            fname, data = make(args.base * k)
            ts.append(seconds(fname, data))
        ratios = " ".join(f"{b / a:.1f}" if a > 0.005 else "-" for a, b in zip(ts, ts[1:]))
        print(f"{name:<12} {ts[0]:>7.2f}s {ts[1]:>7.2f}s {ts[2]:>7.2f}s   {ratios}")


if __name__ == "__main__":
    main()
