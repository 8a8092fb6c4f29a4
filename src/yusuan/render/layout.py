"""Text layout shared by the synthetic templates: how a table looks in each extraction style."""

from __future__ import annotations

from decimal import Decimal

STYLES = ("tabs", "markdown", "spaces", "flat")
_CN = "零一二三四五六七八九"


def cn_ordinal(n: int) -> str:
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n - 10] if n > 10 else "")
    return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")


def side_by_side(page: "Page", left: list[tuple[str, Decimal | None]], right: list[tuple[str, Decimal | None]],
                 width: int = 1, money=None) -> list[list[str]]:
    """Rows of a two-sided table (收入 | 支出): the longer side sets the number of rows. The spending
    side has `width` amount columns: a tuple of as many figures, or one figure printed as 合计 and
    一般公共预算 (a budget of 一般公共预算 money only), the other kinds blank. `money` formats
    (default: the page's)."""
    money = money or page.money
    rows = []
    for i in range(max(len(left), len(right))):
        lt, lv = left[i] if i < len(left) else ("", None)
        rt, rv = right[i] if i < len(right) else ("", None)
        if isinstance(rv, tuple):
            rows.append([lt, money(lv), rt] + [money(v) for v in rv] + [""] * (width - len(rv)))
        else:
            rows.append([lt, money(lv), rt] + [money(rv)] * min(width, 2) + [""] * (width - 2))
    return rows


def grouped_pairs(groups: list[list[tuple[str, str]]]) -> list[list[str]]:
    """(三级指标, 指标值) pairs printed group beside group (成本 | 产出 | 效益 | 满意度): one line per
    pair of the longest group, blanks where a group has no more."""
    depth = max([1] + [len(g) for g in groups])
    return [[x for g in groups for x in (g[i] if i < len(g) else ("", ""))] for i in range(depth)]


def wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


class Page:
    vary = True  # layouts may vary with the figures (synthetic texts for the reader's tests)

    def __init__(self, style: str):
        self.style = style
        self.lines: list[str] = []

    def money(self, v: Decimal | None, blank_zero: bool = True) -> str:
        if v is None or (blank_zero and v == 0):
            return ""
        return f"{v:,.2f}" if self.style in ("spaces", "flat") else f"{v:.2f}"

    def text(self, *lines: str) -> None:
        self.lines.extend(lines)

    def table(self, label: str, title: str, unit_name: str, header: list[list[str]], rows: list[list[str]],
              note: str | None = None, two_sided: bool = False, meta: str | None = None) -> None:
        self.lines += [x for x in (label, title) if x]
        self.lines.append(meta or f"单位名称：{unit_name} 单位：万元")
        st = self.style
        if st == "tabs":
            self.lines += ["\t".join(h) for h in header] + ["\t".join(r) for r in rows]
        elif st == "markdown":
            width = max(len(r) for r in header + rows)
            for i, h in enumerate(header):
                self.lines.append("| " + " | ".join(h + [""] * (width - len(h))) + " |")
                if i == 0:
                    self.lines.append("|" + "---|" * width)
            self.lines += ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
        elif st == "spaces":
            self.lines += [" ".join(c for c in h if c) for h in header]
            self.lines += [" ".join(c for c in r if c) for r in rows]
        else:  # flat
            for h in header:
                for c in h:
                    if c:
                        self.lines += wrap(c, 3)
            for r in rows:
                amounts: list[str] = []
                for c in r:
                    if not c:
                        continue
                    if is_amount(c):
                        amounts.append(c)
                        continue
                    if amounts:  # a label after amounts (two-sided tables)
                        self.lines.append(" ".join(amounts))
                        amounts = []
                    self.lines += wrap(c, 10 if two_sided else 8) if not c.replace(" ", "").isdigit() else [c]
                if amounts:
                    self.lines.append(" ".join(amounts))
        if note:
            self.lines.append(note)


def is_amount(c: str) -> bool:
    return c.replace(",", "").replace(".", "", 1).lstrip("-").isdigit() and "." in c


def code_cells(out: Page, code: str) -> list[str]:
    parts = [code[:3], code[3:5], code[5:7]]
    if out.style in ("tabs", "markdown"):
        return parts
    return [" ".join(parts)]


def pct(part: Decimal, whole: Decimal) -> str:
    return f"{(part / whole * 100).quantize(Decimal('0.01')) if whole else Decimal('0.00')}"
