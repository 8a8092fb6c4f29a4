"""部门预算支出经济分类 → 政府预算支出经济分类, by the kind of unit.

The two classifications are tied by the Ministry of Finance's table of correspondence (财预〔2017〕98号):
a 行政 unit (and a unit managed like one, 参照公务员法管理 / 参公) books 30101 基本工资 as 50101
工资奖金津补贴 and 30201 办公费 as 50201 办公经费; a 事业 unit books every 301 item as 50501 工资福利支出
and every 302 item as 50502 商品和服务支出 (对事业单位经常性补助), its 310 items as 506 (资本性补助); 303
对个人和家庭的补助 is 509 for both (30302 退休费 → 50905 离退休费). `data/economic_mapping.csv` lists,
for every 部门经济分类 款 and kind of unit, the 政府经济分类 款 it may be booked as (the first is the
usual one), with the sources: the circular, and the published documents where the pair is printed.

    gov_codes("30302", "事业") -> ("50905",)
    default_gov("30201", "行政") -> ("50201", "办公经费")
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

# the unit types a budget officer writes, and the kind of unit the correspondence is by
UNIT_TYPES = {"行政": "机关", "行政单位": "机关", "参公": "机关", "参照公务员法管理": "机关", "参公单位": "机关",
              "机关": "机关", "事业": "事业", "事业单位": "事业", "公益一类": "事业", "公益二类": "事业"}
UNIT_TYPE_CHOICES = ("行政", "参公", "事业")


def unit_kind(unit_type: str) -> str | None:
    """'机关' or '事业' for a unit type as written; None for one not known."""
    return UNIT_TYPES.get((unit_type or "").strip())


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], tuple[str, ...]]:
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    with (resources.files("yusuan.reference") / "data" / "economic_mapping.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[(row["dept_code"], row["unit_kind"])] = tuple(row["gov_codes"].split("|"))
    return out


def gov_codes(dept_code: str, unit_type: str) -> tuple[str, ...]:
    """The 政府经济分类 款 a 部门经济分类 款 may be booked as in a unit of this type (the usual one
    first); () when the pair is not listed."""
    kind = unit_kind(unit_type) or unit_type
    return _table().get((dept_code, kind), ())


def any_gov_codes(dept_code: str) -> tuple[str, ...]:
    """What the 款 may be booked as in a unit of either kind (the document does not say which)."""
    return gov_codes(dept_code, "机关") + gov_codes(dept_code, "事业")


def default_gov(dept_code: str, unit_type: str) -> tuple[str, str]:
    """The usual 政府经济分类 款 (code, name) of a 部门经济分类 款 in a unit of this type; a 款 not
    listed falls back to its 类's catch-all (302xx → 50299 / 50502)."""
    from yusuan.reference.catalogue import catalogue

    codes = gov_codes(dept_code, unit_type) or gov_codes(dept_code[:3] + "99", unit_type) or ("",)
    names = catalogue().gov_economic.get(codes[0], [""])
    return codes[0], names[0]
