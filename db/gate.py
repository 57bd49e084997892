"""The opening gate: judge a file as SQLite sees it before anything may write to it.

SQLite reads a database together with its ``-wal`` (and replays a hot ``-journal`` on a
writing open), so the 100-byte header of the main file alone cannot tell what a
writing open would do. The gate opens the file read-only (``mode=ro``: this
connection cannot write the database, its WAL or a journal), and judges what SQLite
sees through it: the application id and schema version, the schema itself (every
table, index, trigger and view compared with what ``db.schema`` creates, whitespace
aside), ``PRAGMA quick_check`` and ``PRAGMA foreign_key_check``. Sidecar files that
cannot belong to a Threadline file (a rollback journal: Threadline files are WAL files;
a WAL of another page size, or beside a file not in WAL mode) are refused first.

Anything else is refused with one sentence (``db.errors``) and no byte of the file or
its sidecars changes; a ``-shm`` or empty ``-wal`` the read-only open had to create is
removed again.
"""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path

from db import schema, verified
from db.connection import locked_or, read_header, read_uri
from db.errors import NewerSchemaError, NotThreadlineError, StoreError

__all__ = ["absent_sidecars", "can_check_later", "check_contents", "check_read",
           "check_sidecars", "expected_schema", "judge", "remove_created"]

WAL_MAGIC = (0x377F0682, 0x377F0683)
Entry = tuple[str, str, str, str]  # type, name, table, sql with whitespace collapsed


def judge(path: Path, thorough: bool = True) -> int:
    """Refuse a file a writing open must not touch; return its schema version.

    ``thorough=False`` leaves out ``quick_check`` and ``foreign_key_check`` (seconds at a
    million events): for a caller that has run ``check_contents`` on its loader thread.
    """
    read_header(path)  # missing, a folder, empty, not SQLite: said plainly
    check_sidecars(path)
    created = absent_sidecars(path)
    try:
        conn = sqlite3.connect(read_uri(path), uri=True,
                               isolation_level=None, check_same_thread=False)
        try:
            return check_contents(conn, path, thorough)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        remove_created(created)
        raise _refusal(exc, path) from None
    except StoreError:
        remove_created(created)
        raise


def can_check_later(path: Path, version: int) -> bool:
    """True when a window may open the file read-only and run ``check_integrity`` after
    painting: it is of the current schema (an upgrade writes, so that file is checked
    first) and ``db.verified`` does not know it as it is."""
    return version == schema.current_version() and not verified.is_verified(path)


def check_contents(conn: sqlite3.Connection, path: Path, thorough: bool = True) -> int:
    """Judge what an open connection sees; return the schema version or raise why not."""
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id != schema.APPLICATION_ID:
        raise NotThreadlineError(
            f"{path} is an SQLite database of another application, not a Threadline database")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > schema.current_version():
        raise NewerSchemaError(
            f"{path} was written by a newer Threadline (schema {version}; this version "
            f"reads up to {schema.current_version()}); it was left untouched")
    compare_schema(conn, path, version)
    if thorough and not verified.is_verified(path):
        check_integrity(conn, path)
        verified.remember(path)
    return version


def check_read(conn: sqlite3.Connection, path: Path) -> int:
    """``check_contents`` for a loader thread's read-only connection: SQLite's own errors
    become the same one-sentence refusals ``judge`` gives."""
    try:
        return check_contents(conn, path)
    except sqlite3.DatabaseError as exc:
        raise _refusal(exc, path) from None


