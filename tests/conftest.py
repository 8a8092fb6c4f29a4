from pathlib import Path

import pytest

from yusuan.facts import build_facts
from yusuan.parse import parse_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="session")
def parsed():
    cache = {}

    def get(name: str):
        if name not in cache:
            if name == "shanghai-final-template-2024":  # the blank template: a fixture, not a sample to import
                path = EXAMPLES.parent / "tests" / "fixtures" / f"{name}.pdf"
            else:
                path = EXAMPLES / (f"{name}.pdf" if name.startswith("shanghai-") else f"jiaozuo-{name}.txt")
            disc = parse_file(path)
            cache[name] = (disc, build_facts(disc))
        return cache[name]

    return get
