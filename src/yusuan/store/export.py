"""Export the stored figures in tidy long form (one amount per row) and as a Fiscal Data Package.

Columns: unit, unit_code, region, year, scope, doc_type, version, document_id, table, table_title, row,
code, code_scheme, column, column_role, amount (万元, exact), printed, print_unit, page, line, cell.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Iterator

from sqlalchemy import select

from yusuan.model.disclosure import KIND_LABELS, TableKind
from yusuan.store.database import Database
from yusuan.store.schema import Document, Figure, Unit

FIELDS = ["unit", "unit_code", "region", "year", "scope", "doc_type", "version", "document_id", "table", "table_title", "row",
          "code", "code_scheme", "column", "column_role", "amount", "printed", "print_unit", "page", "line", "cell"]
FORMATS = ("csv", "xlsx", "json", "parquet", "fdp")
DESCRIPTIONS = {
    "unit": "预算单位（部门）名称", "unit_code": "单位代码", "region": "地区", "year": "预算年度",
    "scope": "unit 单位 / department 部门", "doc_type": "budget 预算 / final 决算 / adjusted 调整预算",
    "version": "同一单位同一年度同一类型文件的第几次公开",
    "document_id": "文件编号", "table": "表的类别", "table_title": "表名（原文）", "row": "行名（原文）",
    "code": "科目或项目编码", "code_scheme": "function 支出功能分类 / economic 经济分类 / unit / project",
    "column": "列名", "column_role": "列的语义", "amount": "金额（万元）", "printed": "原文印刷的数字",
    "print_unit": "原文金额单位", "page": "页", "line": "行号", "cell": "工作表!单元格",
}


# Column headers of CSV and XLSX files (headers="zh"): what a reader of the sheet needs, in
# Chinese; JSON, Parquet and the data package keep the machine names (their schemas document them).
HEADERS = {
    "unit": "单位", "unit_code": "单位代码", "region": "地区", "year": "年度", "scope": "范围（unit 单位 / department 部门）",
    "doc_type": "文件类型（budget 预算 / final 决算）", "version": "版本", "document_id": "文件编号", "table": "表",
    "table_title": "表名", "row": "行", "code": "编码", "code_scheme": "编码体系", "column": "列", "column_role": "列的语义",
    "amount": "金额（万元）", "printed": "原文数字", "print_unit": "原文单位", "page": "页", "line": "行号",
    "cell": "单元格", "expenditure_total": "支出总计（万元）", "basic": "基本支出（万元）", "project": "项目支出（万元）",
    "basic_share": "基本支出占比（%）", "project_share": "项目支出占比（%）", "three_public_total": "“三公”经费（万元）",
    "abroad": "因公出国（境）费（万元）", "vehicle_purchase": "公务用车购置费（万元）",
    "vehicle_operation": "公务用车运行维护费（万元）", "reception": "公务接待费（万元）",
    "three_public_share": "“三公”经费占比（%）", "operating_expenses": "机关运行经费（万元）", "errors": "错误",
    "warnings": "警告",
}
AMOUNT_FORMAT = "#,##0.00"  # two decimals, as the documents print 万元


def header_row(fields: list[str], headers: str = "zh") -> list[str]:
    return [HEADERS.get(f, f) for f in fields] if headers == "zh" else list(fields)


def rows(db: Database, year: int | None = None, all_versions: bool = False,
         document_id: int | None = None) -> Iterator[dict]:
    """Every stored amount, one dict per figure; current versions only unless `all_versions`."""
    q = (select(Figure, Document.unit_name, Document.year, Document.scope, Document.doc_type, Document.version, Unit.code,
                Unit.region)
         .join(Document, Figure.document_id == Document.id).join(Unit, Document.unit_id == Unit.id)
         .order_by(Document.id, Figure.id))
    if not all_versions:
        q = q.where(Document.current)
    if year is not None:
        q = q.where(Document.year == year)
    if document_id is not None:
        q = q.where(Document.id == document_id)
    with db.session() as s:
        for f, unit, yr, scope, doc_type, version, code, region in s.execute(q).yield_per(2000):
            yield {"unit": unit, "unit_code": code, "region": region, "year": yr, "scope": scope, "doc_type": doc_type,
                   "version": version, "document_id": f.document_id, "table": _kind_label(f.table_kind),
                   "table_title": f.table_title, "row": f.row_label, "code": f.code, "code_scheme": f.code_scheme,
                   "column": f.column_label, "column_role": f.column, "amount": f.amount, "printed": f.printed,
                   "print_unit": f.print_unit, "page": f.page, "line": f.line, "cell": f.cell}


def _kind_label(kind: str) -> str:
    try:
        return KIND_LABELS[TableKind(kind)]
    except (ValueError, KeyError):
        return kind


def _text(v) -> str:
    return "" if v is None else str(v)


def csv_text(records: Iterable[dict], fields: list[str] = FIELDS, headers: str = "names") -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header_row(fields, headers))
    for r in records:
        w.writerow([_text(r.get(k)) for k in fields])
    return out.getvalue()


def write(records: Iterable[dict], path: Path, fmt: str, fields: list[str] = FIELDS, sheet: str = "预算数据",
          headers: str = "zh") -> int:
    """Write the records to `path` in `fmt`; returns how many were written. `fields` and `sheet`
    serve other tables of records (the comparison page's) in CSV and XLSX, whose first row is
    Chinese (`headers` 'zh') or the machine names ('names')."""
    records = list(records)
    if fmt == "csv":
        path.write_text(csv_text(records, fields, headers), encoding="utf-8-sig")  # the BOM lets Excel read UTF-8
    elif fmt == "json":
        path.write_text(json.dumps([{k: (str(v) if isinstance(v, Decimal) else v) for k, v in r.items()}
                                    for r in records], ensure_ascii=False, indent=1), encoding="utf-8")
    elif fmt == "xlsx":
        _xlsx(records, path, fields, sheet, headers)
    elif fmt == "parquet":
        _parquet(records, path)
    elif fmt == "fdp":
        _datapackage(records, path)
    else:  # pragma: no cover - the CLI offers only FORMATS
        raise ValueError(fmt)
    return len(records)


def _xlsx(records: list[dict], path: Path, fields: list[str], sheet: str, headers: str = "zh") -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    titles = header_row(fields, headers)
    for i, t in enumerate(titles, 1):
        ws.column_dimensions[get_column_letter(i)].width = min(40, max(8, len(t) * 2 + 2))
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for t in titles:
        c = WriteOnlyCell(ws, value=t)
        c.font = bold
        head.append(c)
    ws.append(head)
    for r in records:
        line = []
        for k in fields:
            v = r.get(k)
            if isinstance(v, Decimal):  # exact numbers in the cell, shown with two decimals
                c = WriteOnlyCell(ws, value=v)
                c.number_format = AMOUNT_FORMAT
                line.append(c)
            else:
                line.append(v)
        ws.append(line)
    wb.save(path)


def _parquet(records: list[dict], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"year": pa.int32(), "version": pa.int32(), "document_id": pa.int64(), "page": pa.int32(),
             "line": pa.int32(), "amount": pa.decimal128(38, 10)}
    schema = pa.schema([(k, types.get(k, pa.string())) for k in FIELDS])
    columns = {k: [r[k] for r in records] for k in FIELDS}
    pq.write_table(pa.table(columns, schema=schema), path)


def _datapackage(records: list[dict], folder: Path) -> None:
    """A Fiscal Data Package: the CSV and a datapackage.json with its fiscal model."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "budget.csv").write_text(csv_text(records), encoding="utf-8")
    field_types = {"year": "year", "version": "integer", "document_id": "integer", "amount": "number",
                   "page": "integer", "line": "integer"}
    descriptor = {
        "name": "yusuan-budget-disclosures",
        "title": "部门预算/单位预算公开数据",
        "profile": "fiscal-data-package",
        "resources": [{
            "name": "budget", "path": "budget.csv", "format": "csv", "encoding": "utf-8",
            "profile": "tabular-data-resource",
            "schema": {"fields": [{"name": k, "type": field_types.get(k, "string"), "description": DESCRIPTIONS[k]}
                                  for k in FIELDS]},
        }],
        "model": {
            "measures": {"amount": {"source": "amount", "currency": "CNY", "factor": 10000,
                                    "title": "金额（万元）"}},
            "dimensions": {
                "organisation": {"dimensionType": "entity", "primaryKey": ["unit_code", "unit"],
                                 "attributes": {"unit": {"source": "unit"}, "unit_code": {"source": "unit_code"},
                                                "region": {"source": "region"}}},
                "date": {"dimensionType": "datetime", "primaryKey": ["year"],
                         "attributes": {"year": {"source": "year"}}},
                "classification": {"dimensionType": "classification", "primaryKey": ["code"],
                                   "classificationType": "functional",
                                   "attributes": {"code": {"source": "code"}, "label": {"source": "row"},
                                                  "scheme": {"source": "code_scheme"}}},
                "table": {"dimensionType": "other", "primaryKey": ["table", "column"],
                          "attributes": {"table": {"source": "table"}, "column": {"source": "column"}}},
                "phase": {"dimensionType": "other", "primaryKey": ["doc_type"],  # 预算 approved / 决算 executed
                          "attributes": {"doc_type": {"source": "doc_type"}}},
                "level": {"dimensionType": "other", "primaryKey": ["scope"],
                          "attributes": {"scope": {"source": "scope"}}},
            },
        },
        "fiscalPeriod": {"start": f"{min((r['year'] for r in records if r['year']), default=2000)}-01-01",
                         "end": f"{max((r['year'] for r in records if r['year']), default=2000)}-12-31"},
        "countryCode": "CN",
        "budgetType": "budget",
        "granularity": "aggregated",
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
