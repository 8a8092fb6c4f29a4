"""The `yusuan` command line: thin, it parses arguments and calls the library."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from yusuan import __version__
from yusuan.errors import YusuanError

from yusuan.cli_texts import install as _chinese_cli_texts

_chinese_cli_texts()  # Click's and Typer's own words (usage, errors, --help) in Chinese
app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="yusuan 预算：读取、核查、比较部门/单位预算公开文件。")


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"yusuan {__version__}")
        raise typer.Exit()


@app.callback()
def _options(debug: bool = typer.Option(False, "--debug", help="出现内部错误时显示完整的调用栈（也可设 YUSUAN_DEBUG=1）"),
             version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                          help="显示版本号")) -> None:
    if debug:
        os.environ["YUSUAN_DEBUG"] = "1"


def _parse_limited(path: Path):
    """Read one file in a child process bounded in time and memory (yusuan.guard)."""
    from yusuan.guard import limited
    from yusuan.parse import parse_document

    return limited(parse_document, path, name=str(path))


class ParseFormat(str, Enum):
    json = "json"
    text = "text"


def _console(record: bool = False, width: int | None = None) -> Console:
    """Where reports go: standard output; when it is not a terminal (a pipe, a file), lines are
    never wrapped or cut to a terminal's width."""
    if width is None and not record and not sys.stdout.isatty():
        width = 100_000
    return Console(record=record, width=width)


def _say(message: str) -> None:
    """One line of error on stderr ('错误：…'; an internal error names itself)."""
    label = "" if message.startswith("内部错误") else "错误："
    Console(stderr=True).print(f"[red]{label}[/red]{escape(message)}", highlight=False, soft_wrap=True)


def _report(e: YusuanError) -> YusuanError:
    """One line on stderr for an input that cannot be read; the command goes on with the others."""
    _say(e.message)
    return e


def _worst(errors: list[YusuanError]) -> int:
    return max((e.exit_code for e in errors), default=0)


def _fail(message: str, code: int = 2) -> None:
    _say(message)
    raise typer.Exit(code)


@app.command()
def parse(
    files: List[Path] = typer.Argument(..., help="预算公开文件（文本/Markdown）"),
    format: ParseFormat = typer.Option(ParseFormat.text, "--format", "-f", help="输出格式：json 或 text"),
    output: Path = typer.Option(None, "--output", "-o", help="写入文件而不是标准输出"),
    explain: bool = typer.Option(False, "--explain", help="逐表说明如何读取：哪个表头给了每列含义、哪些勾稽关系成立、哪些数字是推断的"),
    images: Path = typer.Option(None, "--images", help="与 --explain 同用（PDF）：把识别出的单元格画在页面图片上，写入此目录"),
    pages: str = typer.Option("", "--pages", help="与 --images 同用：页码，如 7,16 或 7-9（默认有表格的所有页）"),
) -> None:
    """读取预算公开文件，输出结构化数据（每个数字都带来源位置）。"""
    from yusuan.output.json_out import disclosure_dict
    from yusuan.output.text_out import print_summary
    import json

    results, read = [], []
    unreadable: list[YusuanError] = []
    for f in files:
        try:
            results.append(_parse_limited(f)[1])
            read.append(f)
        except YusuanError as e:
            unreadable.append(_report(e))  # the others are still read
    if not results:
        raise typer.Exit(_worst(unreadable))
    if images is not None:
        _explain_images(read, results, images, pages)
    if explain and format != ParseFormat.json:
        from yusuan.output.explain import print_explain

        console = _console(record=output is not None, width=160 if output else None)
        for d in results:
            print_explain(d, console)
        if output:
            _write(console.export_text(), output)
    elif format == ParseFormat.json:
        docs = [disclosure_dict(d) for d in results]
        text = json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2)
        _write(text, output)
    else:
        console = _console(record=output is not None, width=140 if output else None)
        for d in results:
            print_summary(d, console)
        if output:
            _write(console.export_text(), output)
    if unreadable:
        raise typer.Exit(_worst(unreadable))  # 2: some input could not be read (said above, one line each)


def _page_numbers(spec: str) -> list[int]:
    out: list[int] = []
    for part in filter(None, (p.strip() for p in spec.replace("，", ",").split(","))):
        lo, _, hi = part.partition("-")
        if not lo.isdigit() or (hi and not hi.isdigit()):
            _fail(f"页码写法不对：“{part}”（应为 7、7-9 或 7,16）")
        out += list(range(int(lo), int(hi or lo) + 1))[:1000]
    return out


