"""`yusuan check` and `yusuan rules`: formats, exit codes, selection, configuration, generated docs."""

import json
from pathlib import Path

from typer.testing import CliRunner

from yusuan.audit.docs import rules_markdown
from yusuan.audit.registry import all_rules
from yusuan.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ECOMMERCE = str(EXAMPLES / "jiaozuo-ecommerce-center-2023.txt")
EGOV = str(EXAMPLES / "jiaozuo-egov-center-2023.txt")
runner = CliRunner()


def run(*args, **kw):
    return runner.invoke(app, list(map(str, args)), **kw)


def test_rules_doc_is_current():
    """docs/rules.md is generated from the registry: regenerate with `yusuan rules --markdown > docs/rules.md`."""
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(all_rules())


def test_every_rule_is_documented():
    for r in all_rules():
        assert r.title and r.why and r.bad and r.good and r.name == r.name.lower()
    assert len(all_rules()) >= 50


def test_rules_listing_and_single_rule():
    r = run("rules")
    assert r.exit_code == 0 and "YS101" in r.stdout and "YS807" in r.stdout
    r = run("rules", "ys402")
    assert r.exit_code == 0 and "narrative-share" in r.stdout and "违反的例子" in r.stdout
    r = run("rules", "YS999")
    assert r.exit_code == 2 and "没有这条规则" in r.output


def test_exit_codes_and_fail_on():
    assert run("check", ECOMMERCE).exit_code == 0  # warnings only
    assert run("check", ECOMMERCE, "--fail-on", "warning").exit_code == 1
    assert run("check", EGOV).exit_code == 1  # errors
    assert run("check", EGOV, "--fail-on", "none").exit_code == 0
    r = run("check", "no-such-file.txt")
    assert r.exit_code == 2 and "文件不存在" in r.output


def test_select_and_ignore():
    data = json.loads(run("check", EGOV, "-f", "json", "--select", "YS6").stdout)
    assert {f["code"][:3] for f in data["documents"][0]["findings"]} == {"YS6"}
    data = json.loads(run("check", EGOV, "-f", "json", "--ignore", "YS602,YS404").stdout)
    codes = {f["code"] for f in data["documents"][0]["findings"]}
    assert "YS602" not in codes and "YS404" not in codes and "YS410" in codes


def test_config_in_pyproject(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.yusuan]\nignore = ["YS602"]\nfail-on = "warning"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", EGOV, "-f", "json")
    data = json.loads(r.stdout)
    assert "YS602" not in {f["code"] for f in data["documents"][0]["findings"]}
    assert r.exit_code == 1  # warnings remain and fail-on is warning
    bad = tmp_path / "bad.toml"
    bad.write_text("[tool.yusuan\n", encoding="utf-8")
    r = run("check", EGOV, "--config", bad)
    assert r.exit_code == 2 and "配置文件格式错误" in r.output


def test_text_report_quotes_source_lines():
    r = run("check", ECOMMERCE)
    assert "警告" in r.stdout and "YS603" in r.stdout
    assert "2023年2022年" in r.stdout  # the quoted source line of YS610


def test_several_files():
    data = json.loads(run("check", ECOMMERCE, EGOV, "-f", "json").stdout)
    assert data["summary"]["documents"] == 2 and data["summary"]["error"] == 1


def test_html_report_is_standalone(tmp_path):
    out = tmp_path / "report.html"
    r = run("check", ECOMMERCE, EGOV, "-f", "html", "-o", out, "--fail-on", "none")
    assert r.exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "焦作市电子商务发展服务中心" in html and "YS602" in html
    assert "http://" not in html and "https://" not in html and "<script" not in html and "<link" not in html
    assert "2023年2022年" in html  # the quoted source line


def catalogue_findings(path) -> list[str]:
    """YS508 messages on the ecommerce sample with an official catalogue loaded (then unloaded)."""
    from yusuan.reference.catalogue import catalogue

    try:
        data = json.loads(run("check", ECOMMERCE, "-f", "json", "--select", "YS508", "--catalogue", path).stdout)
        return [f["message"] for f in data["documents"][0]["findings"]]
    finally:
        catalogue.cache_clear()


def test_official_catalogue(tmp_path):
    """With an official list loaded, a code missing from it is a finding; a broken list is a clean error."""
    official = tmp_path / "official.csv"
    official.write_text("编码,名称\n2011350,事业运行\n30101,基本工资\n", encoding="utf-8")
    msgs = catalogue_findings(official)
    assert any("2050803" in m for m in msgs) and not any("2011350 " in m for m in msgs)
    empty = tmp_path / "empty.csv"
    empty.write_text("编码,名称\n", encoding="utf-8")
    r = run("check", ECOMMERCE, "--catalogue", empty)
    assert r.exit_code == 2 and "没有读到任何科目编码" in r.output
    r = run("check", ECOMMERCE, "--catalogue", tmp_path / "missing.csv")
    assert r.exit_code == 2 and "无法读取分类科目目录" in r.output


def test_readme_rule_count_is_current():
    assert f"规则共 {len(all_rules())} 条" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_official_catalogue_xlsx(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["编码", "名称"])
    ws.append([2011350, "事业运行"])  # a code typed as a number in Excel
    ws.append(["30101", "基本工资"])
    path = tmp_path / "official.xlsx"
    wb.save(path)
    msgs = catalogue_findings(path)
    assert any("2050803" in m for m in msgs) and not any("“2011350 " in m for m in msgs)
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a workbook")
    r = run("check", ECOMMERCE, "--catalogue", fake)
    assert r.exit_code == 2 and "无法读取分类科目目录" in r.output


