"""Write a Budget as the text that extraction from a published PDF produces, in four styles:
tabs (grid kept), markdown tables, spaces (blank cells lost, thousands separators) and flat
(one cell per line, long labels wrapped, header words broken vertically)."""

from __future__ import annotations


from decimal import Decimal

from yusuan.synth.budget import Budget
from yusuan.render.henan import HENAN_CONTENTS, contents, fiscal_table, henan_tables  # noqa: F401
from yusuan.synth.layout import STYLES, Page, pct

def narrative(b: Budget) -> list[str]:
    """The 概况 and 情况说明, stating the budget's figures as officers write them."""
    total, basic, project = b.total, b.sum("basic"), b.sum("project")
    tp = b.three_public
    return [
        b.unit_name, f"{b.year}年度{b.who}预算", "", "第一部分", f"{b.unit_name}概况", "一、主要职能",
        f"{b.unit_name}负责本行业的管理服务工作。", "", "第二部分", f"{b.unit_name}{b.year}年度{b.who}预算情况说明",
        "一、收入支出预算总体情况说明",
        f"{b.year}年收入总计{total}万元，支出总计{total}万元。",
        "二、收入预算总体情况说明",
        f"{b.year}年收入合计{total}万元，其中：一般公共预算收入{total}万元；政府性基金预算收入0万元。",
        "三、支出预算总体情况说明",
        f"{b.year}年支出合计{total}万元，其中：基本支出{basic}万元，占{pct(basic, total)}%；"
        f"项目支出{project}万元，占{pct(project, total)}%。",
        "六、一般公共预算基本支出预算情况说明",
        f"{b.year}年一般公共预算基本支出{basic}万元，其中：人员经费{b.sum('personnel')}万元；公用经费{b.sum('public')}万元。",
        "九、“三公”经费支出预算情况说明",
        f"{b.year}年“三公”经费支出预算为{b.three_public_total}万元。",
        f"（一）因公出国（境）费{tp['abroad']}万元。",
        f"（二）公务用车购置及运行费{b.vehicle_total}万元。其中公务车辆购置费{tp['vehicle_purchase']}万元；"
        f"公务用车运行维护费{tp['vehicle_operation']}万元。",
        f"（三）公务接待费{tp['reception']}万元。",
        "十、其他重要事项的情况说明",
        f"（一）{b.year}年机关运行经费支出预算{b.operating_total}万元。",
        f"（二）{b.year}年政府采购预算安排0万元，其中：政府采购货物预算0万元、政府采购工程预算0万元、政府采购服务预算0万元。",
        "（三）关于预算绩效管理工作开展情况说明",
        f"{b.year}年，纳入预算绩效管理的支出总额为{total}万元。其中：基本支出{basic}万元；项目支出{project}万元，"
        f"涉及项目{len(b.projects)}个。",
        "（四）国有资产占用情况",
        f"上年期末，{b.unit_name}固定资产总额{sum((v for _, v in b.assets), Decimal('0.00'))}万元，其中，"
        + "，".join(f"{k}{v}万元" for k, v in b.assets) + "。",
        "第三部分 名词解释",
        "一、基本支出：是指为保障机构正常运转、完成日常工作任务所必需的开支。", "",
    ]


def write_text(b: Budget, style: str) -> str:
    if style not in STYLES:
        raise ValueError(style)
    out = Page(style)
    out.text(*contents(b, HENAN_CONTENTS))
    out.text(*narrative(b))
    henan_tables(b, out)
    return "\n".join(out.lines) + "\n"
