"""`yusuan` with a rule that raises: the command line's guard under test (test_fuzz.py)."""

from __future__ import annotations


def run() -> None:
    import sys

    from yusuan.audit import engine
    from yusuan.cli import main

    def broken(disc, rules=None):
        return [1 / 0]

    engine.audit = broken
    sys.argv = ["yusuan", *sys.argv[1:]]
    main()