def _explain_images(files: List[Path], results: list, out_dir: Path, pages: str) -> None:
    from yusuan.output.explain import explain_pages

    for f, d in zip(files, results):
        if d.format != "pdf":
            _fail(f"--images 只用于 PDF 文件：{f}")
        wanted = _page_numbers(pages) or sorted({r.location.page for t in d.tables for r in t.rows if r.location.page})
        try:
            written = explain_pages(f, d, wanted, out_dir)
        except OSError as e:
            _fail(f"无法写入图片：{out_dir}（{e.strerror or e}）")
        for p in written:
            sys.stderr.write(f"已写入 {p}\n")


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text + "\n")
        return
    tmp = output.with_name(output.name + ".tmp")
    try:
        tmp.write_text(text + "\n", encoding="utf-8")
        tmp.replace(output)  # all or nothing: no half-written output file
    except OSError as e:
        _fail(f"无法写入输出文件：{output}（{e.strerror or e}）")


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    none = "none"


def _codes(values: List[str] | None) -> list[str]:
    return [c.strip().upper() for v in values or [] for c in v.split(",") if c.strip()]


@app.command()
def check(
    files: List[Path] = typer.Argument(..., help="预算公开文件（可多个）"),
    format: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="输出格式：text、json 或 html"),
    output: Path = typer.Option(None, "--output", "-o", help="写入文件而不是标准输出"),
    select: List[str] = typer.Option(None, "--select", help="只运行这些规则（代码或前缀，如 YS1,YS301）"),
    ignore: List[str] = typer.Option(None, "--ignore", help="不运行这些规则（代码或前缀）"),
    fail_on: FailOn = typer.Option(None, "--fail-on", help="达到该级别的发现时退出码为 1（默认 error）"),
    config: Path = typer.Option(None, "--config", help="配置文件（默认读取当前目录的 yusuan.toml 或 pyproject.toml 的 [tool.yusuan]）"),
    catalogue_file: Path = typer.Option(None, "--catalogue", help="官方政府收支分类科目目录（CSV 或 XLSX：编码,名称[,gov]），载入后检查编码是否存在"),
) -> None:
    """核查预算公开文件：表内计算、收支平衡、表间一致、文表一致、科目、完整性、绩效指标。"""
    import json

    from yusuan.audit.config import load_config
    from yusuan.audit.engine import audit, selected
    from yusuan.output.findings_json import findings_report
    from yusuan.output.findings_text import print_findings, print_total
    try:
        cfg = load_config(config)
        if catalogue_file is not None:
            from yusuan.reference.catalogue import catalogue

            catalogue().load_official(catalogue_file)
        rules = selected(_codes(select) or cfg.select, _codes(ignore) or cfg.ignore)
    except YusuanError as e:
        _fail(e.message, e.exit_code)
    threshold = (fail_on.value if fail_on else cfg.fail_on)
    results = []
    unreadable: list[YusuanError] = []
    for f in files:
        try:
            doc, disc = _parse_limited(f)
        except YusuanError as e:
            unreadable.append(_report(e))  # the others are still read and checked
            continue
        results.append((doc, disc, audit(disc, rules)))
    if not results:
        raise typer.Exit(_worst(unreadable))
    results = _with_budgets(results, rules)
    if format == CheckFormat.json:
        _write(json.dumps(findings_report([(d, fs) for _, d, fs in results]), ensure_ascii=False, indent=2), output)
    elif format == CheckFormat.html:
        from yusuan.output.findings_html import render_html

        _write(render_html([(doc, d, fs) for doc, d, fs in results]), output)
    else:
        console = _console(record=output is not None, width=140 if output else None)
        for doc, d, fs in results:
            print_findings(doc, d, fs, console)
        print_total(results, console)
        if output:
            _write(console.export_text(), output)
    if unreadable:
        raise typer.Exit(_worst(unreadable))  # 2: some input could not be read (said above, one line each)
    levels = {"error": ("error",), "warning": ("error", "warning"), "info": ("error", "warning", "info"), "none": ()}
    if any(f.severity in levels[threshold] for _, _, fs in results for f in fs):
        raise typer.Exit(1)


