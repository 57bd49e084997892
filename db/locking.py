"""One writer per file: a claim on the file itself, known by device and inode.

A window (or a writing command) claims its file with an exclusive advisory ``flock``
on the database file. The lock belongs to the file, not to a path: a symlink, a hard
link or a ``..`` path reach the same inode and the same lock, in this process and in any
other. It is released when the claim is closed or its process dies, so a crash never
leaves a stale lock. Within one process the claims are also kept by (device, inode), so
a second claim is refused without opening the file again (closing a second descriptor
of a file would drop the POSIX locks SQLite holds on it in this process).

``identity`` lets a writer notice that its path now names another file (replaced, as
sync tools do, or deleted): ``Store`` compares it before every write.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from db.errors import LockedError

__all__ = ["FileClaim", "claim", "identity"]

Identity = tuple[int, int]
_HELD: dict[Identity, FileClaim] = {}


def identity(path: Path) -> Identity | None:
    """(device, inode) of the file a path names now; None if there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


class FileClaim:
    """The exclusive claim on one file; ``close`` gives it up."""

    def __init__(self, path: Path, handle: BinaryIO) -> None:
        self.path = path
        self.handle = handle
        found = os.fstat(handle.fileno())
        self.identity: Identity = (found.st_dev, found.st_ino)

    def close(self) -> None:
        if _HELD.get(self.identity) is self:
            del _HELD[self.identity]
        self.handle.close()


def claim(path: Path) -> FileClaim:
    """Claim ``path``'s file for writing, or raise ``LockedError`` if another holds it."""
    known = identity(path)
    if known is not None and known in _HELD:
        raise _in_use(path)
    handle = path.open("rb")
    if fcntl is not None:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise _in_use(path) from None
    held = FileClaim(path, handle)
    _HELD[held.identity] = held
    return held


def _in_use(path: Path) -> LockedError:
    return LockedError(f"{path} is in use: open in another Threadline window or process; "
                       "close it there first (it was left untouched)")
