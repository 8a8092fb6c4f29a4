"""Run the rule catalogue over a disclosure, with ruff-style selection."""

from __future__ import annotations

from yusuan.audit.context import Ctx
from yusuan.audit.finding import Finding
from yusuan.audit.registry import Rule, all_rules
from yusuan.errors import YusuanError
from yusuan.model.disclosure import Disclosure

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
# what a blank template (上海市XX局) is checked for: its wording, not its (absent) figures
TEMPLATE_RULES = ("YS610", "YS616", "YS617", "YS618")


def check_codes(codes: list[str]) -> None:
    """Every code or prefix names at least one rule ('YS1', 'YS301', 'ALL'); else YusuanError with the
    nearest codes, so that a typo does not silently select nothing."""
    import difflib

    known = [r.code for r in all_rules()]
    for c in codes:
        if c.upper() == "ALL" or any(k.startswith(c.upper()) for k in known):
            continue
        near = difflib.get_close_matches(c.upper(), known, n=3, cutoff=0.5)
        raise YusuanError(f"没有这条规则：{c}" + (f"（是不是 {'、'.join(near)}？）" if near else "（用 yusuan rules 查看全部）"))


def selected(select: list[str] | None = None, ignore: list[str] | None = None) -> list[Rule]:
    """Rules whose code starts with a selected prefix ('YS1', 'YS301', 'ALL') and with no ignored one;
    a code or prefix that names no rule is an error."""
    check_codes(list(select or []) + list(ignore or []))
    out = []
    for r in all_rules():
        if select and not any(r.code.startswith(s) or s.upper() == "ALL" for s in select):
            continue
        if ignore and any(r.code.startswith(s) for s in ignore):
            continue
        out.append(r)
    return out


def audit(disc: Disclosure, rules: list[Rule] | None = None) -> list[Finding]:
    ctx = Ctx.of(disc)
    findings: list[Finding] = []
    for r in rules if rules is not None else all_rules():
        if r.across or (disc.blank_template and r.code not in TEMPLATE_RULES):
            continue  # rules over a 决算 and its 预算 run from audit/across.py
        findings.extend(f for f in r.check(ctx) if not f.suppressed)
    return ordered(restated_once(findings))


def restated_once(findings: list[Finding]) -> list[Finding]:
    """One contradiction, one finding: findings that say the same thing in the same words (the same
    wrong code in every row of a table) become the first of them, the other places `related` and
    the count in the message."""
    first: dict[tuple[str, str, str], Finding] = {}
    merged: dict[int, int] = {}
    out = []
    for f in findings:
        key = (f.code, f.severity, f.message)
        if key not in first:
            first[key] = f
            out.append(f)
            continue
        head = first[key]
        head.related += [p for p in f.locations + f.related if p not in head.locations and p not in head.related]
        merged[id(head)] = merged.get(id(head), 1) + 1
    for f in out:
        if id(f) in merged:
            f.message += f"（共 {merged[id(f)]} 处）"
    return out


def ordered(findings: list[Finding]) -> list[Finding]:
    """Errors first, then by where they stand."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.locations[0].line or 0 if f.locations else 0,
                                           f.code))
