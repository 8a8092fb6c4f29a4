"""The `yusuan` command line: thin, it parses arguments and calls the library."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List

import typer
from rich.console import Console

from yusuan import __version__
from yusuan.errors import YusuanError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="yusuan 预算：读取、核查、比较部门/单位预算公开文件。")


class ParseFormat(str, Enum):
    json = "json"
    text = "text"


def _fail(message: str, code: int = 2) -> None:
    Console(stderr=True).print(f"[red]错误[/red]：{message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@app.command()
def parse(
    files: List[Path] = typer.Argument(..., help="预算公开文件（文本/Markdown）"),
    format: ParseFormat = typer.Option(ParseFormat.text, "--format", "-f", help="输出格式：json 或 text"),
    output: Path = typer.Option(None, "--output", "-o", help="写入文件而不是标准输出"),
) -> None:
    """读取预算公开文件，输出结构化数据（每个数字都带来源位置）。"""
    from yusuan.output.json_out import disclosure_dict
    from yusuan.output.text_out import print_summary
    from yusuan.parse import parse_file
    import json

    results = []
    for f in files:
        try:
            results.append(parse_file(f))
        except YusuanError as e:
            _fail(e.message, e.exit_code)
    if format == ParseFormat.json:
        docs = [disclosure_dict(d) for d in results]
        text = json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2)
        _write(text, output)
    else:
        console = Console(record=output is not None, width=140 if output else None)
        for d in results:
            print_summary(d, console)
        if output:
            _write(console.export_text(), output)


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


@app.command()
def version() -> None:
    """显示版本号。"""
    typer.echo(f"yusuan {__version__}")


def main() -> None:  # pragma: no cover
    app()
if __name__ == "__main__":  # python -m yusuan.cli
    app()
