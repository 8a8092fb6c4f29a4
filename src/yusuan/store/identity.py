"""Who a document is about: a unit followed across years by its code or its normalised name."""

from __future__ import annotations

import re
import unicodedata

_SUFFIXES = ("部门预算公开", "单位预算公开", "部门预算", "单位预算", "预算公开", "预算")
_YEAR = re.compile(r"^\s*(?:19|20)\d{2}\s*年(?:度)?")
_SPACE = re.compile(r"\s+")
# Leading administrative divisions: a province, then a prefecture-level city, then a county.
_PROVINCE = re.compile(r"^(.{2,6}?(?:省|自治区|特别行政区)|北京市|天津市|上海市|重庆市)")
_CITY = re.compile(r"^(.{2,4}?(?:市|自治州|州|盟|地区))")
_COUNTY = re.compile(r"^(.{1,4}?(?:县|区|旗))")
_NOT_COUNTY = ("管理区", "示范区", "开发区", "新区", "园区", "景区", "城区管理")


def normalise_name(name: str) -> str:
    """'2024年 焦作市政务服务和大数据管理局（本级）部门预算' → '焦作市政务服务和大数据管理局(本级)'."""
    n = unicodedata.normalize("NFKC", name or "")  # full-width brackets and digits become ASCII
    n = _SPACE.sub("", _YEAR.sub("", n))
    for s in _SUFFIXES:
        if n.endswith(s) and len(n) > len(s):
            n = n[: -len(s)]
            break
    return n


def region_of(name: str) -> str | None:
    """The administrative region a unit's name starts with: '焦作市电子商务发展服务中心' → '焦作市'."""
    n = normalise_name(name)
    parts = []
    for pattern in (_PROVINCE, _CITY, _COUNTY):
        m = pattern.match(n)
        if m and not (pattern is _COUNTY and any(n.startswith(m.group(1)[:-1] + w) for w in _NOT_COUNTY)):
            parts.append(m.group(1))
            n = n[m.end():]
    return "".join(parts) or None


def unit_key(code: str | None, name: str) -> str:
    return f"code:{code}" if code else f"name:{normalise_name(name)}"
