"""An archive's directory checked before anything is decompressed (xlsx and docx are zip files).

A zip bomb announces itself in its central directory: member counts, uncompressed sizes and
their ratio to the compressed ones. They are checked against the bounds of `yusuan.limits`
first; the readers then decompress only what passed. Python's zipfile never returns more bytes
for a member than the directory declares, so a member cannot grow past what was checked.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from yusuan.errors import InputError
from yusuan.limits import limits

SMALL = 10 * 1024 * 1024  # a member this small is never a bomb, whatever its ratio


def open_archive(data: bytes, source: str) -> zipfile.ZipFile:
    """The archive, once its directory is within the bounds; InputError (one Chinese line) otherwise."""
    lim = limits()
    try:
        z = zipfile.ZipFile(BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError, EOFError) as e:
        raise InputError(f"压缩包（或 Excel/Word 文件）已损坏或使用了不支持的压缩格式：{source}（{type(e).__name__}）") from None
    if len(infos) > lim.max_members:
        raise InputError(f"压缩包中的文件过多（{len(infos)} 个，上限 {lim.max_members} 个，YUSUAN_MAX_MEMBERS）：{source}")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > SMALL and ratio > lim.max_ratio:
            raise InputError(f"压缩包中的“{info.filename[:60]}”解压后是压缩大小的 {ratio:.0f} 倍"
                             f"（上限 {lim.max_ratio} 倍，YUSUAN_MAX_RATIO），疑为压缩炸弹，未读取：{source}")
    if total > lim.max_unpacked:
        raise InputError(f"压缩包解压后共 {total // (1024 * 1024)} MB，超过上限 {lim.max_unpacked // (1024 * 1024)} MB"
                         f"（YUSUAN_MAX_UNPACKED_MB）：{source}")
    return z


def check_archive(data: bytes, source: str) -> set[str]:
    """The member names of an archive within the bounds."""
    with open_archive(data, source) as z:
        return set(z.namelist())
