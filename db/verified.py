"""Files this machine has already checked through, so reopening them stays fast.

``quick_check`` and ``foreign_key_check`` read every page and every reference: seconds
at a million events (see docs/benchmarks.md), on every open. A file that is exactly as
it was when it last passed them — or as Threadline left it when it closed it — need not
be read through again: its *identity* (device, inode, size and modification time of the
file and of its ``-wal``) is recorded in a small JSON file in the app's data folder, and
the next open skips the two slow checks when the identity matches. Any change made
while Threadline was not looking — another program's write, a sync tool's replacement,
a copy — changes the identity and the file is read through again. The quick checks
(header, sidecars, application id, version, exact schema) run on every open.

Nothing here is read from the database itself: a file cannot vouch for itself.
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from pathlib import Path

KEEP = 200  # the files remembered; the oldest is forgotten first
Identity = list[int]

_registry: Path | None = None


def use_registry(path: Path | None) -> None:
    """Remember checked files in ``path`` (None: remember nothing, check every open)."""
    global _registry
    _registry = path


def identity(db: Path) -> Identity | None:
    """What changes whenever the file's contents might: None for a missing file."""
    try:
        main = os.stat(db)
    except OSError:
        return None
    parts = [main.st_dev, main.st_ino, main.st_size, main.st_mtime_ns]
    try:
        wal = os.stat(f"{db}-wal")
        parts += [wal.st_size, wal.st_mtime_ns] if wal.st_size else [0, 0]
    except OSError:
        parts += [0, 0]
    return parts


def is_verified(db: Path) -> bool:
    """True when the file is exactly as it was when last checked or closed here."""
    current = identity(db)
    return current is not None and _load().get(_key(db)) == current


def remember(db: Path) -> None:
    """Record the file's identity now (after it passed the checks, or after a close)."""
    current = identity(db)
    if _registry is None or current is None:
        return
    entries = _load()
    entries.pop(_key(db), None)
    entries[_key(db)] = current
    kept = dict(list(entries.items())[-KEEP:])
    temporary = _registry.with_name(f".{_registry.name}.tmp")
    try:
        _registry.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(kept), encoding="utf-8")
        temporary.replace(_registry)
    except OSError:
        temporary.unlink(missing_ok=True)  # a read-only home: check every time, lose nothing


def forget(db: Path) -> None:
    """Check the file through at its next open (it failed, or was damaged)."""
    entries = _load()
    if _registry is not None and entries.pop(_key(db), None) is not None:
        with suppress(OSError):
            _registry.write_text(json.dumps(entries), encoding="utf-8")


def _key(db: Path) -> str:
    return str(Path(db).resolve())


def _load() -> dict[str, Identity]:
    if _registry is None:
        return {}
    try:
        data = json.loads(_registry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items()
            if isinstance(k, str) and isinstance(v, list) and all(type(n) is int for n in v)}
