"""Hostile input: every file of ../shared/fuzz-cases gives a result or one clean message within its
limits; generated hostile inputs of every class (yusuan.synth.hostile) do the same; the command
line's guard turns a defect of yusuan into one line and exit 3."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from yusuan.errors import YusuanError
from yusuan.guard import InternalError, limited
from yusuan.synth.hostile import CLASSES, pipeline

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT.parent / "shared" / "fuzz-cases"
FILES = sorted(p for p in CASES.glob("*") if p.name != "README.md") if CASES.is_dir() else []


def outcome(data: bytes, name: str, seconds: int = 10) -> str:
    try:
        limited(pipeline, data, name, name=name, time_limit=seconds)
        return "ok"
    except InternalError as e:
        pytest.fail(f"{name}: {e.message}\n{e.details}")
    except YusuanError as e:
        assert "\n" not in e.message and e.message.strip(), repr(e.message)
        return "clean"


@pytest.mark.skipif(not FILES, reason="../shared/fuzz-cases not present")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_fuzz_case_is_answered_cleanly(path):
    """Each reproducer of a crash, hang or memory exhaustion: a result or one clean line, within
    10 seconds and the memory limit (what cannot be bounded inside a library is bounded by the
    child process)."""
    assert outcome(path.read_bytes(), path.name) in ("ok", "clean")


# which of them are refused, and why (the reason names the bound that refused it)
REFUSED = {
    "hang-html-nested-div-100000.html": "嵌套过深",
    "hang-xlsx-zip-bomb-512MB-comment.xlsx": "压缩炸弹",
    "memory-docx-zip-bomb-1GB-clean-error.docx": "压缩炸弹",
    "hang-xlsx-merge-B3-C1048576.xlsx": "合并单元格过大",
    "zip-extract-version-14.8.xlsx": "不支持的压缩格式",
    "utf8-bom-invalid-utf8.txt": "编码",
    "pdf-unknown-stream-filter.pdf": "无法读取",
    "hang-pdf-object-refers-to-itself.pdf": "时间限制",
}


@pytest.mark.skipif(not FILES, reason="../shared/fuzz-cases not present")
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refusals_name_their_reason(name):
    with pytest.raises(YusuanError) as e:
        limited(pipeline, (CASES / name).read_bytes(), name, name=name, time_limit=10)
    assert REFUSED[name] in e.value.message and name in e.value.message


@pytest.mark.skipif(not FILES, reason="../shared/fuzz-cases not present")
def test_hostile_numbers_are_read_as_far_as_plausible():
    """A 28-digit 元 amount, a 27-decimal share, '增长−5.00%' (U+2212), a 20-digit vehicle count:
    the document is read and checked; the implausible numbers are not amounts."""
    from yusuan.parse import parse_bytes

    # the case alone ('8元增−0%') names no unit and has no table: not a disclosure (exit 2); under a title it is read
    title = "焦作市电子商务发展服务中心2023年部门预算\n".encode()
    _, disc = parse_bytes(title + (CASES / "text-apply_changes.txt").read_bytes(), "t.txt")
    assert any(s.change_pct is not None and s.change_pct <= 0 for s in disc.narrative.statements)
    for name in ("text-wan_text.txt", "text-narrative_share.txt", "text-dumps_bigint.txt"):
        _, disc = parse_bytes(title + (CASES / name).read_bytes(), name)
        amounts = [c.amount.value for t in disc.tables for r in t.rows for c in r.cells.values()]
        amounts += [s.amount.value for s in disc.narrative.statements if s.amount is not None]
        assert all(abs(a) < 10 ** 16 for a in amounts)
        assert all(s.count is None or s.count < 10 ** 9 for s in disc.narrative.statements)


@settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(CLASSES)), seed=st.integers(0, 2 ** 32 - 1))
def test_generated_hostile_inputs(kind, seed):
    """Within a fixed budget in CI (70 examples); `benchmarks/fuzz.py` runs the same classes for
    as long as it is given."""
    name, data = CLASSES[kind](random.Random(seed))
    assert outcome(data, name) in ("ok", "clean")


def _cli(*args, env_debug=False):
    import os

    env = {**os.environ, "YUSUAN_DEBUG": "1"} if env_debug else {k: v for k, v in os.environ.items() if k != "YUSUAN_DEBUG"}
    return subprocess.run([sys.executable, "-c", "import crashing_cli; crashing_cli.run()", *args], capture_output=True,
                          text=True, env={**env, "PYTHONPATH": str(ROOT / "tests")}, timeout=120)


def test_internal_error_is_one_line_and_exit_3(tmp_path):
    """A defect of yusuan (here a rule that raises): '内部错误：…，请附上文件报告此问题', exit 3, no
    traceback; with --debug (or YUSUAN_DEBUG=1) the traceback too."""
    sample = ROOT / "tests" / "fixtures" / "shanghai-budget-2024.txt"
    r = _cli("check", str(sample))
    assert r.returncode == 3, r.stderr
    assert "内部错误" in r.stderr and "ZeroDivisionError" in r.stderr and "请附上文件报告此问题" in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    debug = _cli("--debug", "check", str(sample))
    assert debug.returncode == 3 and "Traceback" in debug.stderr
    assert _cli("check", str(sample), env_debug=True).stderr.count("Traceback") == 1


@pytest.mark.skipif(not FILES, reason="../shared/fuzz-cases not present")
@pytest.mark.parametrize("name", ["docx-gridspan-not-a-number.docx", "text-fmt.txt", "pdf-rotate-string.pdf",
                                  "hang-text-40k-digits.txt"])
def test_check_command_never_prints_a_traceback(name):
    r = subprocess.run([sys.executable, "-m", "yusuan.cli", "check", str(CASES / name)], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode in (0, 1, 2) and "Traceback" not in r.stderr, r.stderr


@pytest.mark.parametrize("seed", range(6))
def test_entity_bombs_are_refused_quickly(seed):
    """'Billion laughs' in a workbook or Word part: the XML parsers' amplification limits refuse it
    at once, with one clean line and little memory."""
    import resource
    import time

    from yusuan.synth.hostile import entity_bomb

    name, data = entity_bomb(random.Random(seed))
    start = time.perf_counter()
    assert outcome(data, name) in ("ok", "clean")
    assert time.perf_counter() - start < 10
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 2_000_000  # KiB: no child grew to 2 GB
