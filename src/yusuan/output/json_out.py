"""`yusuan parse --format json`: the whole recognised document with the `facts` block."""

from __future__ import annotations


from yusuan import __version__
from yusuan.facts import build_facts
from yusuan.model.disclosure import Disclosure


def disclosure_dict(disc: Disclosure) -> dict:
    warnings = list(disc.warnings)
    for t in disc.tables:
        warnings.extend(f"{t.title}：{w}" for w in t.warnings)
    return {
        "yusuan_version": __version__,
        "source": disc.source,
        "format": disc.format,
        "unit_name": disc.unit_name,
        "year": disc.year,
        "scope": disc.scope,
        "doc_type": disc.doc_type,
        "template": disc.template,
        "template_name": disc.template_name,
        "blank_template": disc.blank_template,
        "units": disc.units,
        "contents": disc.contents,
        "tables": [t.to_dict() for t in disc.tables],
        "narrative": disc.narrative.to_dict(),
        "warnings": warnings,
        "facts": build_facts(disc),
    }