def _with_budgets(results: list, rules: list) -> list:
    """Each 决算 among the inputs checked against the 预算 of the same unit and year among them."""
    from yusuan.audit.across import compare, matches
    from yusuan.audit.engine import ordered

    out = []
    for doc, disc, fs in results:
        budgets = [(d, b) for d, b, _ in results if b is not disc and matches(disc, b)]
        if len(budgets) == 1:
            fs = ordered(fs + compare(disc, budgets[0][1], Path(budgets[0][1].source).name, rules))
        out.append((doc, disc, fs))
    return out


@app.command()
def rules(
    code: str = typer.Argument(None, help="规则代码，如 YS101；省略时列出全部"),
    markdown: bool = typer.Option(False, "--markdown", help="输出 Markdown 文档（docs/rules.md 即由此生成）"),
) -> None:
    """列出核查规则及其说明。"""
    from yusuan.audit.docs import rule_markdown, rules_markdown
    from yusuan.audit.registry import CATEGORY_LABELS, REGISTRY, SEVERITY_LABELS, all_rules

    catalogue = all_rules()
    if code:
        r = REGISTRY.get(code.upper())
        if r is None:
            _fail(f"没有这条规则：{code}（用 yusuan rules 查看全部）")
        sys.stdout.write(rule_markdown(r) + "\n")
        return
    if markdown:
        sys.stdout.write(rules_markdown(catalogue))
        return
    from rich.table import Table as RichTable

    t = RichTable(title=f"核查规则 {len(catalogue)} 条")
    for col in ("代码", "名称", "类别", "级别", "检查内容"):
        t.add_column(col)
    for r in catalogue:
        t.add_row(r.code, r.name, CATEGORY_LABELS[r.category], SEVERITY_LABELS[r.severity], r.title)
    _console().print(t)


@app.command()
def convert(
    file: Path = typer.Argument(..., help="预算公开文件（PDF、Excel、Word、网页或文本）"),
    output: Path = typer.Option(..., "--output", "-o", help="输出文件，按扩展名决定格式：.xlsx .docx .html .pdf"),
) -> None:
    """把预算公开文件按识别出的表格重新写成 Excel、Word、网页或 PDF（例如把 PDF 转成一表一页的 Excel）。"""
    from yusuan.render import files
    from yusuan.render.grid import disclosure_grids

    savers = {".xlsx": files.save_xlsx, ".docx": files.save_docx, ".html": files.save_html, ".pdf": files.save_pdf}
    save = savers.get(output.suffix.lower())
    if save is None:
        _fail(f"不支持的输出格式：{output.suffix or '（无扩展名）'}（可选：{'、'.join(savers)}）")
    try:
        disc = _parse_limited(file)[1]
    except YusuanError as e:
        _fail(e.message, e.exit_code)
    if not disc.tables:
        _fail(f"没有识别出任何表格，无法转换：{file}")
    tmp = output.with_name(output.name + ".tmp" + output.suffix)
    try:
        save(*disclosure_grids(disc), tmp)
        tmp.replace(output)  # all or nothing
    except OSError as e:
        tmp.unlink(missing_ok=True)
        _fail(f"无法写入输出文件：{output}（{e.strerror or e}）")
    Console(stderr=True).print(f"已转换 {len(disc.tables)} 张表 → {escape(str(output))}")


class SynthFormat(str, Enum):
    txt = "txt"
    md = "md"
    xlsx = "xlsx"
    xls = "xls"
    docx = "docx"
    html = "html"
    pdf = "pdf"


@app.command()
def synth(
    count: int = typer.Argument(..., min=1, max=100000, help="生成多少份"),
    output: Path = typer.Option(..., "--output", "-o", help="输出目录（不存在时创建）"),
    format: SynthFormat = typer.Option(SynthFormat.txt, "--format", "-f", help="文件格式"),
    template: str = typer.Option("henan", "--template", help="模板：henan（河南式 15 表）、county（县级式）或 final（部门决算，全国九张表）"),
    style: str = typer.Option("flat", "--style", help="文本样式（txt）：tabs、markdown、spaces、flat"),
    seed: int = typer.Option(0, "--seed", help="起始随机种子；相同种子生成相同文件"),
) -> None:
    """生成随机但内部一致的预算公开文件（单位与部门、多个年度），用于测试和压力测试。"""
    from yusuan.synth import STYLES, TEMPLATE_STYLES, TEMPLATES, generate
    from yusuan.synth import office

    if template not in TEMPLATES:
        _fail(f"没有这个模板：{template}（可选：{'、'.join(sorted(TEMPLATES))}）")
    if style not in STYLES:
        _fail(f"没有这个文本样式：{style}（可选：{'、'.join(STYLES)}）")
    if style not in TEMPLATE_STYLES[template] and format in (SynthFormat.txt,):
        _fail(f"模板 {template} 只能写成这些文本样式：{'、'.join(TEMPLATE_STYLES[template])}（用 --style 选择）")
    if format == SynthFormat.xls:
        _fail("xls 只能读取，不能生成；请用 xlsx")
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        _fail(f"无法创建输出目录：{output}（{e.strerror or e}）")
    writers = {"xlsx": office.write_xlsx, "docx": office.write_docx, "html": office.write_html, "pdf": office.write_pdf}
    write = TEMPLATES[template]
    for i in range(count):
        b = generate(seed + i)
        path = output / f"{template}-{b.scope}-{b.year}-{seed + i:06d}.{format.value}"
        if format in (SynthFormat.txt, SynthFormat.md):
            text = write(b, "markdown" if format == SynthFormat.md else style)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
        else:
            writers[format.value](b, path, write)
    Console(stderr=True).print(f"已生成 {count} 份 → {output}")


