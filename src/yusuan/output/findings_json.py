"""`yusuan check --format json`: the contract of findings-json.md."""

from __future__ import annotations

from yusuan.audit.finding import Finding
from yusuan.model.disclosure import Disclosure


def findings_document(disc: Disclosure, findings: list[Finding]) -> dict:
    return {"source": disc.source, "unit_name": disc.unit_name, "year": disc.year,
            "findings": [f.to_dict() for f in findings]}


def findings_report(results: list[tuple[Disclosure, list[Finding]]]) -> dict:
    summary = {"documents": len(results), "error": 0, "warning": 0, "info": 0}
    for _, fs in results:
        for f in fs:
            summary[f.severity] += 1
    return {"documents": [findings_document(d, fs) for d, fs in results], "summary": summary}
