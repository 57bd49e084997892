"""A real read-only file system for the tests: a read-only bind mount of a folder.

``mount --bind SRC RO && mount -o remount,ro,bind RO`` (root in a container that allows
it): the kernel itself answers EROFS, for root too. Where mounting is not permitted the
tests that need it are skipped with the reason, and tests/test_read_only_media.py still
covers the same path with ``folder_writable`` replaced.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from db.store import Store
from models.records import Event


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(args, capture_output=True, timeout=30, check=False)


@contextmanager
def read_only_mount(tmp_path: Path) -> Iterator[Path]:
    """A database ``archive.db`` (one event) in a folder mounted read-only; its path."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a read-only bind mount needs root and mount(8)")
    source, mounted = tmp_path / "media-source", tmp_path / "media"
    source.mkdir()
    mounted.mkdir()
    with Store.create(source / "archive.db") as store:
        store.add_event(Event(title="Talks", date="2000"))
    bound = _run("mount", "--bind", str(source), str(mounted))
    if bound.returncode != 0:
        pytest.skip(f"mount is not permitted here: {bound.stderr.decode().strip()}")
    try:
        remount = _run("mount", "-o", "remount,ro,bind", str(mounted))
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only: {remount.stderr.decode().strip()}")
        probe = mounted / ".probe"
        try:
            probe.touch()
            probe.unlink()
            pytest.skip("the bind mount is still writable")
        except OSError:
            pass
        yield mounted / "archive.db"
    finally:
        if _run("umount", str(mounted)).returncode != 0:
            _run("umount", "-l", str(mounted))
