"""Opening a database file safely: check it, lock it, migrate it.

A file is judged from its 100-byte SQLite header before SQLite opens it, so a file that
is not ours (not SQLite, another application's, a newer Threadline's) is refused
without a single byte of it changing. Only then is it opened, WAL switched on and
pending migrations run (after a backup copy is made).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import time
from pathlib import Path

from db import schema
from db.errors import (
    FileMissingError,
    LockedError,
    NewerSchemaError,
    NotThreadlineError,
    ReadOnlyError,
    StoreError,
    require_regular_file,
)
from db.locking import FileClaim, claim

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 2000


def read_header(path: Path) -> tuple[int, int]:
    """Return (application_id, user_version) from the file header, or raise why not."""
    require_regular_file(path, "a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from exc
    if len(header) == 0:
        raise NotThreadlineError(f"{path} is empty, not a Threadline database")
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise NotThreadlineError(f"{path} is not a Threadline database (not an SQLite file)")
    user_version = int.from_bytes(header[60:64], "big", signed=True)
    application_id = int.from_bytes(header[68:72], "big", signed=True)
    return application_id, user_version


def check_header(path: Path) -> int:
    """Refuse files that are not ours or too new; return the schema version found."""
    application_id, user_version = read_header(path)
    if application_id != schema.APPLICATION_ID:
        raise NotThreadlineError(
            f"{path} is an SQLite database of another application, not a Threadline database"
        )
    if user_version > schema.current_version():
        raise NewerSchemaError(
            f"{path} was written by a newer Threadline (schema {user_version}; this version "
            f"reads up to {schema.current_version()}); it was left untouched"
        )
    return user_version


def is_writable(path: Path) -> bool:
    """True if the file and its folder may be written (permission bits, even for root)."""
    mode = path.stat().st_mode
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return False
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def read_uri(path: Path) -> str:
    """The URI of a read-only open that cannot write: ``mode=ro``, and on read-only media
    (a folder that cannot be written, no ``-wal``) ``immutable=1`` too, since SQLite
    could not create the ``-shm`` a WAL file's readers share there."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal = Path(f"{path}-wal")
    if not folder_writable(path) and not (wal.exists() and wal.stat().st_size > 0):
        uri += "&immutable=1"
    return uri


def folder_writable(path: Path) -> bool:
    """True if new files (the ``-shm``) can be made beside ``path``."""
    return os.access(path.resolve().parent, os.W_OK)


def connect(path: Path, readonly: bool) -> sqlite3.Connection:
    """Open an SQLite connection with foreign keys on; WAL for writable files.

    ``isolation_level=None``: Python never opens a transaction behind our back, so a
    statement outside ``Store.transaction`` commits at once and nothing is left pending.
    """
    uri = read_uri(path) if readonly else f"{path.resolve().as_uri()}?mode=rw"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                           check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not readonly:
        _enable_wal(conn, path)
    return conn


def _enable_wal(conn: sqlite3.Connection, path: Path) -> None:
    try:
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise locked_or(exc, path) from exc


def locked_or(exc: sqlite3.DatabaseError, path: Path) -> StoreError:
    """Turn SQLite's operational errors into messages a user can act on."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return LockedError(f"{path} is in use by another program (the database is locked)")
    if "readonly" in text or "read-only" in text:
        return ReadOnlyError(f"{path} is read-only")
    if "full" in text:
        return StoreError(f"{path}: the disk is full; nothing of this change was written")
    if "not a database" in text or "malformed" in text:
        return NotThreadlineError(f"{path} is damaged or not a Threadline database ({text})")
    return StoreError(f"{path}: {text}")


def create_file(path: Path) -> sqlite3.Connection:
    """Create a new, empty Threadline database at ``path`` (which must not exist)."""
    if path.exists():
        raise StoreError(f"{path} already exists; choose a new file name")
    if not path.parent.is_dir():
        raise FileMissingError(f"no such folder: {path.parent}")
    conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, path, found=0)
    return conn


def migrate(conn: sqlite3.Connection, path: Path, found: int) -> None:
    """Run migrations found+1 .. the current version in one transaction, after a backup."""
    migrations = schema.MIGRATIONS
    if found >= len(migrations):
        return
    if found > 0:
        backup_copy(conn, path, found)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for migration in migrations[found:]:
            migration(conn)
        conn.execute(f"PRAGMA user_version = {len(migrations)}")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"upgrading {path} failed ({exc}); it was left as it was") from exc
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def backup_copy(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the database (consistently, through SQLite's backup API) beside itself,
    under a temporary name renamed once the copy is whole."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    if target.exists():
        target = path.with_name(f"{path.name}.v{version}.{time.strftime('%Y%m%d-%H%M%S')}.bak")
    partial = target.with_name(f".{target.name}.partial")  # a crash leaves no half backup
    partial.unlink(missing_ok=True)
    try:
        copy = sqlite3.connect(str(partial))
        try:
            conn.backup(copy)
        finally:
            copy.close()
        shutil.copymode(path, partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def hold_app_lock(path: Path) -> FileClaim | None:
    """Mark the file as open in this Threadline process; None if another holds it.

    The claim of ``db.locking``: an advisory ``flock`` on the database file, known by
    device and inode, released when closed or when the process dies.
    """
    try:
        return claim(path)
    except LockedError:
        return None
