"""Column meanings (列语义) and the templates of leaf columns each kind of table prints."""

from __future__ import annotations

from yusuan.recognise.align import Template

ROLE_LABELS = {
    "total": "合计", "basic": "基本支出", "personnel": "人员经费", "salaries": "工资福利支出",
    "family": "对个人和家庭的补助", "public": "公用经费", "goods": "商品和服务支出", "capital": "资本性支出",
    "project": "项目支出", "project_operating": "其他运转类", "project_specific": "特定目标类",
    "gpb": "一般公共预算", "fiscal": "其中：财政拨款", "gov_fund": "政府性基金", "state_capital": "国有资本经营预算",
    "special_account": "财政专户管理资金", "unit_funds": "单位资金", "carryover": "上年结转结余",
    "transfer": "其中：上级专项转移支付", "amount": "金额",
    "abroad": "因公出国（境）费", "vehicle_total": "公务用车购置及运行费", "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行费", "reception": "公务接待费",
    "total_gpb": "总计·一般公共预算", "total_fund": "总计·政府性基金", "total_capital": "总计·国有资本经营预算",
    "total_special": "总计·财政专户管理资金", "current_total": "本年收入合计", "current_gpb": "本年收入·一般公共预算",
    "current_fiscal": "本年收入·其中财政拨款", "current_fund": "本年收入·政府性基金", "current_capital": "本年收入·国有资本经营预算",
    "current_special": "本年收入·财政专户管理资金", "current_business": "事业收入", "current_operating": "事业单位经营收入",
    "current_superior": "上级补助收入", "current_affiliated": "附属单位上缴收入", "current_other": "其他收入",
    "carry_total": "上年结转结余", "carry_gpb": "上年结转·一般公共预算", "carry_fund": "上年结转·政府性基金",
    "carry_capital": "上年结转·国有资本经营预算", "carry_special": "上年结转·财政专户管理资金", "carry_unit": "上年结转·单位资金",
    "current_appropriation": "本年拨款", "carry_appropriation": "财政拨款结转结余",
}

_EXP_PRIOR = {"total": 10, "basic": 5, "project": 5, "personnel": 3, "public": 3, "salaries": 2, "goods": 2,
              "project_operating": 2, "family": 1, "project_specific": 1, "capital": 0.5}

EXPENDITURE_FULL = Template(
    "expenditure-subtotals",
    ("total", "basic", "personnel", "salaries", "family", "public", "goods", "capital",
     "project", "project_operating", "project_specific"),
    (("total", ("basic", "project")), ("basic", ("personnel", "public")),
     ("personnel", ("salaries", "family")), ("public", ("goods", "capital")),
     ("project", ("project_operating", "project_specific"))),
    _EXP_PRIOR,
)
EXPENDITURE_FLAT = Template(
    "expenditure",
    ("total", "basic", "salaries", "family", "goods", "capital", "project", "project_operating", "project_specific"),
    (("total", ("basic", "project")), ("basic", ("salaries", "family", "goods", "capital")),
     ("project", ("project_operating", "project_specific"))),
    _EXP_PRIOR,
)
EXPENDITURE_GROUPS = Template(
    "expenditure-groups",
    ("total", "basic", "personnel", "public", "project"),
    (("total", ("basic", "project")), ("basic", ("personnel", "public"))),
    _EXP_PRIOR,
)
EXPENDITURE_SIMPLE = Template("expenditure-simple", ("total", "basic", "project"),
                              (("total", ("basic", "project")),), _EXP_PRIOR)
EXPENDITURE_TEMPLATES = (EXPENDITURE_FULL, EXPENDITURE_FLAT, EXPENDITURE_GROUPS, EXPENDITURE_SIMPLE)

# Which leaf columns belong to 人员经费 and to 公用经费 when no subtotal column is printed.
GROUP_OF = {"salaries": "personnel", "family": "personnel", "goods": "public", "capital": "public"}

ECONOMIC_BASIC = Template("basic-economic", ("total", "personnel", "public"),
                          (("total", ("personnel", "public")),), {"total": 10, "personnel": 1, "public": 1})
