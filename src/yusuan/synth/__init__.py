"""Synthetic budgets: random but internally consistent, written out in the text styles that
extraction from real PDFs produces. Used by the tests, the benchmarks and load tests."""

from yusuan.synth.budget import Budget, generate
from yusuan.synth.county import write_county
from yusuan.synth.final import FINAL_STYLES, FinalAccounts, final_of, generate_final, write_final
from yusuan.render.layout import STYLES
from yusuan.synth.writer import write_text

TEMPLATES = {"henan": write_text, "county": write_county, "final": write_final}
# the text styles each template is written in (a 决算 keeps its grid: tabs or markdown)
BUDGET_TEMPLATES = {k: v for k, v in TEMPLATES.items() if k != "final"}  # the 预算 templates
TEMPLATE_STYLES = {"henan": STYLES, "county": STYLES, "final": FINAL_STYLES}

__all__ = ["Budget", "FinalAccounts", "generate", "generate_final", "final_of", "write_text", "write_county",
           "write_final", "STYLES", "TEMPLATES", "BUDGET_TEMPLATES", "TEMPLATE_STYLES"]
