"""``main.py --screenshot OUT.png FILE.db --select KIND:NAME-OR-ID``: the README's picture,
a selected record with its sources, made by the app itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def screenshot(out: Path, *args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--screenshot", str(out),
                           *map(str, args)], capture_output=True, text=True, timeout=120,
                          env=ENV)


def detail_ink(image: QImage) -> int:
    """Dark pixels in the detail panel (the window's right side, under its title)."""
    return sum(1 for x in range(1230, 1600, 3) for y in range(160, 600, 3)
               if QColor(image.pixel(x, y)).lightness() < 110)


def test_select_shows_the_record_and_its_sources(tmp_path: Path, sample_path: Path) -> None:
    plain, kim = tmp_path / "plain.png", tmp_path / "kim.png"
    assert screenshot(plain, sample_path).returncode == 0
    done = screenshot(kim, sample_path, "--select", "entity:Kim Dong-myung")
    assert done.returncode == 0, done.stderr
    assert detail_ink(QImage(str(kim))) > 3 * detail_ink(QImage(str(plain))) + 200


def test_select_by_id(tmp_path: Path, sample_path: Path) -> None:
    out = tmp_path / "event.png"
    done = screenshot(out, sample_path, "--select", "event:12")
    assert done.returncode == 0, done.stderr
    assert detail_ink(QImage(str(out))) > 200


@pytest.mark.parametrize(("select", "message"), [
    ("entity:Nobody at all", "no entity is named 'Nobody at all'"),
    ("event:99999", "there is no event 99999"),
    ("person:Kim", "--select wants KIND:NAME-OR-ID"),
])
def test_a_selection_it_cannot_find_is_one_error_and_no_file(
        tmp_path: Path, sample_path: Path, select: str, message: str) -> None:
    out = tmp_path / "shot.png"
    done = screenshot(out, sample_path, "--select", select)
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and message in errors[0], done.stderr
    assert not out.exists()


def test_select_without_screenshot_and_a_screenshot_over_its_database_are_refused(
        tmp_path: Path, sample_path: Path) -> None:
    import main

    assert main.run([str(sample_path), "--select", "event:1"]) == 2
    copy = tmp_path / "copy.db"
    copy.write_bytes(sample_path.read_bytes())
    before = copy.read_bytes()
    assert main.run(["--screenshot", str(copy), str(copy)]) == 2
    assert copy.read_bytes() == before
