"""Cleaning extracted text: LaTeX fragments, page numbers, odd spaces."""

from __future__ import annotations

import re

_LATEX = [
    (re.compile(r"\\geq?\b|\\geqslant\b"), "≥"),
    (re.compile(r"\\leq?\b|\\leqslant\b"), "≤"),
    (re.compile(r"\\times\b"), "×"),
    (re.compile(r"\\%"), "%"),
    (re.compile(r"\\sim\b"), "~"),
    (re.compile(r"\\mathrm\{([^}]*)\}|\\text\{([^}]*)\}"), r"\1\2"),
]
_INLINE_MATH = re.compile(r"\$([^$]{1,80})\$")
_PAGE_MARK = re.compile(r"[-－—]\s*\d{1,4}\s*[-－—]")
_PAGE_ONLY = re.compile(r"^(?:第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,3}|[-－—]\s*\d{1,4}\s*[-－—])$")


def clean_latex(text: str) -> str:
    """'$\\geq 90\\%$' -> '≥90%'."""
    if "$" not in text and "\\" not in text:
        return text

    def inner(m: re.Match) -> str:
        s = m.group(1)
        for pat, rep in _LATEX:
            s = pat.sub(rep, s)
        s = s.replace("{", "").replace("}", "")
        return re.sub(r"\s+", "", s)

    text = _INLINE_MATH.sub(inner, text)
    for pat, rep in _LATEX:
        text = pat.sub(rep, text)
    return text


def strip_page_marks(text: str) -> str:
    """Remove '- 33 -' page marks that extraction glued to the end of a line."""
    return _PAGE_MARK.sub("", text)


def is_page_number(text: str) -> bool:
    return bool(_PAGE_ONLY.match(text.strip()))


def full_width_brackets(text: str) -> str:
    """'(焦作市云计算服务中心)' and '（焦作市云计算服务中心）' are the same name."""
    return text.replace("(", "（").replace(")", "）")


def name_key(text: str) -> str:
    """A name as compared: without spaces (a line wrap's), brackets full-width."""
    return full_width_brackets(text.replace(" ", ""))


def normalise_spaces(text: str) -> str:
    return text.replace("\u3000", " ").replace("\xa0", " ").replace("\u2002", " ").replace("\u2003", " ")


# Minus signs and digits as documents print them: U+2212 (text copied from PDFs), the full-width
# minus and hyphen-minus, the en dash used as a minus before a digit, full-width digits and point.
_FORMS = str.maketrans({"\u2212": "-", "\uff0d": "-", "\ufe63": "-", "\u2012": "-",
                        **{chr(0xFF10 + i): str(i) for i in range(10)}, "\uff0e": "."})


def normalise_forms(text: str) -> str:
    """'增长−5.00%' → '增长-5.00%', '１２３．４５' → '123.45': one form of every digit and minus."""
    return text.translate(_FORMS)
