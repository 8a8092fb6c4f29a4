"""Templates (表式): the table sets provinces publish, as data in `data/templates/*.yaml`.

A template is a bundle of table kinds (their meaning lives in `data/tables.yaml`) with the titles,
numbering, units and layout traits one publisher prints. The reader needs none of it to read a
document (it reads tables by meaning); templates say which publisher's set a document follows,
which of its tables are missing, and give the renderer and the synthetic writer the titles to
print. Adding a province is adding a file here and a fixture document (see CONTRIBUTING.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from yusuan.model.disclosure import Disclosure, TableKind
from yusuan.reference.tables import declarations, load_yaml


@dataclass(frozen=True)
class TemplateTable:
    kind: TableKind
    title: str
    label: str | None = None
    unit: str | None = None
    scope: str | None = None  # 'department': only in a 部门 document
    layout: str | None = None  # a trait the template prints this table with ('halves')
    measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    name: str
    label: str
    doc_type: str
    numbering: str
    unit: str
    tables: tuple[TemplateTable, ...]
    # the narrative's fixed wording as this publisher prints it (render/narrative.py: key -> text
    # with {placeholders}, or a list for the 名词解释); what a template leaves out is Henan's
    phrases: dict = field(default_factory=dict, hash=False, compare=False)

    def kinds(self, scope: str | None = None) -> list[TableKind]:
        return [t.kind for t in self.tables if t.scope is None or t.scope == scope]


def _load(text: str, source: str) -> Template:
    d = load_yaml(text)
    kinds = set(declarations().schemas) | {TableKind.OTHER}
    tables = []
    for t in d["tables"]:
        kind = TableKind(t["kind"])
        if kind not in kinds:
            raise ValueError(f"{source}: table kind {kind} is not declared in tables.yaml")
        tables.append(TemplateTable(kind, t["title"], t.get("label"), t.get("unit"), t.get("scope"), t.get("layout"),
                                    tuple(t.get("measures") or ())))
    if d["doc_type"] not in ("budget", "final", "adjusted"):
        raise ValueError(f"{source}: doc_type must be budget, final or adjusted")
    phrases = d.get("phrases") or {}
    if not isinstance(phrases, dict):
        raise ValueError(f"{source}: phrases must be a mapping")
    return Template(d["name"], d["label"], d["doc_type"], str(d.get("numbering", "none")), d.get("unit", "万元"),
                    tuple(tables), phrases)


@lru_cache(maxsize=1)
def templates() -> dict[str, Template]:
    folder = resources.files("yusuan.reference") / "data" / "templates"
    out = {}
    for f in sorted(folder.iterdir(), key=lambda p: p.name):
        if f.name.endswith(".yaml"):
            t = _load(f.read_text(encoding="utf-8"), f.name)
            out[t.name] = t
    return out


def identify(disc: Disclosure) -> Template | None:
    """The template whose table set the document follows best: same document type, most of its
    kinds present and the fewest foreign ones (ties: the template whose titles the tables print)."""
    kinds = [t.kind for t in disc.tables if t.kind != TableKind.OTHER]
    if not kinds:
        return None
    titles = "".join(t.title for t in disc.tables)
    best, score = None, 0.0
    for tpl in templates().values():
        if disc.doc_type and tpl.doc_type != disc.doc_type:
            continue
        want = tpl.kinds(disc.scope)
        hit = len(set(kinds) & set(want))
        foreign = len(set(kinds) - set(want))
        named = sum(1 for t in tpl.tables if t.title.replace("“", "").replace("”", "") in titles.replace("“", "").replace("”", ""))
        s = hit - foreign + 0.1 * named
        if s > score:
            best, score = tpl, s
    return best if best is not None and score >= 0.5 * len(set(kinds)) else None


def missing_tables(disc: Disclosure, tpl: Template) -> list[TemplateTable]:
    present = {t.kind for t in disc.tables}
    return [t for t in tpl.tables if (t.scope is None or t.scope == disc.scope) and t.kind not in present]
