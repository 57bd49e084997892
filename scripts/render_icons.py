"""Render the app icon's SVG to the PNG sizes of the freedesktop hicolor theme.

    .venv/bin/python scripts/render_icons.py

Reads ``resources/icons/threadline.svg`` (and ``threadline-small.svg``, a simplified
drawing for 16 px, when present) and writes
``resources/icons/hicolor/<N>x<N>/apps/app.threadline.Threadline.png`` for every size in
``SIZES`` plus ``hicolor/scalable/apps/app.threadline.Threadline.svg``. The outputs are
committed; run this again after editing the SVG.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICON_ID = "app.threadline.Threadline"
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "threadline.svg"
SMALL_SOURCE = ICONS / "threadline-small.svg"
SMALL_UP_TO = 16
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"error: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def main(out_root: Path = ICONS / "hicolor") -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in SIZES:
        svg = SMALL_SOURCE if size <= SMALL_UP_TO and SMALL_SOURCE.exists() else SOURCE
        out = out_root / f"{size}x{size}" / "apps" / f"{ICON_ID}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        if not render(svg, size).save(str(out), "PNG"):
            raise SystemExit(f"error: could not write {out}")
        print(f"{out.relative_to(ICONS.parent.parent)}  ({svg.name})")
    scalable = out_root / "scalable" / "apps" / f"{ICON_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    print(scalable.relative_to(ICONS.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
