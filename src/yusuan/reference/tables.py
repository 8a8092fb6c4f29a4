"""Table declarations (表格声明) loaded from `data/tables.yaml`: one `TableSchema` per kind of table.

A schema says what a kind of table means, whatever its layout: the words of its titles, the
roles of its value columns with the header texts that name them, the identities among those
columns, the column orders that templates print (for text that lost its blank cells) and, for
two-sided tables, the vocabulary of their rows. The reader maps printed headers to roles with
it, the verifier and the audit check its identities, the facts and the renderer label columns
from it. Templates (`data/templates/*.yaml`) bundle kinds into the table sets provinces publish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from yusuan.model.disclosure import TableKind

SCHEMES = ("function", "economic", "unit", "project", "two_sided", "single", "performance")
SCOPES = ("current", "carryover", "year_end", "all")


@dataclass(frozen=True)
class ColumnSpec:
    """A value column by meaning: role 'basic' is printed as 基本支出 / 基本支出合计 …"""

    role: str
    label: str
    header: tuple[str, ...]
    under: tuple[str, ...] = ()  # group headers it stands under (any of them), preferred
    not_under: tuple[str, ...] = ()  # group headers it never stands under
    within: str | None = None  # the role it is a part of
    of_which: bool = False  # a 其中 column: part of `within`, never more than it
    scope: str | None = None  # funding scope where it differs from the table's


@dataclass(frozen=True)
class Identity:
    """Σ whole = Σ parts in every row where the columns are printed.

    Checkable when every role of `whole` and `parts` is a column of the table and at least one
    part (required or optional) is; `optional` parts take part where printed; `unless`: not
    checked where any of these roles is a column (a finer identity applies instead)."""

    rule: str
    whole: tuple[str, ...]
    parts: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()

    def roles(self) -> tuple[str, ...]:
        return self.whole + self.parts + self.optional

    def applies(self, roles: set[str] | frozenset[str]) -> bool:
        if any(r in roles for r in self.unless):
            return False
        if not all(r in roles for r in self.whole + self.parts):
            return False
        return any(r in roles for r in self.parts + self.optional)

    def terms(self, roles: set[str] | frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(whole roles, part roles) present in a table with these column roles."""
        return self.whole, tuple(r for r in self.parts + self.optional if r in roles)


@dataclass(frozen=True)
class TitleRule:
    need: tuple[str, ...]
    forbid: tuple[str, ...] = ()
    rank: int = 0


@dataclass(frozen=True)
class RowKey:
    """A row of a two-sided or group-total table by its label: every word of `words` (the whole
    label where `exact`), on `side`; `section` opens a section (上年结转 …) for the rows below."""

    key: str
    words: tuple[str, ...]
    side: str = "any"
    exact: bool = False
    section: str | None = None

    def matches(self, label: str) -> bool:
        if self.exact:
            return label in self.words
        return all(w in label for w in self.words)


@dataclass(frozen=True)
class TableSchema:
    kind: TableKind
    label: str
    titles: tuple[TitleRule, ...]
    rows: str
    scope: str
    columns: tuple[ColumnSpec, ...]
    identities: tuple[Identity, ...] = ()
    layouts: tuple[tuple[str, ...], ...] = ()
    prior: dict = field(default_factory=dict, compare=False, hash=False)
    row_keys: tuple[RowKey, ...] = ()
    sides: dict = field(default_factory=dict, compare=False, hash=False)
    groups: dict = field(default_factory=dict, compare=False, hash=False)
    targets: dict = field(default_factory=dict, compare=False, hash=False)  # indicator column role -> header words

    def column(self, role: str) -> ColumnSpec | None:
        return next((c for c in self.columns if c.role == role), None)

    def label_of(self, role: str) -> str:
        c = self.column(role)
        return c.label if c else role

    def children(self, role: str) -> tuple[str, ...]:
        """Roles declared `within` this one that sum to it (其中 columns excluded)."""
        return tuple(c.role for c in self.columns if c.within == role and not c.of_which)

    def row_key(self, label: str, side: str | None = None) -> RowKey | None:
        for k in self.row_keys:
            if k.side not in ("any", side) and side is not None:
                continue
            if k.matches(label):
                return k
        return None


@dataclass(frozen=True)
class Vocabulary:
    """Header words that are not value roles: measures (预算数/决算数) and label columns."""

    measures: dict[str, tuple[str, ...]]
    label_columns: dict[str, tuple[str, ...]]

    def measure_of(self, text: str) -> str | None:
        for measure, words in self.measures.items():
            if text in words:
                return measure
        return None

    def label_role(self, text: str) -> str | None:
        for role, words in self.label_columns.items():
            if text in words:
                return role
        return None


_SPACES = re.compile(r"\s+")
_UNIT_SUFFIX = re.compile(r"[（(](?:万元|元|单位[:：]?万?元)[)）]$")
_OF_WHICH = re.compile(r"^其中[:：]?")


@lru_cache(maxsize=8192)
def normalise_header(text: str) -> str:
    """The form header texts are compared in: '其中： 财政拨款(万元)' -> '财政拨款'."""
    t = _SPACES.sub("", text or "")
    t = t.replace("(", "（").replace(")", "）").replace("“", "").replace("”", "").replace('"', "").replace("'", "")
    t = _UNIT_SUFFIX.sub("", t)
    t = _OF_WHICH.sub("", t)
    return t.strip("：:、")


def _tuple(v) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    return tuple(str(x) for x in v)


