"""Synthetic budgets: random but internally consistent, written out in the text styles that
extraction from real PDFs produces. Used by the tests, the benchmarks and load tests."""

from yusuan.synth.budget import Budget, generate
from yusuan.synth.writer import STYLES, write_text

__all__ = ["Budget", "generate", "write_text", "STYLES"]
