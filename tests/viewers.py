"""The programs users open exported files with: a browser, librsvg, pdftoppm.

``viewer(name)`` gives the program's path, or skips the test where it is missing — except
under CI (``THREADLINE_REQUIRE_VIEWERS=1``, set by ``.ci/run`` after it installs them),
where a missing viewer fails the test instead of letting it pass unseen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGES = {"chromium": "chromium", "rsvg-convert": "librsvg2-bin", "pdftoppm": "poppler-utils",
            "desktop-file-validate": "desktop-file-utils"}


def viewer(name: str) -> str:
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed ({PACKAGES.get(name, name)})"
    if os.environ.get("THREADLINE_REQUIRE_VIEWERS") == "1":
        pytest.fail(message)
    pytest.skip(message)


def svg_to_png_with_librsvg(svg: Path, out: Path) -> Path:
    subprocess.run([viewer("rsvg-convert"), "-b", "white", "-o", str(out), str(svg)],
                   check=True, capture_output=True, timeout=60)
    return out


def svg_to_png_with_chromium(svg: Path, out: Path, width: int, height: int) -> Path:
    """Chromium's own picture of the SVG, page-sized to it (headless, no network)."""
    html = svg.with_suffix(".view.html")
    html.write_text("<!doctype html><html><body style='margin:0;background:white'>"
                    f"<img src='{svg.name}' width='{width}' height='{height}'></body></html>",
                    encoding="utf-8")
    profile = out.parent / f"{out.stem}-chromium-profile"
    subprocess.run([viewer("chromium"), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                    f"--user-data-dir={profile}", f"--window-size={width},{height}",
                    f"--screenshot={out}", html.as_uri()],
                   check=True, capture_output=True, timeout=120)
    return out


def pdf_to_png_with_pdftoppm(pdf: Path, out_stem: Path, dpi: int = 96) -> list[Path]:
    """Every page of the PDF as a PNG, as poppler draws it."""
    subprocess.run([viewer("pdftoppm"), "-png", "-r", str(dpi), str(pdf), str(out_stem)],
                   check=True, capture_output=True, timeout=60)
    return sorted(out_stem.parent.glob(f"{out_stem.name}*.png"))
