"""Check the PyInstaller bundle: it runs on its own, offscreen (``make bundle-check``).

    python scripts/check_bundle.py [dist/threadline/threadline]

1. The bundle holds what the app loads at run time: the sample JSON, the icons, and the
   Qt plugins for offscreen and X11 (xcb) windows and for SVG images and icons.
2. ``threadline sample X.db`` builds the sample (the JSON is found inside the bundle),
   then ``threadline --screenshot OUT.png X.db`` writes a 1600x1000 PNG that is not blank.
3. A network of ``PROCESS_FROM`` + 100 entities is imported (``threadline import``) and
   shown: its layout runs in a child process spawned from the frozen executable, which
   must come up as a layout worker (``--multiprocessing-fork``), not as a second app.

Settings and app data go to a temporary folder. The PNG is read with the venv's Qt.
Prints each step's time; exit status 1 on the first failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BINARY = ROOT / "dist" / "threadline" / "threadline"
EXPECTED_SIZE = (1600, 1000)
BIG_NETWORK = 1600  # above ui.graph.layout_job.PROCESS_FROM (1500)
REQUIRED = (
    "resources/sample/taiwan_korea.json",
    "resources/icons/threadline.svg",
    "resources/icons/hicolor/48x48/apps/app.threadline.Threadline.png",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
)


class CheckFailed(Exception):
    pass


def _step(name: str, started: float) -> None:
    print(f"ok  {name} ({time.perf_counter() - started:.1f} s)", flush=True)


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
    env.pop("PYTHONPATH", None)  # the bundle must not borrow the venv's packages
    env.pop("PYTHONHOME", None)
    return env


def _run(binary: Path, args: list[str], env: dict[str, str], timeout: float = 120) -> str:
    done = subprocess.run([str(binary), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)
    if done.returncode != 0:
        raise CheckFailed(f"threadline {' '.join(args)} exited {done.returncode}:\n"
                          f"{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def check_contents(binary: Path) -> None:
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        raise CheckFailed(f"{binary} is not an executable file: run make bundle")
    internal = binary.parent / "_internal"
    missing = [rel for rel in REQUIRED if not (internal / rel).is_file()]
    if missing:
        raise CheckFailed(f"missing from {internal}: {', '.join(missing)}")


def check_png(path: Path) -> str:
    """Size and 'not blank' of the screenshot; a line describing it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    image = QImage(str(path))
    if image.isNull():
        raise CheckFailed(f"{path} is not a readable PNG")
    size = (image.width(), image.height())
    if size != EXPECTED_SIZE:
        raise CheckFailed(f"{path} is {size[0]}x{size[1]}, not "
                          f"{EXPECTED_SIZE[0]}x{EXPECTED_SIZE[1]}")
    counts: dict[int, int] = {}
    for y in range(0, size[1], 4):
        for x in range(0, size[0], 4):
            rgb = image.pixel(x, y) & 0xFFFFFF
            counts[rgb] = counts.get(rgb, 0) + 1
    total = sum(counts.values())
    dominant = max(counts.values()) / total
    if len(counts) < 64 or dominant > 0.9:
        raise CheckFailed(f"{path} looks blank: {len(counts)} colours, the commonest "
                          f"covers {dominant:.0%}")
    return f"{size[0]}x{size[1]}, {len(counts)} colours, commonest {dominant:.0%}"


def big_network(path: Path, n: int = BIG_NETWORK) -> None:
    """A Threadline JSON file: n organizations in a ring with chords, one source."""
    entities = [{"id": i, "kind": "organization", "name": f"Organization {i}"}
                for i in range(1, n + 1)]
    pairs = {(i, i % n + 1) for i in range(1, n + 1)}
    pairs |= {(i, (i * 7) % n + 1) for i in range(1, n + 1) if (i * 7) % n + 1 != i}
    relationships = [{"id": k, "from_id": a, "to_id": b, "kind": "works with"}
                     for k, (a, b) in enumerate(sorted(pairs), start=1)]
    data = {"format": "threadline", "version": 1, "sources": [], "entities": entities,
            "events": [], "relationships": relationships, "citations": []}
    path.write_text(json.dumps(data), encoding="utf-8")


def _children(pid: int) -> list[str]:
    """Command lines of the processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == pid:
                found.append((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except (OSError, ValueError, IndexError):
            continue
    return found


def check_layout_process(binary: Path, db: Path, out: Path, env: dict[str, str]) -> str:
    proc = subprocess.Popen([str(binary), "--screenshot", str(out), str(db)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: set[str] = set()
    deadline = time.monotonic() + 180
    while proc.poll() is None and time.monotonic() < deadline:
        seen.update(_children(proc.pid))
        time.sleep(0.02)
    if proc.poll() is None:
        proc.kill()
        proc.wait()
        raise CheckFailed("the bundle did not finish showing a big network in 180 s")
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise CheckFailed(f"--screenshot of a big network exited {proc.returncode}:\n"
                          f"{stdout}{stderr}")
    problems = [line for line in stderr.splitlines()
                if "layout process unavailable" in line or line.startswith("error:")
                or "Traceback" in line]
    if problems:
        raise CheckFailed("the layout process failed in the bundle:\n" + stderr)
    workers = [c for c in seen if "--multiprocessing-fork" in c]
    if not workers:
        raise CheckFailed("no layout process was seen (children: "
                          f"{sorted(seen) or 'none'})")
    return f"{len(seen)} child process(es), e.g. {workers[0][:100]}"


def main(argv: list[str]) -> int:
    binary = Path(argv[0] if argv else DEFAULT_BINARY).absolute()
    total = time.perf_counter()
    try:
        started = time.perf_counter()
        check_contents(binary)
        size = sum(p.lstat().st_size for p in binary.parent.rglob("*")
                   if p.is_file() and not p.is_symlink())
        _step(f"contents of {binary.parent} ({size / 2**20:.0f} MiB)", started)
        with tempfile.TemporaryDirectory(prefix="threadline-bundle-") as tmp:
            home = Path(tmp)
            env = _env(home)
            started = time.perf_counter()
            _run(binary, ["sample", str(home / "sample.db")], env)
            _step("threadline sample sample.db", started)
            started = time.perf_counter()
            shot = home / "sample.png"
            _run(binary, ["--screenshot", str(shot), str(home / "sample.db")], env)
            _step("threadline --screenshot sample.png sample.db", started)
            print(f"    {check_png(shot)}")
            started = time.perf_counter()
            big_network(home / "big.json")
            _run(binary, ["new", str(home / "big.db")], env)
            _run(binary, ["import", str(home / "big.db"), str(home / "big.json")], env)
            _step(f"threadline import of {BIG_NETWORK} entities", started)
            started = time.perf_counter()
            detail = check_layout_process(binary, home / "big.db", home / "big.png", env)
            _step("big network laid out in a spawned process", started)
            print(f"    {detail}")
            print(f"    {check_png(home / 'big.png')}")
    except (CheckFailed, subprocess.TimeoutExpired) as exc:
        print(f"FAIL {exc}", file=sys.stderr)
        return 1
    print(f"bundle OK ({time.perf_counter() - total:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
