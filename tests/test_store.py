"""Storage: import, identity across years, versions, exact money, exports, migrations — on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from yusuan.audit.registry import all_rules
from typer.testing import CliRunner

from storage import BIGDATA, ECOMMERCE, EGOV, EXAMPLES, SAMPLES, corrected, make_db
from yusuan.cli import app
from yusuan.store import export as ex
from yusuan.store import queries as q
from yusuan.store.database import Database, DatabaseError
from yusuan.store.ingest import analyse, store
from yusuan.store.schema import Document, Figure, Finding, Original, Unit


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    database = make_db(request.param, tmp_path)
    yield database
    database.dispose()


def _import(db, path, name=None):
    return store(db, analyse(path.read_bytes(), name or path.name))


def _counts(db):
    with db.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (Original, Unit, Document, Finding, Figure))


def test_samples_import_with_their_findings_and_units(db):
    results = {p.name: _import(db, p) for p in SAMPLES}
    assert {r.status for r in results.values()} == {"new"}
    # finding counts read off `yusuan check` on each sample
    assert results[BIGDATA.name].counts == {"error": 0, "warning": 12, "info": 0}
    assert results[ECOMMERCE.name].counts == {"error": 0, "warning": 10, "info": 0}
    assert results[EGOV.name].counts == {"error": 1, "warning": 12, "info": 0}
    with db.session() as s:
        units = {u.name: u for u in s.scalars(select(Unit))}
        dept = units["焦作市政务服务和大数据管理局"]
        # the 部门 lists three units in its 收入表: two new ones become its members
        assert units["焦作市政务大数据中心"].code == "122201"
        assert units["焦作市政务大数据中心"].parent_id == dept.id
        # the 2023 unit document and the 2024 部门's unit row (no code, full-width brackets) are one unit
        egov = units["焦作市人民政府电子政务管理中心（焦作市云计算服务中心）"]
        assert egov.parent_id == dept.id and [d.year for d in egov.documents] == [2023]
        assert units["焦作市电子商务发展服务中心"].code == "402303"
        assert {u.region for u in units.values()} == {"焦作市"}
        doc = s.scalar(select(Document).where(Document.unit_id == egov.id))
        assert [f.code for f in doc.findings if f.severity == "error"] == ["YS602"]
        assert doc.ruleset.startswith(f"{len(all_rules())}-") and doc.model["facts"]["totals"]["expenditure_total"] == "174.15"


def test_same_file_twice_creates_nothing(db):
    first = _import(db, ECOMMERCE)
    before = _counts(db)
    again = _import(db, ECOMMERCE, "renamed-copy.txt")
    assert (again.status, again.document_id) == ("duplicate", first.document_id)
    assert _counts(db) == before


def test_republication_is_a_new_version_and_the_old_one_is_kept(db):
    first = _import(db, ECOMMERCE)
    second = store(db, analyse(corrected(), "ecommerce-corrected.txt"))
    assert (second.status, second.version) == ("version", 2)
    # YS101, YS113, YS309, YS310 on the changed 事业运行 row: warnings, as the columns of this text were inferred
    assert (second.counts["error"], second.counts["warning"]) == (0, 14)
    with db.session() as s:
        old, new = s.get(Document, first.document_id), s.get(Document, second.document_id)
        assert (old.current, new.current, old.unit_id) == (False, True, new.unit_id)
        total, docs = q.documents(s, q.DocumentFilter(year=2023))
        assert [d.id for d in docs] == [new.id]
        total, docs = q.documents(s, q.DocumentFilter(year=2023, all_versions=True))
        assert sorted(d.version for d in docs) == [1, 2]


def test_money_is_exact_decimal(db):
    r = _import(db, ECOMMERCE)
    with db.session() as s:
        figures = s.scalars(select(Figure).where(Figure.document_id == r.document_id)).all()
        assert all(isinstance(f.amount, Decimal) for f in figures)
        row = s.scalar(select(Figure).where(Figure.document_id == r.document_id, Figure.row_label == "事业运行",
                                            Figure.table_kind == "expenditure", Figure.column == "total"))
        assert (row.amount, row.printed, row.page, row.line) == (Decimal("71.86"), "71.86", 10, 619)
        f = s.scalar(select(Finding).where(Finding.code == "YS404").limit(1))
        assert f is not None and f.detail["values"] == ["0"]


def test_filters_facets_comparison_and_rule_counts(db):
    for p in SAMPLES:
        _import(db, p)
    with db.session() as s:
        assert q.facets(s) == {"years": [2024, 2023], "regions": ["焦作市"],
                               "rules": ["YS315", "YS404", "YS410", "YS412", "YS420", "YS505", "YS506", "YS602", "YS603", "YS607",
                                         "YS608", "YS610", "YS612", "YS701", "YS704", "YS705", "YS706", "YS708"]}
        assert q.documents(s, q.DocumentFilter(has_errors=True))[0] == 1
        assert q.documents(s, q.DocumentFilter(rule="ys505"))[0] == 2
        assert q.documents(s, q.DocumentFilter(unit="402303"))[1][0].unit_name == "焦作市电子商务发展服务中心"
        assert q.documents(s, q.DocumentFilter(scope="department"))[0] == 1
        rows = q.comparison(s, 2023)
        # 174.15 and 87.02 万元; 159.75/174.15 = 91.731% and 80.82/87.02 = 92.875% (half up)
        assert [(r["expenditure_total"], r["basic_share"]) for r in rows] == [
            (Decimal("174.15"), Decimal("91.73")), (Decimal("87.02"), Decimal("92.88"))]
        assert [r["unit"] for r in q.comparison(s, 2023, sort="three_public_total", descending=False)] == [
            "焦作市电子商务发展服务中心", "焦作市人民政府电子政务管理中心（焦作市云计算服务中心）"]
        assert q.rule_counts(s)["YS602"] == (1, 1) and q.rule_counts(s)["YS505"] == (2, 2)


def test_export_formats_agree(db, tmp_path):
    _import(db, ECOMMERCE)
    records = list(ex.rows(db))
    key = [r for r in records if r["row"] == "事业运行" and r["table"] == "支出表" and r["column_role"] == "total"]
    assert [(r["unit"], r["unit_code"], r["year"], r["code"], r["amount"]) for r in key] == [
        ("焦作市电子商务发展服务中心", "402303", 2023, "2011350", Decimal("71.86"))]
    for fmt in ("csv", "json", "xlsx", "parquet"):
        assert ex.write(records, tmp_path / f"out.{fmt}", fmt) == len(records)
    import csv

    import pyarrow.parquet as pq
    from openpyxl import load_workbook

    with open(tmp_path / "out.csv", encoding="utf-8-sig") as fh:
        assert sum(Decimal(r["金额（万元）"]) for r in csv.DictReader(fh)) == sum(r["amount"] for r in records)
    assert sum(Decimal(r["amount"]) for r in json.loads((tmp_path / "out.json").read_text())) == sum(
        r["amount"] for r in records)
    assert sum(pq.read_table(tmp_path / "out.parquet").column("amount").to_pylist()) == sum(
        r["amount"] for r in records)
    ws = load_workbook(tmp_path / "out.xlsx").active
    assert [c.value for c in ws[1]] == [ex.HEADERS[f] for f in ex.FIELDS] and ws.max_row == len(records) + 1
    amount = ws.cell(row=2, column=ex.FIELDS.index("amount") + 1)
    assert amount.number_format == "#,##0.00" and amount.value == float(records[0]["amount"])
    ex.write(records, tmp_path / "fdp", "fdp")
    package = json.loads((tmp_path / "fdp" / "datapackage.json").read_text())
    assert package["profile"] == "fiscal-data-package"
    assert package["model"]["measures"]["amount"] == {"source": "amount", "currency": "CNY", "factor": 10000,
                                                      "title": "金额（万元）"}
    assert [f["name"] for f in package["resources"][0]["schema"]["fields"]] == ex.FIELDS
    assert package["fiscalPeriod"] == {"start": "2023-01-01", "end": "2023-12-31"}


def test_concurrent_stores_of_one_file_store_it_once(db):
    analysis = analyse(ECOMMERCE.read_bytes(), ECOMMERCE.name)
    versions = [analyse(corrected("71.86", f"7{i}.86"), f"v{i}.txt") for i in range(2, 6)]
    results, barrier = [], threading.Barrier(8)

    def go(a):
        barrier.wait()
        results.append(store(db, a))

    threads = [threading.Thread(target=go, args=(a,)) for a in [analysis] * 4 + versions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(r.status for r in results)
    assert statuses.count("duplicate") == 3 and len(results) == 8
    with db.session() as s:
        docs = s.scalars(select(Document)).all()
        assert len(docs) == 5 and sorted(d.version for d in docs) == [1, 2, 3, 4, 5]
        assert sum(d.current for d in docs) == 1


def test_migrations_match_the_models(db):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from yusuan.store.schema import Base

    def modelled(name, type_, parent_names):  # the full-text indexes are the database's own, not the models'
        return not (name or "").startswith(("search_fts", "ix_search_entries_trgm"))

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"include_name": modelled}), Base.metadata)
    assert diff == []


def test_bad_database_urls_fail_in_one_line(tmp_path):
    with pytest.raises(DatabaseError, match="无法识别的数据库地址"):
        Database("nosuchdb://x")
    with pytest.raises(DatabaseError, match="无法打开数据库"):
        Database(f"sqlite:///{tmp_path}/missing-dir/x.db")
    with pytest.raises(DatabaseError, match="还没有数据"):
        Database(f"sqlite:///{tmp_path}/empty.db", upgrade=False)


def test_import_and_export_commands(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    bad = tmp_path / "docs" / "notes.txt"
    bad.parent.mkdir()
    bad.write_text("会议纪要：今天讨论了明年的工作安排。\n", encoding="utf-8")
    (tmp_path / "docs" / "ecommerce.txt").write_bytes(ECOMMERCE.read_bytes())
    r = runner.invoke(app, ["import", str(tmp_path / "docs"), "--db", url])
    assert r.exit_code == 1 and "新导入" in r.output and "似乎不是预算公开文件" in r.output
    r = runner.invoke(app, ["import", str(ECOMMERCE), "--db", url])
    assert r.exit_code == 0 and "已存在" in r.output
    r = runner.invoke(app, ["import", str(tmp_path / "nope.txt"), "--db", url])
    assert r.exit_code == 2 and "文件不存在" in r.output
    out = tmp_path / "all.csv"
    r = runner.invoke(app, ["export", "--db", url, "-f", "csv", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(ex.HEADERS[f] for f in ex.FIELDS)
    r = runner.invoke(app, ["export", "--db", url, "-f", "csv", "--names", "-o", str(out)])
    assert r.exit_code == 0 and out.read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(ex.FIELDS)
    r = runner.invoke(app, ["export", "--db", url, "-f", "fdp", "-o", str(tmp_path / "pkg")])
    assert r.exit_code == 0 and (tmp_path / "pkg" / "datapackage.json").exists()
    r = runner.invoke(app, ["export", "--db", f"sqlite:///{tmp_path / 'none.db'}", "-o", str(tmp_path / "x.csv")])
    assert r.exit_code == 2 and "还没有数据" in r.output and not (tmp_path / "x.csv").exists()


def test_one_chunk_with_two_versions_and_a_copy(db):
    from yusuan.store.ingest import store_many

    first = analyse(ECOMMERCE.read_bytes(), "a.txt")
    copy = analyse(ECOMMERCE.read_bytes(), "copy-of-a.txt")
    second = analyse(corrected(), "b.txt")
    results = store_many(db, [first, copy, second], {})
    assert [(r.status, r.version) for r in results] == [("new", 1), ("duplicate", 1), ("version", 2)]
    assert results[1].document_id == results[0].document_id
    with db.session() as s:
        docs = s.scalars(select(Document).order_by(Document.id)).all()
        assert [(d.version, d.current) for d in docs] == [(1, False), (2, True)]
        assert s.scalar(select(func.count()).select_from(Original)) == 2
        assert s.scalar(select(func.count()).select_from(Figure).where(Figure.document_id == docs[1].id)) == \
            s.scalar(select(func.count()).select_from(Figure).where(Figure.document_id == docs[0].id))


def test_a_chunk_costs_a_few_statements_whatever_its_size(db):
    """Storing a chunk asks its questions (stored already? which units? last versions?) once for all
    its documents; per document there remains only the insert of a unit never seen before (and on
    SQLite its document row: SQLAlchemy inserts rows one by one there to return their ids in
    order). The second chunk republishes the first's units, so it creates none; two of its files
    carry the figures already stored (another file of the same version: one insert for both)."""
    from sqlalchemy import event

    from yusuan.store.ingest import store_many

    statements = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))

    def per_chunk() -> int:
        documents = sum(1 for st in statements if st.startswith("INSERT INTO documents"))
        assert documents in (1, sum(r.status in ("new", "version") for r in results)), statements
        return len(statements) - documents

    chunk = [analyse(p.read_bytes(), p.name) for p in SAMPLES]
    results = store_many(db, chunk, {})
    assert [r.status for r in results] == ["new"] * 3
    first = per_chunk()
    with db.session() as s:
        units = s.scalar(select(func.count()).select_from(Unit))
    assert units == 4 and first <= 13 + units, statements
    statements.clear()
    chunk = [analyse(corrected("71.86", f"71.9{k}"), f"v{k}.txt") for k in range(5)]
    chunk += [analyse(BIGDATA.read_bytes() + b"\n", "bigdata-again.txt"), analyse(EGOV.read_bytes() + b"\n", "e.txt")]
    results = store_many(db, chunk, {})
    assert [(r.status, r.version) for r in results] == [("version", k) for k in range(2, 7)] + [("same", 1)] * 2
    assert per_chunk() <= 13, statements


def test_documents_without_a_year_number_their_versions_once(db):
    """A unique constraint lets NULLs differ, so the versions of year-less documents have an index
    of their own: two of them cannot both be version 1 (as two concurrent writers could make them)."""
    from sqlalchemy import update
    from sqlalchemy.exc import IntegrityError

    first, second = analyse(ECOMMERCE.read_bytes(), "a.txt"), analyse(corrected(), "b.txt")
    for a in (first, second):
        a.model["year"] = None
        a.model_json = ""  # stored from the model as changed
    results = [store(db, a) for a in (first, second)]
    assert [(r.status, r.year, r.version) for r in results] == [("new", None, 1), ("version", None, 2)]
    with pytest.raises(IntegrityError):
        with db.session() as s:
            s.execute(update(Document).where(Document.id == results[1].document_id).values(version=1))


BUDGET_2024 = EXAMPLES.parent / "tests" / "fixtures" / "shanghai-budget-2024.txt"  # the 预算 of the planning bureau whose 决算 is below
FINAL_2024 = EXAMPLES / "shanghai-putuo-planning-2024-final.pdf"


def test_budget_and_final_of_one_unit_and_year_are_both_current(db):
    """A 决算 is not a new version of the 预算 of its year: both stay current, each with its versions,
    and lists, comparisons and exports tell them apart."""
    budget, final = _import(db, BUDGET_2024), _import(db, FINAL_2024)
    assert (budget.status, final.status) == ("new", "new")
    # a line added that states no figure: the same content, another file of version 1
    assert store(db, analyse(BUDGET_2024.read_bytes() + "\n（更正版）\n".encode(), "budget-v1b.txt")).status == "same"
    text = BUDGET_2024.read_text(encoding="utf-8").replace("其中基本支出4961.60万元", "其中基本支出4961.50万元", 1)
    again = store(db, analyse(text.encode(), "budget-v2.txt"))  # a sentence's figure corrected: a new version
    assert again.status == "version"
    with db.session() as s:
        docs = {(d.doc_type, d.version): d for d in s.scalars(select(Document))}
        assert set(docs) == {("budget", 1), ("budget", 2), ("final", 1)}
        assert [d.current for k, d in sorted(docs.items())] == [False, True, True]
        assert docs[("final", 1)].unit_id == docs[("budget", 1)].unit_id and docs[("final", 1)].year == 2024
        assert [d.doc_type for d in q.versions(s, docs[("final", 1)])] == ["final"]
        assert q.documents(s, q.DocumentFilter(doc_type="final"))[0] == 1
        assert q.documents(s, q.DocumentFilter(doc_type="budget"))[0] == 1
        finals = q.comparison(s, 2024, doc_type="final")
        # 决算 支出总计 of the planning bureau (收入支出决算表, page 7 of the PDF: 总计 9859.38)
        assert [(r["unit"], r["doc_type"], str(r["expenditure_total"])) for r in finals] == [
            ("上海市普陀区规划和自然资源局", "final", "9859.38")]
        assert [r["doc_type"] for r in q.comparison(s, 2024)] == ["budget"]  # 预算 by default, never mixed
        _, history, _ = q.unit_history(s, docs[("final", 1)].unit_id)
        assert [(r["year"], r["doc_type"]) for r in history] == [(2024, "budget"), (2024, "final")]


def test_migration_to_doc_type_keeps_every_document(tmp_path):
    """A database written before 决算 were stored (revision 0003) is upgraded in place: its documents
    become 预算 (all it could hold) and keep their versions."""
    from alembic import command
    from sqlalchemy import MetaData, create_engine, insert

    from yusuan.store.database import alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0003")
        meta = MetaData()
        meta.reflect(conn)
        assert "doc_type" not in meta.tables["documents"].c
        for c in "ab":
            conn.execute(insert(meta.tables["originals"]).values(sha256=c * 64, data=b"x", size=1, format="text"))
        conn.execute(insert(meta.tables["units"]).values(id=1, name="某单位", key="某单位", norm_name="某单位"))
        for v in (1, 2):
            conn.execute(insert(meta.tables["documents"]).values(
                id=v, sha256=" ab"[v] * 64, filename="x.txt", unit_id=1, year=2023, scope="unit", version=v,
                current=v == 2, unit_name="某单位", format="text", pages=1, errors=0, warnings=0, infos=0,
                ruleset="r", yusuan_version="0", imported_at=datetime(2026, 1, 1), model="{}"))
    engine.dispose()
    db = Database(url)  # upgrades to head
    with db.session() as s:
        assert [(d.version, d.current, d.doc_type) for d in s.scalars(select(Document).order_by(Document.id))] == [
            (1, False, "budget"), (2, True, "budget")]
    r = _import(db, FINAL_2024)
    assert r.status == "new"
    db.dispose()


def test_migration_to_headline_fills_it_from_each_model(tmp_path):
    """Documents stored before revision 0006 get their headline (totals, 类 totals) from their model,
    so comparisons read the same figures without parsing whole models."""
    from alembic import command
    from sqlalchemy import MetaData, create_engine, insert

    from yusuan.store import queries as q
    from yusuan.store.database import alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    model = {"unit_name": "某单位", "facts": {"totals": {"expenditure_total": "87.02", "basic": "80.82", "x": "1"},
                                            "function_class_totals": [{"code": "201", "name": "一般公共服务",
                                                                       "total": "87.02", "extra": 1}]},
             "tables": [{"title": "big"}] * 50}
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0005")
        meta = MetaData()
        meta.reflect(conn)
        conn.execute(insert(meta.tables["originals"]).values(sha256="a" * 64, data=b"x", size=1, format="text"))
        conn.execute(insert(meta.tables["units"]).values(id=1, name="某单位", key="某单位", norm_name="某单位"))
        conn.execute(insert(meta.tables["documents"]).values(
            id=1, sha256="a" * 64, filename="x.txt", unit_id=1, year=2023, scope="unit", doc_type="budget", version=1,
            current=True, unit_name="某单位", format="text", pages=1, errors=0, warnings=0, infos=0, ruleset="r",
            yusuan_version="0", imported_at=datetime(2026, 1, 1), model=json.dumps(model, ensure_ascii=False)))
    engine.dispose()
    db = Database(url)  # upgrades to head
    with db.session() as s:
        d = s.get(Document, 1)
        assert d.headline == {"facts": {"totals": {"expenditure_total": "87.02", "basic": "80.82"},
                                        "function_class_totals": [{"code": "201", "name": "一般公共服务", "total": "87.02"}]}}
        row = q.comparison(s, 2023)[0]
        assert (row["expenditure_total"], row["basic_share"]) == (Decimal("87.02"), Decimal("92.88"))  # 80.82 ÷ 87.02
        assert row["functions"] == {"201": ("一般公共服务支出", Decimal("87.02"))}
    db.dispose()


def test_migration_to_search_indexes_stored_documents(tmp_path):
    """Documents stored before revision 0007 are searchable after the upgrade (entries from their models)."""
    from alembic import command
    from sqlalchemy import create_engine

    from yusuan.store.database import alembic_config
    from yusuan.store.ingest import analyse
    from yusuan.store.search import search

    url = f"sqlite:///{tmp_path / 'old.db'}"
    db = Database(url)
    fingerprint = analyse(ECOMMERCE.read_bytes(), ECOMMERCE.name).content
    _import(db, ECOMMERCE)
    db.dispose()
    engine = create_engine(url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0006")
    engine.dispose()
    db = Database(url)  # upgrades to head again: 0007 fills search_entries from the stored model
    with db.session() as s:
        total, hits = search(s, "2011350")
        assert total == 1 and hits[0].text == "2011350 事业运行" and hits[0].unit_name == "焦作市电子商务发展服务中心"
        assert s.get(Document, hits[0].document_id).content_sha == fingerprint  # 0008 fills it from the figures
    db.dispose()


@pytest.fixture(scope="module")
def ecommerce_formats(tmp_path_factory):
    """The ecommerce sample converted by `yusuan convert` to DOCX, HTML and XLSX: the same figures."""
    out = tmp_path_factory.mktemp("formats")
    runner = CliRunner()
    for fmt in ("docx", "html", "xlsx"):
        r = runner.invoke(app, ["convert", str(ECOMMERCE), "-o", str(out / f"ecommerce.{fmt}")])
        assert r.exit_code == 0, r.output
    return [out / f"ecommerce.{fmt}" for fmt in ("docx", "html", "xlsx")]


def test_one_version_per_content_whatever_the_format(db, ecommerce_formats):
    """The same budget as text, DOCX, HTML and XLSX is one version with four files; a file with
    another figure (事业运行 71.86 → 71.96) is version 2, and the diff names that figure."""
    from yusuan.store import version_diff
    from yusuan.store.ingest import analyse

    first = _import(db, ECOMMERCE)
    assert first.status == "new"
    others = [_import(db, p) for p in ecommerce_formats]
    assert [(r.status, r.version, r.document_id) for r in others] == [("same", 1, first.document_id)] * 3
    assert _import(db, ecommerce_formats[0]).status == "duplicate"  # the same file again
    v2 = store(db, analyse(corrected(), "ecommerce-corrected.txt"))
    assert (v2.status, v2.version) == ("version", 2)
    with db.session() as s:
        d1, d2 = s.get(Document, first.document_id), s.get(Document, v2.document_id)
        assert sorted(f.format for f in d1.files) == ["docx", "html", "xlsx"] and not d2.files
        assert (d1.current, d2.current) == (False, True)
        diff = version_diff.diff(s, d1, d2)
        assert not diff.same_content and not diff.added and not diff.removed
        changed = {(c.table, c.row, c.column, c.printed_before, c.printed_after) for c in diff.changed}
        assert ("支出表", "事业运行", "合计", "71.86", "71.96") in changed
        assert all(c.before == Decimal("71.86") and c.after == Decimal("71.96") for c in diff.changed)
        # the changed figure no longer adds up, nor agrees with the other tables that print it
        assert {"YS101", "YS309", "YS310"} <= {f["code"] for f in diff.new} and not diff.fixed
        assert version_diff.diff(s, d1, d1).same_content


def test_same_content_means_same_figures_and_no_contrary_narrative():
    from yusuan.store.content import content_key, narrative_key, same_content

    figures = [("expenditure", "事业运行", "2011350", "total", "71.86"), ("expenditure", "合 计", None, "total", "87.02")]
    key = content_key(figures)
    assert key == content_key(reversed([("expenditure", "事业运行", "2011350", "total", "71.860"),
                                        ("expenditure", "合计", None, "total", "87.02")]))  # order, spaces, zeros
    assert key != content_key([("expenditure", "事业运行", "2011350", "total", "71.96"), figures[1]])
    said = narrative_key([("expenditure_total", "支出总计", "87.02", "", "", "", "")])
    assert narrative_key([]) is None
    assert same_content(key, said, key, None)  # a workbook of the tables only: the same version's file
    assert same_content(key, said, key, said)
    assert not same_content(key, said, key, narrative_key([("expenditure_total", "支出总计", "87.12", "", "", "", "")]))
    assert not same_content(None, None, None, None) and not same_content("", None, "", None)