def compare_schema(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Refuse a schema that is not exactly the one ``version`` of Threadline creates."""
    found = _entries(conn)
    expected = expected_schema(version)
    extra = sorted(found - expected)
    missing = sorted(expected - found)
    if not extra and not missing:
        return
    names = {(kind, name) for kind, name, *_ in missing}
    parts = [f"{kind} {name} differs" for kind, name, *_ in extra if (kind, name) in names]
    parts += [f"unexpected {kind} {name}" for kind, name, *_ in extra
              if (kind, name) not in names]
    parts += [f"missing {kind} {name}" for kind, name, *_ in missing
              if (kind, name) not in {(k, n) for k, n, *_ in extra}]
    shown = "; ".join(parts[:3]) + (f"; and {len(parts) - 3} more" if len(parts) > 3 else "")
    raise NotThreadlineError(f"{path} does not have Threadline's schema ({shown}); "
                             "it was left untouched")


def check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    """SQLite's ``quick_check`` and ``foreign_key_check``: a damaged file is refused.
    A file exactly as it was when it last passed here is not read through again
    (``db.verified``, called by ``check_contents``)."""
    verified.forget(path)
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
    if problems != ["ok"]:
        lines = [line for line in "\n".join(problems).splitlines()
                 if line.strip() and not line.startswith("***")]
        first = lines[0].strip() if lines else "failed"
        raise NotThreadlineError(f"{path} is damaged (SQLite's quick_check: {first}); "
                                 "it was left untouched")
    dangling = conn.execute("PRAGMA foreign_key_check").fetchone()
    if dangling is not None:
        table, rowid, parent, _ = dangling
        raise NotThreadlineError(f"{path} is damaged: row {rowid} of {table} points at a "
                                 f"{parent} record that does not exist; it was left untouched")


@cache
def expected_schema(version: int) -> frozenset[Entry]:
    """What ``sqlite_master`` holds in a file that migrations 1..``version`` built."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for migration in schema.MIGRATIONS[:version]:
            migration(conn)
        return frozenset(_entries(conn))
    finally:
        conn.close()


def _entries(conn: sqlite3.Connection) -> set[Entry]:
    sql = ("SELECT type, name, tbl_name, sql FROM main.sqlite_master "
           "WHERE name NOT LIKE 'sqlite_stat%'")
    return {(kind, name, table, " ".join((text or "").split()))
            for kind, name, table, text in conn.execute(sql)}


def check_sidecars(path: Path) -> None:
    """Refuse a ``-journal`` or ``-wal`` that cannot be this file's own, and any sidecar
    that is a link or not a regular file (SQLite would write through a link)."""
    for suffix in ("-wal", "-shm", "-journal"):
        sidecar = Path(f"{path}{suffix}")
        if sidecar.is_symlink() or (sidecar.exists() and not sidecar.is_file()):
            raise NotThreadlineError(
                f"{sidecar.name} beside {path.name} is a link or not a regular file, which "
                f"a Threadline file never has; move it away to open {path} (both were left "
                "untouched)")
    journal = Path(f"{path}-journal")
    if _size(journal) > 0:
        raise NotThreadlineError(
            f"{journal.name} lies beside {path.name} but a Threadline file keeps no rollback "
            f"journal; move it away to open {path} (both were left untouched)")
    wal = Path(f"{path}-wal")
    if _size(wal) == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(100)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    with wal.open("rb") as handle:
        wal_header = handle.read(32)
    magic = int.from_bytes(wal_header[0:4], "big") if len(wal_header) == 32 else 0
    wal_page = int.from_bytes(wal_header[8:12], "big") if magic else 0
    if header[18] != 2 or magic not in WAL_MAGIC or wal_page != page_size:
        raise NotThreadlineError(
            f"{wal.name} does not belong to {path.name} (not a WAL of its page size and "
            f"mode); move it away to open {path} (both were left untouched)")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}-wal"), Path(f"{path}-shm")]


def absent_sidecars(path: Path) -> list[Path]:
    """The ``-wal`` and ``-shm`` not beside ``path`` now (a read-only look may make them)."""
    return [p for p in _sidecars(path) if not p.exists()]


def remove_created(created: list[Path]) -> None:
    """Take away the sidecars a refused read-only open created (the folder as found)."""
    for sidecar in created:
        if sidecar.name.endswith("-shm") or _size(sidecar) == 0:
            sidecar.unlink(missing_ok=True)


def _refusal(exc: sqlite3.DatabaseError, path: Path) -> StoreError:
    error = locked_or(exc, path)
    if type(error) is StoreError:
        return NotThreadlineError(f"{path} is damaged or cannot be read ({exc}); "
                                  "it was left untouched")
    return error
