"""``python main.py serve`` as a colleague meets it: a real server process, read over HTTP.

One server (a real ``main.py serve`` subprocess on a free local port) serves a fresh
sample file for the module; every test reads it through Datasette's JSON API with
urllib and checks what it says against the file. The server is always stopped in the
fixture's teardown; the test of Ctrl+C starts its own.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import main
from db.connection import hold_app_lock
from db.sample import build_sample
from db.store import Store
from tests.bad_files import other_app_file

ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 60  # a deadline for the server to come up, not a speed claim
STOP_SECONDS = 30


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    url: str
    path: Path
    log: Path

    def get(self, route: str, **params: str) -> Any:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        with urllib.request.urlopen(f"{self.url}{route}{query}", timeout=30) as response:
            return json.load(response)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(path: Path, *extra: str) -> Server:
    port = _free_port()
    log = path.with_name(f"serve-{port}.log")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "serve", str(path),
                                 "--port", str(port), *extra],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(proc, f"http://127.0.0.1:{port}", path, log)
    try:
        _wait_until_up(server)
    except BaseException:
        _stop(server)
        raise
    return server


def _wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            pytest.fail(f"serve exited with {server.proc.returncode}: {server.output()}")
        try:
            server.get("/-/versions.json")
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)  # polling for the server to come up, with a deadline
    pytest.fail(f"serve did not answer within {START_SECONDS} s: {server.output()}")


def _stop(server: Server) -> int:
    """Ctrl+C, as a user stops it; killed if it does not stop. Returns its exit status."""
    if server.proc.poll() is None:
        server.proc.send_signal(signal.SIGINT)
        try:
            server.proc.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait()
    return server.proc.returncode


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("served") / "sample.db"
    build_sample(path)
    server = _start(path)
    try:
        yield server
    finally:
        _stop(server)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_chronology_through_the_json_api_is_the_files(served: Server) -> None:
    rows = served.get("/sample/chronology.json", _shape="array", _size="max")
    with Store.open(served.path, readonly=True) as store:
        events = sorted(store.events(), key=lambda e: (e.earliest, e.latest, e.id))
        titles = {s.id: s.title for s in store.sources()}
        assert [(r["id"], r["title"], r["date"]) for r in rows] == [
            (e.id, e.title, e.date) for e in events]
        for row in rows:
            cited = json.loads(row["citations"])
            expected = store.citations_for("event", row["id"])
            assert [(c["source"], c["locator"]) for c in cited] == [
                (titles[c.source_id], c.locator) for c in expected]
            for c in expected:
                assert titles[c.source_id] in row["sources"] and c.locator in row["sources"]
    assert any(json.loads(r["citations"]) for r in rows)


def test_search_for_a_chinese_name_through_the_json_api(served: Server) -> None:
    rows = served.get("/sample/search.json", q="金東明", _shape="array")
    with Store.open(served.path, readonly=True) as store:
        expected = [(h.kind.value, h.id, h.title) for h in store.search("金東明")]
    assert [(r["kind"], r["id"], r["title"]) for r in rows] == expected
    assert expected == [("entity", expected[0][1], "Kim Dong-myeong")]
    short = served.get("/sample/search.json", q="金東", _shape="array")
    assert [(r["kind"], r["id"]) for r in short] == [(k, i) for k, i, _ in expected]


def test_the_page_says_the_files_title_and_hides_internals(served: Server) -> None:
    database = served.get("/sample.json")
    shown = {t["name"] for t in database["tables"] if not t["hidden"]}
    assert shown == {"events", "entities", "relationships", "sources", "citations",
                     "claims", "event_participants", "tags", "event_tags"}
    assert served.get("/-/metadata.json")["title"] == "Taiwan–South Korea engagement"
    [info] = served.get("/-/databases.json")
    assert info["is_mutable"] is False


def _refused(server: Server, route: str, data: bytes | None = None,
             method: str = "GET") -> int:
    request = urllib.request.Request(f"{server.url}{route}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


WRITES = [
    ("/sample.json?" + urllib.parse.urlencode({"sql": "INSERT INTO tags (name) VALUES ('x')"}),
     None, "GET"),
    ("/sample.json?" + urllib.parse.urlencode({"sql": "DELETE FROM events"}), None, "GET"),
    ("/sample.json?" + urllib.parse.urlencode({"sql": "PRAGMA user_version = 99"}), None,
     "GET"),
    ("/sample/-/create", b'{"table": "x", "rows": [{"a": 1}]}', "POST"),
    ("/sample/tags/-/insert", b'{"row": {"name": "x"}}', "POST"),
    ("/sample/events/1/-/delete", b"{}", "POST"),
    ("/sample/chronology", b"{}", "POST"),
]


def test_nothing_through_http_writes_to_the_file(served: Server) -> None:
    watcher = sqlite3.connect(f"{served.path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        version = watcher.execute("PRAGMA data_version").fetchone()[0]
        tags = watcher.execute("SELECT count(*) FROM tags").fetchone()[0]
        before = _sha(served.path)
        for route, data, method in WRITES:
            status = _refused(served, route, data, method)
            assert status >= 400, f"{method} {route} answered {status}"
            assert method == "GET" or status == 403, f"{method} {route} answered {status}"
        assert watcher.execute("PRAGMA data_version").fetchone()[0] == version
        assert watcher.execute("SELECT count(*) FROM tags").fetchone()[0] == tags
        assert _sha(served.path) == before
    finally:
        watcher.close()
    assert served.get("/sample/events.json", _shape="array", _size="1")


def test_a_threadline_window_cannot_take_the_file_while_it_is_served(served: Server) -> None:
    assert hold_app_lock(served.path) is None


def test_ctrl_c_stops_the_server_cleanly(sample_path: Path) -> None:
    server = _start(sample_path, "--exclude-notes")
    try:
        assert server.get("/sample/uncited.json", _shape="array") is not None
    finally:
        status = _stop(server)
    assert status == 0, server.output()
    assert "stopped serving" in server.output()
    with pytest.raises((urllib.error.URLError, ConnectionError, OSError)):
        server.get("/-/versions.json")
    lock = hold_app_lock(sample_path)
    assert lock is not None, "the file is still held after the server stopped"
    lock.close()


def _one_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main.run([str(a) for a in argv]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    return lines[0]


def test_serve_refuses_a_file_that_is_not_threadlines(capsys, tmp_path: Path) -> None:
    other = other_app_file(tmp_path / "other.db")
    before = _sha(other)
    assert "another application" in _one_error(capsys, "serve", other)
    assert _sha(other) == before
    assert "no such file" in _one_error(capsys, "serve", tmp_path / "missing.db")


def test_serve_refuses_a_file_open_in_threadline(capsys, sample_path: Path) -> None:
    lock = hold_app_lock(sample_path)
    try:
        assert "open in Threadline" in _one_error(capsys, "serve", sample_path)
    finally:
        assert lock is not None
        lock.close()


def test_serve_refuses_a_file_whose_wal_holds_changes(capsys, sample_path: Path) -> None:
    """Immutable mode reads the main file alone: it would not show these changes."""
    writer = sqlite3.connect(sample_path)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("INSERT INTO tags (name) VALUES ('only in the wal')")
        writer.commit()
        assert "not yet folded" in _one_error(capsys, "serve", sample_path)
    finally:
        writer.close()


def test_serve_refuses_a_port_in_use(capsys, sample_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert "cannot serve on" in _one_error(capsys, "serve", sample_path, "--port", port)
    assert "not a port" in _one_error(capsys, "serve", sample_path, "--port", "0")
    lock = hold_app_lock(sample_path)
    assert lock is not None, "a refused serve let go of the file"
    lock.close()


def test_serve_without_datasette_says_how_to_install_it(capsys, monkeypatch,
                                                         sample_path: Path) -> None:
    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    assert "pip install" in _one_error(capsys, "serve", sample_path)


def test_publish_command(capsys, sample_path: Path, tmp_path: Path) -> None:
    assert main.run(["publish", str(sample_path), str(tmp_path / "site")]) == 0
    assert "README.md" in capsys.readouterr().out
    assert (tmp_path / "site" / "metadata.json").is_file()
    assert "database itself" in _one_error(capsys, "publish", sample_path, sample_path)


def test_a_post_to_a_read_only_canned_query_is_a_clear_403(tmp_path: Path) -> None:
    """Through Datasette's own test client, with the app's metadata: Datasette alone
    answers this POST with a 500 page (its canned-query view crashes)."""
    import asyncio

    from datasette.app import Datasette

    from db.serve.metadata import build_metadata, read_facts, split_for
    from db.serve.readonly import register

    path = tmp_path / "sample.db"
    build_sample(path)
    before = _sha(path)
    metadata, _ = split_for(build_metadata(read_facts(path)), 0)
    register()
    datasette = Datasette(immutables=[str(path)], metadata=metadata)

    async def ask() -> list[tuple[int, dict[str, Any]]]:
        answers = []
        for route in ("/sample/chronology", "/sample/search?q=Kim", "/sample/tags/-/insert"):
            response = await datasette.client.post(route, json={"row": {"name": "x"}})
            answers.append((response.status_code, response.json()))
        get = await datasette.client.get("/sample/chronology.json?_shape=array")
        assert get.status_code == 200 and get.json()
        return answers

    for status, body in asyncio.run(ask()):
        assert status == 403
        assert body["ok"] is False and "shared read-only" in body["error"]
    assert _sha(path) == before
