"""The disclosure model (部门/单位预算公开文件的结构化模型). No I/O here."""

from yusuan.model.amount import Amount, parse_amount, WAN, YUAN
from yusuan.model.location import Location
from yusuan.model.disclosure import (
    Cell, Column, Disclosure, Narrative, Row, Statement, Table, TableKind,
)

__all__ = [
    "Amount", "parse_amount", "WAN", "YUAN", "Location", "Cell", "Column", "Disclosure",
    "Narrative", "Row", "Statement", "Table", "TableKind",
]
