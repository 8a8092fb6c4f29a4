"""A county-style template, unlike the Henan one the samples use: 预算收支总表 / 预算收入总表 /
预算支出总表 keyed by 7-digit codes with 类 and 款 subtotal rows, income by source (一般公共预算,
政府性基金, 国有资本经营预算, 财政专户管理资金, 单位资金, 上年结转), separate 项目支出 tables for
本年预算 and 上年结转, one 绩效目标申报表 per project with amounts in 元, and the 基本支出 forms (人员类,
公用经费) of the whole budget."""

from __future__ import annotations

from decimal import Decimal

from yusuan.synth.budget import CLASS_NAMES, ECON_CLASS_NAMES, KUAN_NAMES, Budget
from yusuan.render.layout import Page, side_by_side
from yusuan.synth.writer import contents, fiscal_table, narrative

YUAN_PER_WAN = Decimal(10000)


def _class_name(code: str) -> str:
    name = CLASS_NAMES[code]
    return name if name.endswith("支出") else name + "支出"


def write_county(b: Budget, style: str) -> str:
    out = Page(style)
    out.text(*contents(b, ("预算收支总表", "预算收入总表", "预算支出总表", "一般公共预算基本支出表", "一般公共预算“三公”经费支出表",
                           "项目支出表（本年预算）", "项目支出表（上年结转）", "财政拨款收支总表", "一般公共预算支出表",
                           "政府性基金预算支出表")))
    out.text(*narrative(b))
    m = out.money
    meta = f"编制单位：{b.unit_name}    金额单位：万元"
    total = b.total

    def table(n: int, title: str, header, rows, note=None, two_sided=False, unit_meta=meta):
        out.table(f"附表{n}", f"{b.year}年{title}", b.unit_name, header, rows, note=note, two_sided=two_sided,
                  meta=unit_meta)

    # 附表1 预算收支总表: no ordinals on the expenditure side, no 其中：财政拨款 line
    left = [("一、一般公共预算", total), ("二、政府性基金预算", None), ("三、国有资本经营预算", None),
            ("四、财政专户管理资金", None), ("五、单位资金", None)]
    right = [(_class_name(c), v) for c, _, v in b.class_totals()]
    rows = side_by_side(out, left, right)
    rows += [["本年收入合计", m(total), "本年支出合计", m(total)], ["上年结转", "", "年终结转结余", ""],
             ["收入总计", m(total), "支出总计", m(total)]]
    table(1, "预算收支总表", [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]], rows, two_sided=True)

    # 附表2 预算收入总表
    head = [["单位编码", "单位名称", "合计", "一般公共预算", "政府性基金", "国有资本经营预算", "财政专户管理资金", "单位资金", "上年结转"]]
    rows = [["", "合计", m(total), m(total), "", "", "", "", ""]]
    rows += [[code, name, m(amt), m(amt), "", "", "", "", ""] for code, name, amt in b.units]
    table(2, "预算收入总表", head, rows)

    # 附表3 预算支出总表: 类, 款 and 项 rows, 7-digit codes
    head = [["科目编码", "科目名称", "合计", "基本支出", "", "", "项目支出"], ["", "", "", "小计", "人员经费", "公用经费", ""]]

    def cells(fs) -> list[str]:
        s = lambda a: sum((getattr(f, a) for f in fs), Decimal("0.00"))  # noqa: E731
        return [m(s("total")), m(s("basic")), m(s("personnel")), m(s("public")), m(s("project"))]

    rows = [["", "合计"] + cells(b.functions)]
    for cls in sorted({f.code[:3] for f in b.functions}):
        in_cls = [f for f in b.functions if f.code[:3] == cls]
        rows.append([cls, _class_name(cls)] + cells(in_cls))
        for kuan in sorted({f.code[:5] for f in in_cls}):
            in_kuan = [f for f in in_cls if f.code[:5] == kuan]
            rows.append([kuan, KUAN_NAMES[kuan]] + cells(in_kuan))
            rows += [[f.code, f.name] + cells([f]) for f in in_kuan]
    table(3, "预算支出总表", head, rows)
    expenditure = (head, rows)

    # 附表4 一般公共预算基本支出表: 经济分类 类 subtotal rows, then 款
    head = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
    rows = [["", "合计", m(b.sum("basic")), m(b.sum("personnel")), m(b.sum("public"))]]
    for cls in sorted({e[0][:3] for e in b.economic}):
        items = [e for e in b.economic if e[0][:3] == cls]
        amt = sum((e[3] for e in items), Decimal("0.00"))
        personnel = cls in ("301", "303")
        rows.append([cls, ECON_CLASS_NAMES[cls], m(amt), m(amt) if personnel else "", "" if personnel else m(amt)])
        rows += [[c, n, m(a), m(a) if personnel else "", "" if personnel else m(a)] for c, n, _, a in items]
    table(4, "一般公共预算基本支出表", head, rows)

    # 附表5 三公
    tp = b.three_public
    head = [["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "小计", "购置费", "运行费", ""]]
    row = [m(b.three_public_total), m(tp["abroad"]), m(b.vehicle_total), m(tp["vehicle_purchase"]),
           m(tp["vehicle_operation"]), m(tp["reception"])]
    table(5, "一般公共预算“三公”经费支出表", head, [row] if b.three_public_total else [],
          note=None if b.three_public_total else "注：本单位无“三公”经费预算，故本表无数据。")

    # 附表6/7 项目支出表 (本年预算, 上年结转)
    head = [["项目名称", "合计", "一般公共预算", "政府性基金", "国有资本经营预算", "财政专户管理资金", "单位资金"]]
    rows = [["合计", m(b.sum("project")), m(b.sum("project")), "", "", "", ""]] if b.projects else []
    rows += [[name, m(amt), m(amt), "", "", "", ""] for _, name, amt in b.projects]
    table(6, "项目支出表（本年预算）", head, rows, note=None if b.projects else "注：本单位没有项目支出，故本表无数据。")
    table(7, "项目支出表（上年结转）", head, [], note="注：本单位没有上年结转项目支出，故本表无数据。")

    fiscal_table(out, b, "附表8", f"{b.year}年财政拨款收支总表", meta=meta)
    table(9, "一般公共预算支出表", *expenditure)  # all money here is 一般公共预算
    table(10, "政府性基金预算支出表", [["科目编码", "科目名称", "合计"]], [],
          note=f"注：本{b.who}没有使用政府性基金预算拨款安排的支出，故本表无数据。")

    # 绩效目标申报表, one per project, in 元
    for k, (_, name, amt) in enumerate(b.projects):
        yuan = m(amt * YUAN_PER_WAN)
        rows = [["项目名称", name, "", ""], ["实施单位", b.units[0][1], "", ""],
                ["项目资金", "年度资金总额", yuan, ""], ["", "其中：财政拨款", yuan, ""],
                ["年度绩效目标", "按期完成项目建设任务", "", ""], ["一级指标", "二级指标", "三级指标", "指标值"]]
        rows += [list(ind) for p, ind in b.targets if p == name]
        out.table(f"附表{11 + k}", "项目支出绩效目标申报表", b.unit_name, [], rows,
                  meta=f"编制单位：{b.unit_name}    金额单位：元")
    # 基本支出绩效目标申报表 after them: one 人员类 and one 公用经费 form under the document's name
    n = 11 + len(b.projects)
    for word, amt, target in (("人员类", b.sum("personnel"), "保障在职人员工资按时足额发放"),
                              ("公用经费", b.sum("public"), "保障单位正常运转")):
        if not amt:
            continue
        yuan = m(amt * YUAN_PER_WAN)
        rows = [["项目名称", f"{b.unit_name}{word}项目", "", ""], ["项目类型", f"基本支出（{word}）", "", ""],
                ["实施单位", b.unit_name, "", ""], ["项目资金", "年度资金总额", yuan, ""], ["", "其中：财政拨款", yuan, ""],
                ["年度绩效目标", target, "", ""], ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "时效指标", "完成时限", "≤12月"], ["成本指标", "经济成本指标", "基本支出成本控制率", "≤100%"]]
        out.table(f"附表{n}", "基本支出绩效目标申报表", b.unit_name, [], rows, meta=f"编制单位：{b.unit_name}    金额单位：元")
        n += 1
    return "\n".join(out.lines) + "\n"