class Scope(str, Enum):
    unit = "unit"
    department = "department"


@app.command()
def template(
    output: Path = typer.Option(..., "--output", "-o", help="输出文件：.xlsx（预算编制模板），或 .yaml/.json（同样内容的数据格式）"),
    year: int = typer.Option(..., "--year", min=1990, max=2100, help="预算年度，如 2025"),
    scope: Scope = typer.Option(Scope.unit, "--scope", help="unit（单位预算）或 department（部门预算）"),
) -> None:
    """生成空白的预算编制模板（含填表说明），填好后用 yusuan render 生成预算公开文件。"""
    suffix = output.suffix.lower()
    if suffix not in (".xlsx", ".yaml", ".yml", ".json"):
        _fail(f"不支持的模板格式：{output.suffix or '（无扩展名）'}（可选：.xlsx、.yaml、.json）")

    def write(tmp: Path) -> None:
        if suffix == ".xlsx":
            from yusuan.compose.workbook import write_template

            write_template(tmp, year, scope.value)
        else:
            from yusuan.compose.input import blank_dict

            _dump(blank_dict(year, scope.value), tmp, suffix)

    _atomic(output, write)
    Console(stderr=True).print(f"已生成{year}年度{'部门' if scope == Scope.department else '单位'}预算编制模板 → {output}")


def _dump(data: dict, path: Path, suffix: str) -> None:
    import json

    if suffix == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        import yaml

        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _atomic(output: Path, write) -> None:
    """Write through a temporary file beside the output, so a failure leaves no half-written file."""
    tmp = output.with_name(output.name + ".tmp" + output.suffix)
    try:
        write(tmp)
        tmp.replace(output)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        _fail(f"无法写入输出文件：{output}（{e.strerror or e}）")
    except YusuanError as e:
        tmp.unlink(missing_ok=True)
        _fail(e.message, e.exit_code)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.exists() and a.samefile(b))
    except OSError:
        return False


