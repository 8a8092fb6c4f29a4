"""Budget input from a file: the officer's workbook, YAML or JSON, by content."""

from __future__ import annotations

import json
from pathlib import Path

from yusuan.compose.input import Where, budget_from_dict
from yusuan.compose.problems import Problems
from yusuan.errors import InputError
from yusuan.model.budget import Budget

MAX_BYTES = 50 * 1024 * 1024


def load_budget(path: Path, problems: Problems) -> tuple[Budget | None, Where]:
    """The Budget in `path`, with every problem (sheet and cell, or field path) in `problems`, and
    where each field of the input stands, for the checks that follow."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise InputError(f"这是一个目录，不是文件：{path}") from None
    except OSError as e:
        raise InputError(f"无法读取文件：{path}（{e.strerror or e}）") from None
    if not data.strip():
        raise InputError(f"文件是空的：{path}")
    if len(data) > MAX_BYTES:
        raise InputError(f"文件太大（{len(data) // 1024 // 1024} MB），预算编制数据不应超过 50 MB：{path}")
    if data[:4] == b"PK\x03\x04":
        from yusuan.compose.workbook import read_workbook

        raw, cells = read_workbook(Path(path), problems)

        def where(p: str) -> str:
            return cells.get(p) or cells.get(p.split(".")[0]) or cells.get(p.split("[")[0]) or p

        return (None if problems.errors else budget_from_dict(raw, problems, where)), where
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"无法识别的文件：{path}（预算编制数据应为 yusuan 模板 Excel、YAML 或 JSON，UTF-8 编码）") from None
    try:
        if text.lstrip().startswith(("{", "[")):
            raw = json.loads(text)
        else:
            import yaml

            raw = yaml.safe_load(text)
    except json.JSONDecodeError as e:
        raise InputError(f"JSON 格式错误：{path} 第 {e.lineno} 行第 {e.colno} 列（{e.msg}）") from None
    except Exception as e:  # yaml's errors carry a position
        mark = getattr(e, "problem_mark", None)
        at = f" 第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
        raise InputError(f"YAML 格式错误：{path}{at}（{getattr(e, 'problem', None) or type(e).__name__}）") from None
    return budget_from_dict(raw, problems), _as_is


def _as_is(path: str) -> str:
    return path