ECONOMIC_SINGLE = Template("single-amount", ("total",), (), {"total": 10})

ECONOMIC_SUMMARY = Template(
    "economic-summary",
    ("total", "gpb", "fiscal", "gov_fund", "state_capital", "carryover", "special_account",
     "current_business", "current_superior", "current_affiliated", "current_operating", "current_other"),
    (("total", ("gpb", "gov_fund", "state_capital", "carryover", "special_account", "current_business",
                "current_superior", "current_affiliated", "current_operating", "current_other")),),
    {"total": 10, "gpb": 5, "fiscal": 4},
    (("fiscal", "gpb"),),
)

THREE_PUBLIC = Template(
    "three-public",
    ("total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception"),
    (("total", ("abroad", "vehicle_total", "reception")), ("vehicle_total", ("vehicle_purchase", "vehicle_operation"))),
    {"total": 10, "reception": 2, "vehicle_total": 2, "vehicle_operation": 1.5, "vehicle_purchase": 0.5, "abroad": 0.2},
)

INCOME = Template(
    "income",
    ("total", "total_gpb", "total_fund", "total_capital", "total_special",
     "current_total", "current_gpb", "current_fiscal", "current_fund", "current_capital", "current_special",
     "current_business", "current_operating", "current_superior", "current_affiliated", "current_other",
     "carry_total", "carry_gpb", "carry_fund", "carry_capital", "carry_special", "carry_unit"),
    (("total", ("current_total", "carry_total")),
     ("total", ("total_gpb", "total_fund", "total_capital", "total_special")),
     ("current_total", ("current_gpb", "current_fund", "current_capital", "current_special", "current_business",
                        "current_operating", "current_superior", "current_affiliated", "current_other")),
     ("carry_total", ("carry_gpb", "carry_fund", "carry_capital", "carry_special", "carry_unit"))),
    {"total": 10, "current_total": 6, "current_gpb": 5, "current_fiscal": 4, "total_gpb": 4},
    (("current_fiscal", "current_gpb"),),
)
INCOME_SIMPLE = Template(
    "income-simple",
    ("total", "current_total", "current_gpb", "current_fiscal", "current_fund", "current_capital", "current_special",
     "unit_funds", "carry_total"),
    (("total", ("current_total", "carry_total")),
     ("current_total", ("current_gpb", "current_fund", "current_capital", "current_special", "unit_funds"))),
    {"total": 10, "current_total": 6, "current_gpb": 5, "current_fiscal": 4},
    (("current_fiscal", "current_gpb"),),
)

# 项目支出表 / 基本支出明细表: 合计 then 本年拨款 by fund, 财政拨款结转结余 by fund, 专户, 单位资金.
FUNDED = Template(
    "funded",
    ("total", "gpb", "gov_fund", "state_capital", "carry_gpb", "carry_fund", "carry_capital",
     "special_account", "unit_funds"),
    (("total", ("gpb", "gov_fund", "state_capital", "carry_gpb", "carry_fund", "carry_capital",
                "special_account", "unit_funds")),),
    {"total": 10, "gpb": 5},
)

# 绩效目标表 amounts: 资金总额, 政府预算资金, 财政专户管理资金, 单位资金
PERFORMANCE_FUNDS = Template(
    "performance-funds", ("total", "gpb", "special_account", "unit_funds"),
    (("total", ("gpb", "special_account", "unit_funds")),), {"total": 10, "gpb": 5},
)

# 财政拨款收支表 expenditure side: 合计, 一般公共预算 (小计, 其中财政拨款, 其中上级专项), 基金, 国资, 专户, 单位资金
FISCAL_EXPENDITURE = Template(
    "fiscal-expenditure",
    ("total", "gpb", "fiscal", "transfer", "gov_fund", "state_capital", "special_account", "unit_funds"),
    (("total", ("gpb", "gov_fund", "state_capital", "special_account", "unit_funds")),),
    {"total": 10, "gpb": 5, "fiscal": 4},
    (("fiscal", "gpb"), ("transfer", "gpb")),
)


def label(role: str) -> str:
    return ROLE_LABELS.get(role, role)