@app.command()
def render(
    inputs: List[Path] = typer.Argument(..., help="预算编制数据：yusuan 模板 Excel、YAML 或 JSON；多个单位文件时汇总为部门预算"),
    output: Path = typer.Option(..., "--output", "-o", help="输出文件，按扩展名：.pdf .html .docx .xlsx，或 .yaml/.json（汇总后的数据）"),
    department: str = typer.Option(None, "--department", help="多个单位汇总时的部门名称"),
    template_name: str = typer.Option("henan", "--template", help="公开模板：henan（河南式 15 表，默认）或 shanghai（上海式九张表，金额单位元）"),
) -> None:
    """由预算编制数据生成完整的预算公开文件（封面、目录、概况、情况说明、名词解释、附表），生成前先校验。"""
    from yusuan.compose.consolidate import consolidate
    from yusuan.compose.load import load_budget
    from yusuan.compose.problems import Problem, Problems
    from yusuan.compose.validate import audit_rendered, check_budget
    from yusuan.render.document import TEMPLATES

    writers = (".pdf", ".html", ".htm", ".docx", ".xlsx", ".yaml", ".yml", ".json")
    suffix = output.suffix.lower()
    if suffix not in writers:
        _fail(f"不支持的输出格式：{output.suffix or '（无扩展名）'}（可选：.pdf、.html、.docx、.xlsx、.yaml、.json）")
    if template_name not in TEMPLATES:
        _fail(f"没有这个模板：{template_name}（可选：{'、'.join(TEMPLATES)}）")
    if len(inputs) > 1 and not department:
        _fail("多个单位的数据汇总为部门预算时，需要用 --department 给出部门名称")
    for f in inputs:
        if _same_file(f, output):
            _fail(f"输出文件与输入文件相同：{output}（会覆盖编制数据），请另取一个文件名")
    problems = Problems()
    budgets = []
    for f in inputs:
        own = Problems()
        try:
            b, where = load_budget(f, own)
        except YusuanError as e:
            _fail(e.message, e.exit_code)
        if b is not None:
            check_budget(b, own, where, in_department=len(inputs) > 1)
        prefix = f"{f.name}：" if len(inputs) > 1 else ""
        problems.items += [Problem(f"{prefix}{p.where}" if p.where else prefix.rstrip("："), p.message, p.severity)
                           for p in own.items]
        budgets.append(b)
    budget = budgets[0]
    if not problems.errors and len(budgets) > 1:
        budget = consolidate(budgets, department, problems, [f.name for f in inputs])
    if not problems.errors and budget is not None:
        audit_rendered(budget, problems, template_name)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for p in problems.items:
        tag = "[red]错误[/red]" if p.severity == "error" else "[yellow]提示[/yellow]"
        err.print(f"{tag} {escape(str(p))}")
    if problems.errors or budget is None:
        err.print(f"[red]有 {len(problems.errors)} 个错误，未生成文件[/red]：请按上面列出的工作表和单元格改正后再运行。")
        raise typer.Exit(1)

    def write(tmp: Path) -> None:
        if suffix in (".yaml", ".yml", ".json"):
            from yusuan.compose.input import budget_to_dict

            _dump(budget_to_dict(budget), tmp, suffix)
            return
        from yusuan.render import docx_doc, html_doc, xlsx_doc
        from yusuan.render.document import build_document

        save = {".pdf": html_doc.save_pdf, ".html": html_doc.save_html, ".htm": html_doc.save_html,
                ".docx": docx_doc.save_docx, ".xlsx": xlsx_doc.save_xlsx}[suffix]
        save(build_document(budget, template_name), tmp)

    _atomic(output, write)
    what = "预算编制数据（汇总后）" if suffix in (".yaml", ".yml", ".json") else "预算公开文件"
    err.print(f"已生成 {escape(budget.unit_name)}{budget.year}年度{budget.who}{what} → {escape(str(output))}")


DB_HELP = "数据库地址：默认 sqlite:///yusuan.db（当前目录，或环境变量 YUSUAN_DB），PostgreSQL 用 postgresql://用户:密码@主机/库名"


