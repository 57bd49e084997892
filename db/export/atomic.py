"""Write an export so that it appears whole or not at all.

Every export is written under a hidden temporary name next to its target and renamed
into place when complete, so an error or a crash half-way never leaves a truncated
file (or half a folder of CSV files) where the user expects an export.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from db.errors import StoreError

SIDECARS = ("-wal", "-shm", "-journal")
_THREADLINE_HEADER = (b"SQLite format 3\x00", 68, (0x54486C6E).to_bytes(4, "big"))


class ExportError(StoreError):
    """An export could not be written; nothing was left behind."""


def guard_output(out: Path, database: Path | None, force: bool = False) -> None:
    """Refuse an output that would land on a database rather than beside it.

    Never the database being read nor its ``-wal``/``-shm``/``-journal`` (by any path:
    the same device and inode, or the same folder and name); without ``force``, no
    other Threadline database nor a sidecar of one (a ``-wal`` of a file open elsewhere).
    """
    if database is not None:
        if _same(out, database):
            raise ExportError(f"{out} is the database itself; choose another output name")
        for suffix in SIDECARS:
            if _same(out, Path(f"{database}{suffix}")):
                raise ExportError(f"{out} is the database's own {suffix} file; choose "
                                  "another output name")
    if force:
        return
    if is_threadline_file(out):
        raise ExportError(f"{out} is a Threadline database; choose another name, or give "
                          "--force to replace it")
    for suffix in SIDECARS:
        base = Path(str(out)[:-len(suffix)]) if out.name.endswith(suffix) else None
        if base is not None and is_threadline_file(base):
            raise ExportError(f"{out} is the {suffix} file of the Threadline database "
                              f"{base.name}; choose another output name")


def is_threadline_file(path: Path) -> bool:
    """True if ``path`` is a file whose header marks it as a Threadline database."""
    magic, offset, application_id = _THREADLINE_HEADER
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    return header.startswith(magic) and header[offset:offset + 4] == application_id


def _same(a: Path, b: Path) -> bool:
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:
        pass
    try:
        return a.parent.resolve() / a.name == b.parent.resolve() / b.name
    except OSError:
        return False


def _partial(path: Path) -> Path:
    """A unique hidden sibling, so two exports never share a temporary name."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(3)}.partial")


def _check_parent(path: Path) -> None:
    if not path.parent.is_dir():
        raise ExportError(f"no such folder: {path.parent}")


@contextmanager
def atomic_file(path: Path, binary: bool = False) -> Iterator[IO[Any]]:
    """A handle on a temporary file that replaces ``path`` when the block succeeds."""
    _check_parent(path)
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name")
    partial = _partial(path)
    text: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
    try:
        with open(partial, "xb" if binary else "x", **text) as handle:
            yield handle
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_folder(path: Path) -> Iterator[Path]:
    """A temporary folder whose files land in ``path`` when the block succeeds.

    A new folder is renamed into place; into an existing folder each file is moved
    (replacing files of the same name) only once every file has been written.
    """
    _check_parent(path)
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path} is a file, not a folder")
    partial = _partial(path)
    try:
        partial.mkdir()
        yield partial
        if path.is_dir():
            for item in sorted(partial.iterdir()):
                os.replace(item, path / item.name)
            partial.rmdir()
        else:
            partial.rename(path)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
