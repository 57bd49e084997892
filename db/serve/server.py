"""Run Datasette on a Threadline file, immutable, until Ctrl+C.

Datasette runs in this process (its own command line, called as a function), so the
file's Threadline lock (``db.connection.hold_app_lock``) is held for as long as it
serves: a Threadline window that opens the file meanwhile offers it read-only, and what
Datasette reads in immutable mode cannot change under it. A file that is open in
Threadline for editing is refused, as is one whose ``-wal`` still holds changes (left by
a Threadline that stopped): immutable mode reads the main file alone and would show the
file as it was before them.
"""

from __future__ import annotations

import importlib.metadata
import socket
import sys
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from db.connection import hold_app_lock, is_writable
from db.errors import LockedError, StoreError
from db.serve.copies import share_copy
from db.serve.metadata import FileFacts, build_metadata, read_facts, split_for, write_json

INSTALL_HINT = ("serving needs Datasette, which is not installed: "
                "pip install 'datasette>=0.65,<2' (or pip install -e '.[share]')")


class DatasetteMissing(StoreError):
    """Datasette is not installed (it is an optional extra)."""


@dataclass(frozen=True)
class ServeRequest:
    path: Path
    host: str = "127.0.0.1"
    port: int = 8001
    exclude_notes: bool = False


def datasette_major() -> int:
    """The installed Datasette's major version, or ``DatasetteMissing``."""
    try:
        version = importlib.metadata.version("datasette")
        import datasette  # noqa: F401  (installed but broken is missing too)
    except (importlib.metadata.PackageNotFoundError, ImportError):
        raise DatasetteMissing(INSTALL_HINT) from None
    return int(version.split(".")[0])


def serve(request: ServeRequest, announce: Callable[[str], None]) -> None:
    """Check the file, then serve it until interrupted (see module doc)."""
    major = datasette_major()
    facts = read_facts(request.path)
    with ExitStack() as stack:
        lock = _hold(request.path)
        if lock is not None:
            stack.callback(lock.close)
        _refuse_pending_wal(request.path)
        _check_port(request.host, request.port)
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="threadline-")))
        served = request.path
        if request.exclude_notes:
            served = folder / request.path.name
            share_copy(request.path, served, exclude_notes=True)
        args = _arguments(facts, folder, served, request, major)
        notes = "without notes" if request.exclude_notes else "notes included"
        announce(f"serving “{facts.title}” ({request.path.name}, read-only, {notes}) at "
                 f"{_address(request, facts.name)} — Ctrl+C stops")
        _run_datasette(args, request)


def _address(request: ServeRequest, name: str) -> str:
    """The database's page, its name encoded as Datasette routes it (``a b`` → ``a~20b``)."""
    from datasette.utils import tilde_encode

    return f"http://{request.host}:{request.port}/{tilde_encode(name)}"


def _hold(path: Path) -> BinaryIO | None:
    """The file's Threadline lock; a file open for editing in Threadline is refused."""
    lock = hold_app_lock(path)
    if lock is None and is_writable(path):
        raise LockedError(f"{path} is open in Threadline; close it there first (or serve "
                          "a copy: File › Save a Copy As)")
    return lock


def _refuse_pending_wal(path: Path) -> None:
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(f"{path} has changes not yet folded into it ({wal.name}); open it "
                         "in Threadline once and close it, then serve it")


def _check_port(host: str, port: int) -> None:
    """Refuse a port another program holds now, with one line, before anything starts."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, _, _, _, address = infos[0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            probe.bind(address)
    except OSError as exc:
        raise StoreError(f"cannot serve on {host}:{port}: "
                         f"{exc.strerror or exc} (choose another --port or --host)") from None


def _arguments(facts: FileFacts, folder: Path, served: Path, request: ServeRequest,
               major: int) -> list[str]:
    metadata, config = split_for(build_metadata(facts), major)
    write_json(metadata, folder / "metadata.json")
    args = ["serve", "--immutable", str(served), "--metadata", str(folder / "metadata.json"),
            "--host", request.host, "--port", str(request.port)]
    if config is not None:
        write_json(config, folder / "datasette.json")
        args += ["--config", str(folder / "datasette.json")]
    return args


def _run_datasette(args: list[str], request: ServeRequest) -> None:
    """Datasette's own ``serve``; returns when it stops: uvicorn shuts down on Ctrl+C."""
    import click
    from datasette.cli import cli

    from db.serve.readonly import register

    register()  # POST and the like: 403 with one sentence, never Datasette's 500
    try:
        cli.main(args=args, prog_name="datasette", standalone_mode=False)
    except KeyboardInterrupt:  # Ctrl+C before uvicorn takes the signal over: also a stop
        return
    except click.ClickException as exc:
        raise StoreError(f"Datasette refused to start: {exc.format_message()}") from None
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise StoreError(f"Datasette could not serve on {request.host}:{request.port} "
                             "(is the port in use?)") from None
    finally:
        sys.stdout.flush()