@app.command("import")
def import_(
    paths: List[Path] = typer.Argument(..., help="预算公开文件、目录（逐层查找）或 .zip 压缩包（直接读取其中的文件）"),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """把预算公开文件读入数据库：保存原件、识别结果和核查发现；同一文件不会重复导入，更正后重新公开的文件作为新版本。"""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


    from yusuan.batch.report import print_ignored
    from yusuan.read.sources import iter_sources
    from yusuan.store.database import open_database
    from yusuan.store.ingest import ImportResult, analyse, store

    ignored: list[tuple[str, str]] = []
    try:
        files = list(iter_sources(paths, ignored))
        database = open_database(db)
    except YusuanError as e:
        _fail(e.message, e.exit_code)
    print_ignored(ignored, Console(stderr=True), shown=len(ignored))
    if not files:
        _fail("没有找到可导入的文件（支持 .txt .md .pdf .xlsx .xls .docx .html 及其 .zip 压缩包）")
    results: list[ImportResult] = []
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("导入", total=len(files))
        for f in files:
            progress.update(task, description=f"导入 {f.filename[:30]}")
            try:
                results.append(store(database, analyse(f.read(), f.filename)))
            except YusuanError as e:
                results.append(ImportResult(f.filename, "rejected", error=e.message))
            except OSError as e:
                results.append(ImportResult(f.filename, "rejected", error=f"无法读取文件（{e.strerror or e}）"))
            progress.advance(task)
    table = Table("文件", "结果", "单位", "年度", "版本", "错误", "警告", title=f"导入到 {database.url}")
    for r in results:
        table.add_row(escape(r.filename), r.label, escape(r.unit_name or ""),
                      str(r.year or ""), str(r.version or ""), str(r.counts.get("error", "")),
                      str(r.counts.get("warning", "")))
    _console().print(table)
    for r in results:
        if r.error:
            console.print(f"[red]未导入[/red] {escape(r.filename)}：{escape(r.error)}", highlight=False, soft_wrap=True)
    if any(r.status == "rejected" for r in results):
        raise typer.Exit(1)


class ExportFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    parquet = "parquet"
    fdp = "fdp"


@app.command()
def export(
    output: Path = typer.Option(..., "--output", "-o", help="输出文件（--format fdp 时为目录）"),
    format: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f",
                                        help="csv、xlsx、json、parquet，或 fdp（Fiscal Data Package：目录中的 datapackage.json 与 CSV）"),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    year: int = typer.Option(None, "--year", help="只导出这一年度"),
    all_versions: bool = typer.Option(False, "--all-versions", help="也导出被更正版本取代的旧版本"),
    names: bool = typer.Option(False, "--names", help="CSV/XLSX 的表头用字段名（unit、amount……）而不是中文"),
) -> None:
    """以长表形式导出数据库中的全部数字：单位、年度、表、编码、列、金额（万元）。"""
    import shutil
    import tempfile

    from yusuan.store import export as ex
    from yusuan.store.database import Database

    try:
        database = Database(db, upgrade=False)
        records = list(ex.rows(database, year=year, all_versions=all_versions))
    except YusuanError as e:
        _fail(e.message, e.exit_code)
    if format == ExportFormat.fdp:
        if output.exists() and not output.is_dir():
            _fail(f"--format fdp 需要一个目录，但这是文件：{output}")
        tmp = Path(tempfile.mkdtemp(prefix=".yusuan-", dir=output.parent if output.parent.exists() else None))
        try:
            n = ex.write(records, tmp, "fdp")
            output.mkdir(parents=True, exist_ok=True)
            for f in tmp.iterdir():
                f.replace(output / f.name)
        except OSError as e:
            _fail(f"无法写入输出目录：{output}（{e.strerror or e}）")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    else:
        n = 0

        def write(tmp: Path) -> None:
            nonlocal n
            n = ex.write(records, tmp, format.value, headers="names" if names else "zh")

        _atomic(output, write)
    Console(stderr=True).print(f"已导出 {n} 个数字到 {output}", highlight=False)


def _hosts(host: str) -> list[str] | None:
    """The Host names the server answers to: YUSUAN_ALLOWED_HOSTS (comma-separated), else the
    address it listens on and the local names; any name when it listens on every address."""
    given = [h.strip() for h in os.environ.get("YUSUAN_ALLOWED_HOSTS", "").split(",") if h.strip()]
    if given:
        return given
    if host in ("0.0.0.0", "::", ""):
        return None
    return [host, "127.0.0.1", "localhost", "::1"]


