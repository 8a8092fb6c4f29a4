"""Rule documentation generated from the registry (docs/rules.md, `yusuan rules CODE`)."""

from __future__ import annotations

from yusuan.audit.registry import CATEGORY_LABELS, SEVERITY_LABELS, Rule


def rule_markdown(r: Rule) -> str:
    return (f"### {r.code} `{r.name}`\n\n"
            f"- 类别：{CATEGORY_LABELS[r.category]}（{r.category}）；级别：{SEVERITY_LABELS[r.severity]}（{r.severity}）\n"
            f"- 检查：{r.title}\n"
            + ("- 需要两份文件：同一单位同年的决算与预算（`yusuan check 决算文件 预算文件`，或两者都已入库），"
               "发现记在决算上，位置注明所在文件\n" if r.across else "")
            + f"- 为什么：{r.why}\n"
            f"- 违反的例子：{r.bad}\n"
            f"- 正确的例子：{r.good}\n")


def rules_markdown(rules: list[Rule]) -> str:
    parts = ["# yusuan 核查规则 (rule catalogue)\n",
             "本文件由 `yusuan rules --markdown` 从规则注册表生成，请勿手工修改；测试会检查它是否最新。\n",
             f"共 {len(rules)} 条规则。选择与忽略：`yusuan check --select YS1 --ignore YS116`，或在 pyproject.toml 中写\n"
             "`[tool.yusuan]` 的 `select`、`ignore`、`fail-on`。\n",
             "四舍五入：n 个印刷数相加与其印刷合计之差不超过 n 个末位半单位时不报告（见 tolerance.py）。\n"]
    current = None
    for r in rules:
        if r.category != current:
            current = r.category
            parts.append(f"\n## {CATEGORY_LABELS[r.category]}（{r.category}）\n")
        parts.append(rule_markdown(r))
    return "\n".join(parts)