def _column(d: dict) -> ColumnSpec:
    return ColumnSpec(role=d["role"], label=d["label"], header=tuple(normalise_header(h) for h in _tuple(d.get("header"))),
                      under=tuple(normalise_header(h) for h in _tuple(d.get("under"))),
                      not_under=tuple(normalise_header(h) for h in _tuple(d.get("not_under"))),
                      within=d.get("within"), of_which=bool(d.get("of_which")), scope=d.get("scope"))


def _schema(kind: str, d: dict) -> TableSchema:
    columns = tuple(_column(c) for c in d.get("columns") or [])
    roles = {c.role for c in columns}
    identities = tuple(Identity(rule=i["rule"], whole=_tuple(i["whole"]), parts=_tuple(i.get("parts")),
                                optional=_tuple(i.get("optional")), unless=_tuple(i.get("unless")))
                       for i in d.get("identities") or [])
    for i in identities:
        unknown = [r for r in i.roles() if r not in roles]
        if unknown:
            raise ValueError(f"tables.yaml: {kind} identity {i.rule} names undeclared roles {unknown}")
    layouts = tuple(tuple(lay) for lay in d.get("layouts") or [])
    for lay in layouts:
        unknown = [r for r in lay if r not in roles]
        if unknown:
            raise ValueError(f"tables.yaml: {kind} layout names undeclared roles {unknown}")
    if d.get("rows") not in SCHEMES:
        raise ValueError(f"tables.yaml: {kind} rows must be one of {SCHEMES}")
    if d.get("scope", "all") not in SCOPES:
        raise ValueError(f"tables.yaml: {kind} scope must be one of {SCOPES}")
    return TableSchema(
        kind=TableKind(kind), label=d["label"],
        titles=tuple(TitleRule(_tuple(t["need"]), _tuple(t.get("forbid")), int(t.get("rank", 0))) for t in d["titles"]),
        rows=d["rows"], scope=d.get("scope", "all"), columns=columns, identities=identities, layouts=layouts,
        prior=dict(d.get("prior") or {}),
        row_keys=tuple(RowKey(key=k["key"], words=_tuple(k["words"]), side=k.get("side", "any"),
                              exact=bool(k.get("exact")), section=k.get("section")) for k in d.get("row_keys") or []),
        sides={s: tuple(normalise_header(w) for w in _tuple(ws)) for s, ws in (d.get("sides") or {}).items()},
        groups={g: _tuple(codes) for g, codes in (d.get("groups") or {}).items()},
        targets={r: tuple(normalise_header(w) for w in _tuple(ws)) for r, ws in (d.get("targets") or {}).items()},
    )


@dataclass(frozen=True)
class Declarations:
    schemas: dict[TableKind, TableSchema]
    vocabulary: Vocabulary
    title_rules: tuple[tuple[TitleRule, TableKind], ...]  # best rank first

    def schema(self, kind: TableKind) -> TableSchema | None:
        return self.schemas.get(kind)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where installed: 8× faster at start-up


def load_yaml(text: str):
    return yaml.load(text, Loader=_LOADER)


def load_declarations(text: str) -> Declarations:
    d = load_yaml(text)
    schemas = {TableKind(k): _schema(k, v) for k, v in d["kinds"].items()}
    vocab = Vocabulary(
        measures={m: tuple(normalise_header(w) for w in ws) for m, ws in d["measures"].items()},
        label_columns={r: tuple(normalise_header(w) for w in ws) for r, ws in d["label_columns"].items()},
    )
    rules = sorted(((t, s.kind) for s in schemas.values() for t in s.titles), key=lambda x: -x[0].rank)
    return Declarations(schemas, vocab, tuple(rules))


@lru_cache(maxsize=1)
def declarations() -> Declarations:
    data = resources.files("yusuan.reference") / "data" / "tables.yaml"
    return load_declarations(data.read_text(encoding="utf-8"))


def schema(kind: TableKind) -> TableSchema | None:
    return declarations().schema(kind)


def derive(kind: TableKind, leaves: dict, role: str, depth: int = 0):
    """A figure a table prints as the sum of others, from the declaration: 基本支出 = 人员经费 +
    公用经费 = 工资福利 + 对个人和家庭 + 商品和服务 + 资本性 … (the compiled budget keeps leaves only)."""
    from decimal import Decimal

    if role in leaves:
        return leaves[role]
    sch = schema(kind)
    if sch is None or depth > 6:
        return Decimal("0.00")
    for ident in sch.identities:
        if ident.whole == (role,) and ident.parts:
            return sum((derive(kind, leaves, p, depth + 1) for p in ident.parts + ident.optional), Decimal("0.00"))
    return Decimal("0.00")


def role_label(role: str, kind: TableKind | None = None) -> str:
    """The Chinese label of a role, from its table's declaration (or the first that declares it).
    A role of another measure ('budget.total') is labelled with its measure."""
    measure = None
    if "." in role:
        measure, role = role.split(".", 1)
    decl = declarations()
    label = None
    if kind is not None and kind in decl.schemas:
        c = decl.schemas[kind].column(role)
        label = c.label if c else None
    if label is None:
        for s in decl.schemas.values():
            c = s.column(role)
            if c is not None:
                label = c.label
                break
    if label is None and kind is not None and kind in decl.schemas and role in decl.schemas[kind].targets:
        label = decl.schemas[kind].targets[role][0]  # an indicator column: its first header word ('三级指标')
    label = label or LABEL_ROLES.get(role) or role
    return f"{label}（{MEASURE_LABELS.get(measure, measure)}）" if measure else label


LABEL_ROLES = {"code": "编码", "name": "名称", "unit": "单位", "type": "类型", "seq": "序号", "note": "备注"}


MEASURE_LABELS = {"budget": "预算数", "adjusted": "调整预算数", "final": "决算数", "last": "上年数"}
