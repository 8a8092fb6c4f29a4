"""Bad input: one Chinese line on stderr, exit code 2, never a traceback; partial documents warn."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yusuan.cli import app
from yusuan.errors import InputError
from yusuan.facts import build_facts
from yusuan.parse import parse_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SAMPLE = EXAMPLES / "jiaozuo-ecommerce-center-2023.txt"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(map(str, args)))


@pytest.mark.parametrize("content,expected", [
    (b"", "文件为空"),
    (b"   \n\n  \t\n", "文件为空"),
    (b"\x00\x01\x02binary\x00data" * 10, "二进制"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00", "压缩包"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc"),
    (b"\x89PNG\r\n\x1a\n", "图片"),
    (b"abc\x80\xff\x80 " * 20, "编码"),
    ("这是一首诗。\n床前明月光，疑是地上霜。\n".encode("utf-8"), "不是预算公开文件"),
])
def test_bad_files(tmp_path, content, expected):
    f = tmp_path / "input.txt"
    f.write_bytes(content)
    with pytest.raises(InputError) as e:
        parse_file(f)
    assert expected in e.value.message
    result = run("parse", f)
    assert result.exit_code == 2
    assert expected in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_and_directory(tmp_path):
    r = run("parse", tmp_path / "nope.txt")
    assert r.exit_code == 2 and "文件不存在" in r.output
    r = run("parse", tmp_path)
    assert r.exit_code == 2 and "目录" in r.output


def test_unwritable_output(tmp_path):
    r = run("parse", SAMPLE, "-f", "json", "-o", tmp_path / "no" / "such" / "dir" / "out.json")
    assert r.exit_code == 2 and "无法写入" in r.output


def test_output_file_written_whole(tmp_path):
    out = tmp_path / "out.json"
    r = run("parse", SAMPLE, "-f", "json", "-o", out)
    assert r.exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["facts"]["totals"]["income_total"] == "87.02"
    assert not list(tmp_path.glob("*.tmp"))


def test_gb18030_and_crlf_give_same_facts(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    gb = tmp_path / "gb.txt"
    gb.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    ref = build_facts(parse_file(SAMPLE))
    for f in (gb, bom):
        got = build_facts(parse_file(f))
        assert got["totals"] == ref["totals"] and got["function_classes"] == ref["function_classes"]


def test_truncated_document_gives_what_was_recognised(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(lines[:640]), encoding="utf-8")  # stops inside 预算04表
    disc = parse_file(cut)
    kinds = [t.kind.value for t in disc.tables]
    assert kinds[:3] == ["summary", "income", "expenditure"]
    facts = build_facts(disc)
    assert facts["totals"]["basic"] == "80.82"
    assert "operating_expenses" in facts["totals"]  # from the narrative, which is complete
    r = run("parse", cut)
    assert r.exit_code == 0 and "警告" in r.output


def test_narrative_only_document_warns(tmp_path):
    f = tmp_path / "n.txt"
    f.write_text("焦作市电子商务发展服务中心2023年部门预算\n2023年收入总计87.02万元，支出总计87.02万元。\n", encoding="utf-8")
    disc = parse_file(f)
    assert not disc.tables and any("没有识别出任何预算表格" in w for w in disc.warnings)
    assert build_facts(disc)["totals"]["income_total"] == "87.02"


def test_prose_with_sums_is_not_a_disclosure(tmp_path):
    """A README, minutes or a news item that mentions a few sums has no table and names no unit:
    exit 2 with the reason, as for any file that is not a disclosure."""
    f = tmp_path / "n.txt"
    f.write_text("项目说明：2023年收入总计87.02万元，支出总计87.02万元。\n", encoding="utf-8")
    r = run("parse", f)
    assert r.exit_code == 2 and "似乎不是预算公开文件" in r.output
    readme = Path(__file__).resolve().parent.parent / "README.md"
    r = run("check", readme)
    assert r.exit_code == 2 and "未识别出预算表和单位名称" in r.output


def test_cli_subprocess_has_no_traceback(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    p = subprocess.run([sys.executable, "-m", "yusuan.cli", "parse", str(f)], capture_output=True, text=True)
    assert p.returncode == 2
    assert "Traceback" not in p.stderr and "文件为空" in p.stderr
