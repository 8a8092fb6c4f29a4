"""Chart specifications for plotly.js (drawn in the browser by the partial bundle /assets/plotly-basic.min.js).

Amounts go to the browser as decimal strings; plotly reads them as numbers for display only.
"""

from __future__ import annotations

from yusuan.store.queries import THREE_PUBLIC, TOTALS, unit_labels

FONT = {"family": "WenQuanYi Micro Hei, Microsoft YaHei, PingFang SC, sans-serif", "size": 12}


def _layout(title: str, **extra) -> dict:
    return {"title": {"text": title}, "font": FONT, "margin": {"l": 60, "r": 20, "t": 50, "b": 60},
            "legend": {"orientation": "h"}, "yaxis": {"title": {"text": "万元"}}, **extra}


def _s(v) -> str | None:
    return None if v is None else str(v)


def _hover(axis: str) -> str:
    """A tooltip with the figure as printed (two decimals) and its unit."""
    return "%{fullData.name}<br>%{" + ("y" if axis == "x" else "x") + "}<br>%{" + axis + ":,.2f} 万元<extra></extra>"


def _bars(x: list, rows: list[dict], keys: tuple[str, ...], labels: dict, horizontal: bool = False) -> list[dict]:
    traces = []
    for k in keys:
        values = [_s(r.get(k)) for r in rows]
        if any(v is not None for v in values):
            trace = {"type": "bar", "name": labels[k], "hovertemplate": _hover("x" if horizontal else "y")}
            trace.update({"y": x, "x": values, "orientation": "h"} if horizontal else {"x": x, "y": values})
            traces.append(trace)
    return traces


def unit_charts(history: list[dict]) -> list[dict]:
    """A unit across years: 基本/项目, 三公 per item, the function structure by 类."""
    years = [f"{r['year']}{'（部门）' if r['scope'] == 'department' else ''}{'决算' if r.get('doc_type') == 'final' else ''}"
             for r in history]
    charts = [{"id": "chart-totals", "data": _bars(years, history, ("basic", "project"), TOTALS),
               "layout": _layout("历年支出：基本支出与项目支出", barmode="stack", xaxis={"type": "category"})},
              {"id": "chart-three-public", "data": _bars(years, history, THREE_PUBLIC, TOTALS),
               "layout": _layout("历年“三公”经费（分项）", barmode="group", xaxis={"type": "category"})}]
    codes = sorted({c for r in history for c in r["functions"]})  # one series per 类 code, however worded
    names = {c: n for r in history for c, (n, _) in r["functions"].items()}
    structure = [{"type": "bar", "name": f"{c} {names[c]}", "x": years, "hovertemplate": _hover("y"),
                  "y": [_s(r["functions"][c][1]) if c in r["functions"] else None for r in history]} for c in codes]
    charts.append({"id": "chart-functions", "data": structure,
                   "layout": _layout("历年支出结构（按支出功能分类·类）", barmode="stack", xaxis={"type": "category"})})
    return [c for c in charts if c["data"]]


def budget_final_charts(pairs: list[dict]) -> list[dict]:
    """Each year with both: the figures as budgeted (预算) beside them as spent (决算)."""
    charts = []
    for p in pairs:
        rows = [r for r in p["rows"] if r["key"] in ("expenditure_total", "basic", "project", "personnel", "public")]
        labels = [r["label"] for r in rows]
        data = [{"type": "bar", "name": name, "x": labels, "y": [_s(r[key]) for r in rows]}
                for key, name in (("budget", "预算"), ("final", "决算"))]
        scope = "（部门）" if p["scope"] == "department" else ""
        charts.append({"id": f"chart-budget-final-{p['year']}-{p['scope']}", "data": data,
                       "layout": _layout(f"{p['year']} 年{scope}预算与决算", barmode="group",
                                         xaxis={"type": "category"})})
    return [c for c in charts if any(v is not None for t in c["data"] for v in t["y"])]


CHART_UNITS = 40  # bars per comparison chart: the first units in the table's order


def comparison_charts(rows: list[dict], part: str = "") -> list[dict]:
    """Bars per unit, one category per unit (never per name: units that print the same name stay
    apart), for the first CHART_UNITS rows in the table's order; `part` names the section (部门 /
    单位) in the chart ids."""
    shown = rows[:CHART_UNITS]
    units = unit_labels(rows)[:len(shown)][::-1]  # horizontal bars read top-down in the table's order
    ordered = shown[::-1]
    height = max(300, 28 * len(shown) + 120)
    suffix = f"-{part}" if part else ""
    first = f"（按表中顺序的前 {len(shown)} 个，共 {len(rows)} 个）" if len(rows) > len(shown) else ""
    charts = [{"id": f"chart-compare-totals{suffix}", "data": _bars(units, ordered, ("basic", "project"), TOTALS, True),
               "layout": _layout(f"支出：基本支出与项目支出{first}", barmode="stack", height=height,
                                 margin={"l": 260, "r": 20, "t": 50, "b": 40}, xaxis={"title": {"text": "万元"}},
                                 yaxis={"automargin": True})},
              {"id": f"chart-compare-three-public{suffix}", "data": _bars(units, ordered, THREE_PUBLIC, TOTALS, True),
               "layout": _layout(f"“三公”经费（分项）{first}", barmode="stack", height=height,
                                 margin={"l": 260, "r": 20, "t": 50, "b": 40}, xaxis={"title": {"text": "万元"}},
                                 yaxis={"automargin": True})}]
    return [c for c in charts if c["data"]]
