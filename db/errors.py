"""Errors the data layer raises for the user to read.

Each message is one sentence that names the file or record and says what is wrong, so
the command line can print it after ``error:`` and the GUI can put it in a dialog.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class StoreError(Exception):
    """A problem with a database file or a write that the user can act on."""


class FileMissingError(StoreError):
    """The path does not exist (or is not a file)."""


class NotThreadlineError(StoreError):
    """The file is not SQLite, or an SQLite file of another application."""


class NewerSchemaError(StoreError):
    """The file was written by a newer Threadline; it is left untouched."""


class ReadOnlyError(StoreError):
    """A write was asked of a file that cannot be written."""


class LockedError(StoreError):
    """Another process holds the file's write lock."""


class FileReplacedError(StoreError):
    """The path of an open file now names another file, or none: writing stopped."""


class ValidationError(StoreError):
    """A record (or several, for an import) is invalid; nothing was written."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        shown = "; ".join(self.problems[:20])
        more = len(self.problems) - 20
        if more > 0:
            shown += f"; and {more} more"
        super().__init__(shown)


class NotFoundError(StoreError):
    """A record id that does not exist."""


def require_regular_file(path: Path, what: str = "a file") -> None:
    """Refuse, before opening it, a path that is not a regular file: a folder, or a FIFO,
    a device or a socket, whose reading would wait forever or never end (``/dev/zero``)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise FileMissingError(f"no such file: {path}") from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise FileMissingError(f"{path} is a folder, not {what}")
    if not stat.S_ISREG(mode):
        raise StoreError(f"{path} is not a regular file (a pipe, a device or a socket), "
                         f"not {what}; nothing was read from it")


def read_input_file(path: Path) -> bytes:
    """The bytes of a file given to import, or the error a user can act on."""
    require_regular_file(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FileMissingError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise FileMissingError(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None


def one_line(message: str) -> str:
    """``message`` as one line a terminal shows as it is: a newline, a carriage return or
    an escape sequence (a file name may hold any of them) written as ``\\n``, ``\\x1b``."""
    return "".join(_visible(c) for c in message)


def _visible(char: str) -> str:
    if char.isprintable() or char == " ":
        return char
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{ord(char):02x}"
                                                     if ord(char) < 0x100 else
                                                     f"\\u{ord(char):04x}")