def _check_port(host: str, port: int) -> None:
    """Fail with a clear line, before announcing any address, when the port cannot be listened on."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        _fail(f"无法解析监听地址：{host}")
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as e:
            reason = {errno.EADDRINUSE: "端口已被占用", errno.EACCES: "没有权限"}.get(e.errno, e.strerror or str(e))
            _fail(f"无法在 {host}:{port} 上监听：{reason}")


@app.command()
def serve(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址（局域网共享时用 0.0.0.0）"),
    port: int = typer.Option(8000, "--port", help="端口"),
    auth: bool = typer.Option(False, "--auth", help="要求登录（用户与角色由 yusuan user 管理）"),
    secure_cookies: bool = typer.Option(False, "--secure-cookies", help="cookie 只经 HTTPS 发送（经 HTTPS 反向代理提供服务时使用）"),
) -> None:
    """启动网页应用：上传、文件列表、表格与发现、单位历年对比、同年单位比较、规则统计；/docs 为 API 文档。"""
    import uvicorn

    from yusuan.serve.app import create_app
    from yusuan.store.database import open_database

    try:
        database = open_database(db)
        if auth:
            from yusuan.serve.auth import user_count

            if user_count(database) == 0:
                _fail("--auth 需要至少一个用户：先运行 yusuan user add 用户名 --role admin")
        application = create_app(database, auth=auth, secure_cookies=secure_cookies, allowed_hosts=_hosts(host))
    except YusuanError as e:
        _fail(e.message, e.exit_code)
    _check_port(host, port)
    Console(stderr=True).print(f"yusuan 网页应用：http://{host}:{port}/  （数据库 {database.url}，Ctrl-C 停止）",
                               highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
def batch(
    inputs: List[Path] = typer.Argument(..., help="文件、目录（逐层查找）或 .zip 压缩包（直接读取其中的文件）"),
    db: str = typer.Option(None, "--db", help=DB_HELP + "（与 --out 二选一）"),
    out: Path = typer.Option(None, "--out", help="写入目录：documents.jsonl 与 findings/figures 的 Parquet 文件，按块写入"),
    workers: int = typer.Option(None, "--workers", "-w", min=1, help="本机并行进程数（默认为 CPU 核数）"),
    dask: str = typer.Option(None, "--dask", help="在 Dask 集群上运行：调度器地址，如 tcp://scheduler:8786"),
    report: Path = typer.Option(None, "--report", help="另写一份 HTML 报告"),
    chunk: int = typer.Option(64, "--chunk", min=1, help="协调进程每次写入的文件数（写文件目录时）；工作进程写数据库时每个任务至多 8 份，且不超过此数"),
) -> None:
    """批量读取并核查大量预算公开文件：并行处理，结果写入数据库或文件；已处理的（按内容）跳过，中断后重新运行即可继续。"""
    import os

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from yusuan.batch.report import print_summary, write_html
    from yusuan.batch.runner import run
    from yusuan.batch.sinks import DatabaseSink, FileSink
    from yusuan.store.database import open_database
    from yusuan.read.sources import iter_sources

    if db and out:
        _fail("--db 与 --out 只能选一个")
    ignored: list[tuple[str, str]] = []
    try:
        sources = list(iter_sources(inputs, ignored))
        sink = FileSink(out) if out else DatabaseSink(open_database(db))
    except YusuanError as e:
        _fail(e.message, e.exit_code)
    if not sources:
        _fail(f"没有找到可处理的文件（支持 .txt .md .pdf .xlsx .xls .docx .html 及其 .zip 压缩包）"
              f"{f'；跳过了 {len(ignored)} 个隐藏或不支持的文件' if ignored else ''}")
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} 份/秒  无法读取 {task.fields[failed]}"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("批量处理", total=len(sources), rate=0.0, failed=0)

        def progress(summary) -> None:
            bar.update(task, completed=summary.processed + summary.skipped, rate=summary.rate,
                       failed=summary.statuses.get("failed", 0))

        try:
            summary = run(sources, sink, workers=workers or os.cpu_count() or 1, dask=dask, chunk=chunk,
                          progress=progress)
        except YusuanError as e:
            _fail(e.message, e.exit_code)
        except OSError as e:  # the Dask scheduler cannot be reached, the disk is full…
            _fail(f"批量处理失败：{e}")
    summary.ignored = ignored
    print_summary(summary, _console())
    if report:
        _atomic(report, lambda tmp: write_html(summary, tmp))
    if summary.interrupted:
        raise typer.Exit(130)
    if summary.statuses.get("failed") or summary.failed_before:
        raise typer.Exit(1)  # some files could not be read: recorded, the rest stored


class Role(str, Enum):
    viewer = "viewer"
    uploader = "uploader"
    admin = "admin"


users = typer.Typer(no_args_is_help=True, help="管理 yusuan serve --auth 的用户、角色与 API 令牌（变更角色、密码或删除用户时，其已登录的会话立即失效）。")
tokens = typer.Typer(no_args_is_help=True, help="脚本访问 API 的令牌（Authorization: Bearer <令牌>）。")
users.add_typer(tokens, name="token")
app.add_typer(users, name="user")


def _on_users(fn, db: str | None, *args):
    """`fn(database, *args)` on the users of `db`; a YusuanError (no such user, a short password,
    a database that cannot be opened) is one line and exit 2."""
    from yusuan.store.database import open_database

    try:
        return fn(open_database(db), *args)
    except YusuanError as e:
        _fail(e.message, e.exit_code)


PASSWORD = dict(prompt="密码", hide_input=True, confirmation_prompt=True, envvar="YUSUAN_PASSWORD",
                help="密码，至少 8 个字符（省略时提示输入）")


@users.command("add")
def user_add(
    name: str = typer.Argument(..., help="用户名"),
    role: Role = typer.Option(Role.viewer, "--role", help="viewer 只读、uploader 可上传、admin 可删除、看审计日志"),
    password: str = typer.Option(..., "--password", **PASSWORD),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """添加用户（已有同名用户时修改其角色和密码）。"""
    from yusuan.serve.auth import set_user

    created = _on_users(set_user, db, name, role.value, password)
    Console(stderr=True).print(f"{'已添加' if created else '已更新'}用户 {name}（{role.value}）", highlight=False)


@users.command("list")
def user_list(db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """列出用户、角色、当前会话数与 API 令牌数。"""
    from yusuan.serve.auth import ROLE_LABELS, list_users

    rows = _on_users(list_users, db)
    if not rows:
        Console(stderr=True).print("还没有用户（yusuan user add 用户名 --role admin）", highlight=False)
        return
    table = Table("用户", "角色", "会话", "API 令牌")
    for r in rows:
        table.add_row(escape(r["name"]), f"{r['role']}（{ROLE_LABELS[r['role']]}）", str(r["sessions"]), str(r["tokens"]))
    _console().print(table)


@users.command("set-role")
def user_set_role(name: str = typer.Argument(..., help="用户名"), role: Role = typer.Argument(..., help="新角色"),
                  db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """修改用户角色（其会话立即结束）。"""
    from yusuan.serve.auth import set_role

    _on_users(set_role, db, name, role.value)
    Console(stderr=True).print(f"用户 {name} 的角色改为 {role.value}，其会话已结束", highlight=False)


@users.command("passwd")
def user_passwd(name: str = typer.Argument(..., help="用户名"), password: str = typer.Option(..., "--password", **PASSWORD),
                db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """修改用户密码（其会话立即结束）。"""
    from yusuan.serve.auth import set_password

    _on_users(set_password, db, name, password)
    Console(stderr=True).print(f"用户 {name} 的密码已修改，其会话已结束", highlight=False)


@users.command("remove")
def user_remove(name: str = typer.Argument(..., help="用户名"), db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """删除用户及其会话和 API 令牌。"""
    from yusuan.serve.auth import remove_user

    _on_users(remove_user, db, name)
    Console(stderr=True).print(f"已删除用户 {name}", highlight=False)


@tokens.command("add")
def token_add(name: str = typer.Argument(..., help="用户名（令牌拥有该用户的角色）"),
              label: str = typer.Option("", "--label", help="用途说明，如“每晚导入脚本”"),
              db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """创建 API 令牌并显示一次（数据库只保存其散列）。"""
    from yusuan.serve.sessions import add_token

    number, token = _on_users(add_token, db, name, label)
    Console(stderr=True).print(f"已为 {name} 创建 API 令牌 {number}（只显示这一次，请妥善保存）：", highlight=False)
    typer.echo(token)


@tokens.command("list")
def token_list(name: str = typer.Argument(None, help="只列出此用户的令牌"),
               db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """列出 API 令牌（编号、用户、用途、创建与最近使用时间）。"""
    from yusuan.serve.sessions import list_tokens

    table = Table("编号", "用户", "用途", "创建", "最近使用")
    for t in _on_users(list_tokens, db, name):
        table.add_row(str(t["id"]), escape(t["user"]), escape(t["label"]), t["created_at"], t["last_used_at"] or "")
    _console().print(table)


@tokens.command("revoke")
def token_revoke(number: int = typer.Argument(..., help="令牌编号（yusuan user token list）"),
                 db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """撤销 API 令牌（立即失效）。"""
    from yusuan.serve.sessions import revoke_token

    _on_users(revoke_token, db, number)
    Console(stderr=True).print(f"API 令牌 {number} 已撤销", highlight=False)


@app.command()
def version() -> None:
    """显示版本号。"""
    typer.echo(f"yusuan {__version__}")


def main() -> None:
    """The `yusuan` command: every command under one guard. A defect of yusuan (an exception that
    is not a YusuanError) prints one Chinese line and exits 3 — never 1, which means “the document
    has findings”; the traceback only with --debug or YUSUAN_DEBUG=1."""
    try:
        app()
    except KeyboardInterrupt:
        Console(stderr=True).print("已中断", highlight=False)
        sys.exit(130)
    except Exception as e:  # noqa: BLE001 - the guard of last resort
        from yusuan.guard import internal

        err = e if isinstance(e, YusuanError) else internal(e)
        if os.environ.get("YUSUAN_DEBUG") == "1" and getattr(err, "details", ""):
            sys.stderr.write(err.details)
        _say(err.message)
        sys.exit(err.exit_code)


if __name__ == "__main__":  # python -m yusuan.cli
    main()
