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


class ExportError(StoreError):
    """An export could not be written; nothing was left behind."""


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
