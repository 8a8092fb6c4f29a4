"""The documents to read among paths given on the command line (`yusuan import`, `yusuan batch`):
files, directories (recursed) and .zip archives (read in place)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from yusuan.errors import InputError

SUFFIXES = {".txt", ".md", ".pdf", ".xlsx", ".xlsm", ".xls", ".docx", ".html", ".htm"}


@dataclass(frozen=True)
class Source:
    """A file on disk, or a member of a zip archive (`member` set)."""

    path: Path
    member: str | None = None
    base: Path | None = None  # the directory it was found in, as given

    @property
    def name(self) -> str:
        return f"{self.path}!{self.member}" if self.member else str(self.path)

    @property
    def label(self) -> str:
        """What a store, a web page or a report may show: the path below the directory given, or
        the archive's name and the member's; never where the server keeps its files."""
        own = self.path.name
        if self.base is not None:
            try:
                own = self.path.relative_to(self.base).as_posix()
            except ValueError:
                pass
        return f"{own}!{self.member}" if self.member else own

    @property
    def filename(self) -> str:
        """The file's own name, without its folder or archive."""
        return Path(self.member).name if self.member else self.path.name

    def read(self) -> bytes:
        if self.member is None:
            return self.path.read_bytes()
        if unsafe_member(self.member):
            raise InputError(f"压缩包中的文件名不安全（含“..”或绝对路径）：{self.member[:80]}，已跳过，未读取")
        from yusuan.limits import limits

        lim = limits()
        try:
            with zipfile.ZipFile(self.path) as z:
                info = z.getinfo(self.member)
                if info.file_size > lim.max_bytes or info.file_size / max(info.compress_size, 1) > max(lim.max_ratio, 1000):
                    raise InputError(f"压缩包中的文件解压后过大（{info.file_size // (1024 * 1024)} MB），疑为压缩炸弹，未读取")
                return z.read(self.member)
        except (zipfile.BadZipFile, NotImplementedError, KeyError, EOFError) as e:
            raise InputError(f"无法从压缩包中读出该文件（{type(e).__name__}）") from None


HIDDEN = "隐藏文件（名称以“.”开头或在 __MACOSX 中），已跳过，未读取"


def _hidden(parts) -> bool:
    return any(p.startswith((".", "__MACOSX")) for p in parts)


def _unsupported(name: str) -> str:
    return f"不支持的文件类型（{Path(name).suffix.lower() or '无扩展名'}），已跳过"


def _archive(path: Path, skipped: list | None, base: Path | None = None) -> Iterator[Source]:
    try:
        with zipfile.ZipFile(path) as z:
            names = [i.filename for i in z.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError):
        yield Source(path, base=base)  # read as a file: the batch records why it cannot be read
        return
    for n in sorted(names):
        src = Source(path, n, base)
        if unsafe_member(n) and Path(n).suffix.lower() in SUFFIXES:
            yield src  # an unsafe name is reported (its read refuses it), never read or written
        elif _hidden(Path(n).parts):
            _skip(skipped, src.label, HIDDEN)
        elif Path(n).suffix.lower() not in SUFFIXES:
            _skip(skipped, src.label, _unsupported(n))
        else:
            yield src


def _skip(skipped: list | None, label: str, reason: str) -> None:
    if skipped is not None:
        skipped.append((label[:400], reason))


def unsafe_member(name: str) -> bool:
    """A member name that climbs out of the archive or starts at the root: '../x.pdf', '/etc/x', 'C:\\x'."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":")


def _is_office(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError):
        return False
    return "[Content_Types].xml" in names  # .xlsx and .docx are zip files too


def iter_sources(paths: list[Path], skipped: list | None = None) -> Iterator[Source]:
    """Every document under `paths`, in a stable order; InputError for a path that does not exist.
    Files passed over (hidden, or of a type yusuan does not read) are added to `skipped` as
    (label, reason)."""
    for p in paths:
        if not p.exists():
            raise InputError(f"文件不存在：{p}")
    for p in paths:
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        base = p if p.is_dir() else None
        for f in files:
            rel = f.relative_to(p).parts if p.is_dir() else ()
            if _hidden(rel):
                _skip(skipped, Source(f, base=base).label, HIDDEN)
            elif f.suffix.lower() == ".zip" and not _is_office(f):
                yield from _archive(f, skipped, base)
            elif not p.is_dir() or f.suffix.lower() in SUFFIXES:
                yield Source(f, base=base)
            else:
                _skip(skipped, Source(f, base=base).label, _unsupported(f.name))
