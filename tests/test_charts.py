"""Chart specifications: series keyed by what they are (a 类 code, a unit), never by a printed name."""

from __future__ import annotations

from decimal import Decimal

from yusuan.serve.charts import comparison_charts, unit_charts
from yusuan.store.queries import function_classes, unit_labels


def _model(*totals: dict) -> dict:
    return {"facts": {"function_class_totals": list(totals)}}


def test_function_classes_are_one_series_per_code_however_worded():
    a = function_classes(_model({"code": "207", "name": "文化旅游体育与传媒", "total": "1.50"}))
    b = function_classes(_model({"name": "（七）文化体育旅游与传媒支出", "total": "2.25"},
                                {"code": "201", "name": "一般公共服务", "total": "3.00"}))
    assert a == {"207": ("文化旅游体育与传媒支出", Decimal("1.50"))}
    assert b["207"] == ("文化旅游体育与传媒支出", Decimal("2.25"))
    history = [{"year": 2023, "scope": "unit", "doc_type": "budget", "functions": a},
               {"year": 2024, "scope": "unit", "doc_type": "budget", "functions": b}]
    chart = next(c for c in unit_charts(history) if c["id"] == "chart-functions")
    assert [(t["name"], t["y"]) for t in chart["data"]] == [("201 一般公共服务支出", [None, "3.00"]),
                                                           ("207 文化旅游体育与传媒支出", ["1.50", "2.25"])]


def _row(unit_id: int, name: str, code: str | None, region: str | None, basic: str, scope: str = "unit") -> dict:
    return {"unit_id": unit_id, "unit": name, "unit_code": code, "region": region, "scope": scope,
            "basic": Decimal(basic), "project": Decimal("1.00")}


def test_units_sharing_a_name_are_separate_bars():
    rows = [_row(1, "县财政局", "101001", "甲县", "10.00"), _row(2, "县财政局", "202001", "乙县", "20.00"),
            _row(3, "县财政局", None, "丙县", "30.00"), _row(4, "县财政局", None, None, "40.00"),
            _row(5, "县教育局", None, None, "5.00")]
    labels = unit_labels(rows)
    assert labels == ["县财政局〔101001〕", "县财政局〔202001〕", "县财政局〔丙县·#3〕", "县财政局〔#4〕", "县教育局"]
    bars = comparison_charts(rows, "unit")[0]["data"][0]
    assert bars["y"] == labels[::-1] and bars["x"] == ["5.00", "40.00", "30.00", "20.00", "10.00"]
    assert unit_labels([_row(6, "县财政局", None, None, "1", scope="department")]) == ["县财政局（部门）"]


def test_comparison_charts_show_the_first_units_of_a_long_table():
    from yusuan.serve.charts import CHART_UNITS

    rows = [_row(i, f"单位{i:04d}", f"{i:06d}", None, f"{i}.00") for i in range(1, 1001)]
    totals = comparison_charts(rows, "unit")[0]
    assert len(totals["data"][0]["y"]) == CHART_UNITS and totals["data"][0]["y"][-1] == "单位0001"
    assert f"前 {CHART_UNITS} 个，共 1000 个" in totals["layout"]["title"]["text"]
    assert totals["layout"]["height"] == 28 * CHART_UNITS + 120
