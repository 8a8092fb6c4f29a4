"""Synthetic budgets: random but internally consistent, written out in the text styles that
extraction from real PDFs produces. Used by the tests, the benchmarks and load tests."""

from yusuan.synth.budget import Budget, generate
from yusuan.synth.county import write_county
from yusuan.render.layout import STYLES
from yusuan.synth.writer import write_text

TEMPLATES = {"henan": write_text, "county": write_county}

__all__ = ["Budget", "generate", "write_text", "write_county", "STYLES", "TEMPLATES"]
