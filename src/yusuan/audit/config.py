"""Rule selection from `[tool.yusuan]` in pyproject.toml (or a yusuan.toml), as ruff does."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from yusuan.errors import InputError


@dataclass
class AuditConfig:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"


def load_config(path: Path | None = None, cwd: Path | None = None) -> AuditConfig:
    """An explicit --config file, else yusuan.toml or pyproject.toml in the working folder."""
    candidates = [path] if path else [(cwd or Path.cwd()) / "yusuan.toml", (cwd or Path.cwd()) / "pyproject.toml"]
    for p in candidates:
        if p is None or not p.exists():
            if path is not None:
                raise InputError(f"配置文件不存在：{path}")
            continue
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise InputError(f"配置文件格式错误：{p}（{e}）") from None
        # pyproject.toml keeps it under [tool.yusuan]; a yusuan.toml may also put the keys at top level
        section = data.get("tool", {}).get("yusuan")
        if section is None and p.name != "pyproject.toml":
            section = data
        if not isinstance(section, dict):
            continue
        cfg = AuditConfig(select=list(section.get("select", [])), ignore=list(section.get("ignore", [])),
                          fail_on=str(section.get("fail-on", section.get("fail_on", "error"))))
        if cfg.fail_on not in ("error", "warning", "info", "none"):
            raise InputError(f"配置项 fail-on 只能是 error、warning、info 或 none：{p}")
        return cfg
    return AuditConfig()