def test_synth_writes_valid_budgets(tmp_path):
    r = run("synth", 6, "-o", tmp_path / "out", "--template", "county", "--style", "spaces", "--seed", 40)
    assert r.exit_code == 0
    made = sorted((tmp_path / "out").glob("*.txt"))
    assert len(made) == 6 and all(p.name.startswith("county-") for p in made)
    r = run("check", *made, "-f", "json", "--fail-on", "info")
    assert r.exit_code == 0 and json.loads(r.stdout)["summary"]["documents"] == 6  # consistent: nothing found
    again = tmp_path / "again"
    run("synth", 6, "-o", again, "--template", "county", "--style", "spaces", "--seed", 40)
    assert [p.read_bytes() for p in made] == [p.read_bytes() for p in sorted(again.glob("*.txt"))]


def test_synth_other_formats_and_bad_options(tmp_path):
    r = run("synth", 1, "-o", tmp_path, "-f", "xlsx")
    assert r.exit_code == 0 and len(list(tmp_path.glob("*.xlsx"))) == 1
    r = run("synth", 1, "-o", tmp_path, "--template", "shanghai")
    assert r.exit_code == 2 and "没有这个模板" in r.output
    r = run("synth", 0, "-o", tmp_path)
    assert r.exit_code == 2


def test_convert_text_to_workbook(tmp_path):
    from yusuan.facts import build_facts
    from yusuan.parse import parse_file

    out = tmp_path / "电子商务中心.xlsx"
    r = run("convert", ECOMMERCE, "-o", out)
    assert r.exit_code == 0 and out.exists() and not list(tmp_path.glob("*.tmp*"))
    got, ref = build_facts(parse_file(out)), build_facts(parse_file(ECOMMERCE))
    assert got["function_classes"] == ref["function_classes"] and got["projects"] == ref["projects"]
    r = run("convert", ECOMMERCE, "-o", tmp_path / "out.csv")
    assert r.exit_code == 2 and "不支持的输出格式" in r.output
    r = run("convert", tmp_path / "missing.pdf", "-o", out)
    assert r.exit_code == 2 and "文件不存在" in r.output


def test_unknown_rule_codes_are_an_error(tmp_path, monkeypatch):
    """A typo in --select, --ignore or the config selects nothing silently no more: exit 2 with the
    nearest codes; prefixes and ALL are fine."""
    sample = Path(__file__).resolve().parent / "fixtures" / "shanghai-budget-2024.txt"
    r = CliRunner().invoke(app, ["check", str(sample), "--select", "YS1O1"])
    assert r.exit_code == 2 and "没有这条规则：YS1O1" in r.output and "是不是" in r.output
    r = CliRunner().invoke(app, ["check", str(sample), "--ignore", "YS999"])
    assert r.exit_code == 2 and "YS999" in r.output
    assert CliRunner().invoke(app, ["check", str(sample), "--select", "YS1,ys30,ALL"]).exit_code in (0, 1)
    (tmp_path / "pyproject.toml").write_text('[tool.yusuan]\nselect = ["YS77"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(app, ["check", str(sample)])
    assert r.exit_code == 2 and "YS77" in r.output


def test_version_option():
    from yusuan import __version__

    r = CliRunner().invoke(app, ["--version"])
    assert r.exit_code == 0 and r.output.strip() == f"yusuan {__version__}"


def test_unreadable_inputs_are_listed_and_the_rest_read(tmp_path):
    """Two good files and two unreadable ones: both good ones are checked (and parsed), each bad
    one gets its line, and the exit code is 2."""
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    r = run("check", ECOMMERCE, tmp_path / "missing.txt", EGOV, bad, "--format", "json")
    assert r.exit_code == 2
    assert "文件不存在" in r.output and "文件为空" in r.output
    body = r.output[r.output.index("{"):]
    sources = [d["source"] for d in json.loads(body[: body.rindex("}") + 1])["documents"]]
    assert sources == [ECOMMERCE, EGOV]
    p = run("parse", ECOMMERCE, tmp_path / "missing.txt", "--format", "json", "-o", tmp_path / "out.json")
    assert p.exit_code == 2 and json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["year"] == 2023


def test_the_frameworks_own_words_are_chinese():
    """Usage lines, the --help option, and the errors of a mistyped command, in Chinese."""
    r = run("check")
    assert r.exit_code == 2 and "用法：" in r.output and " check [OPTIONS]" in r.output and "缺少参数 files。" in r.output
    assert "Usage" not in r.output and "Missing" not in r.output
    r = run("check", "--nope", ECOMMERCE)
    assert r.exit_code == 2 and "没有选项 --nope" in r.output
    r = run("batch", "x", "--workers", "abc")
    assert r.exit_code == 2 and "'--workers' / '-w' 的值无效：应为整数" in r.output
    r = run("chek")
    assert r.exit_code == 2 and "没有命令 chek。 是否想用 check？" in r.output
    r = run("check", "--help")
    assert "显示此帮助并退出。" in r.output and "选项" in r.output and "[默认：text]" in r.output
    assert "Show this message" not in r.output


def test_text_report_ends_with_a_total_and_names_pages_unwrapped():
    """Piped output is never wrapped to 80 columns; every place names its page when it has one;
    the last line adds up all files."""
    r = run("check", ECOMMERCE, EGOV)
    lines = r.stdout.splitlines()
    assert lines[-1] == "合计：2 份文件，错误 1 条，警告 22 条，提示 0 条"
    finding = next(ln for ln in lines if "YS705" in ln)
    assert finding.startswith("  YS705 第25页第1528行 2023年单位预算项目绩效目标表“跨境电商”") and finding.endswith("设定为上限")


def test_serve_checks_the_port_first(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = run("serve", "--port", port, "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert r.exit_code == 2 and f"无法在 127.0.0.1:{port} 上监听：端口已被占用" in r.output
    assert "网页应用：http" not in r.output  # no address announced that does not answer
