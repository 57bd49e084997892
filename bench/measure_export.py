"""Chart export as a user does it (File > Export chart), against a bare scatter plot.

Threadline: ``ui.export.render_chart`` of the timeline, whole (``extent="all"``), at
1600×600, as PNG and as SVG: the dialog's own path (an offscreen copy of the panel laid
out at the chart's size, title and legend, ``QImage`` or ``QSvgGenerator``).
Baseline: a bare pyqtgraph ``PlotWidget`` with one ``ScatterPlotItem`` of every event,
drawn the same way -- items in pyqtgraph's export mode (points as shapes), the scene
rendered by ``QPainter`` into a ``QImage`` (encoded as PNG) or a ``QSvgGenerator`` -- and
written to a file. Each runs in its own worker process (``bench/worker.py``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import PHASE, emit
from bench.measure_ui import _bare_plot, _qt_start, timeline_panel

EXPORT_SIZE = (1600, 600)  # the chart, title and legend included
FORMATS = ("png", "svg")


def _timed(write: Callable[[Path], Any], out: Path, what: str) -> dict[str, Any]:
    """Seconds to write ``out`` and its size; or the error, reported in the table."""
    emit(PHASE, {"name": f"{what} started", "seconds": 0})
    start = time.perf_counter()
    try:
        write(out)
    except Exception as exc:  # the error is the result: which file, what went wrong
        return {"error": f"{type(exc).__name__}: {exc}"[:300],
                "after": time.perf_counter() - start}
    seconds = time.perf_counter() - start
    if not out.exists():
        return {"error": "no file was written"}
    emit(PHASE, {"name": f"{what} written", "seconds": seconds})
    return {"seconds": seconds, "bytes": out.stat().st_size}


def export(db: Path, scratch: Path) -> dict[str, Any]:
    """``render_chart`` of the whole timeline, PNG then SVG."""
    app, _ = _qt_start()
    from ui.export import render_chart

    panel = timeline_panel(db, EXPORT_SIZE)
    app.processEvents()
    found: dict[str, Any] = {"density": panel.is_density_view()}
    for fmt in FORMATS:
        found[fmt] = _timed(lambda out, f=fmt: render_chart(
            panel, out, fmt=f, width=EXPORT_SIZE[0], height=EXPORT_SIZE[1], extent="all",
            title="Benchmark"), scratch / f"timeline.{fmt}", f"timeline {fmt}")
    return found


def export_baseline(db: Path, scratch: Path) -> dict[str, Any]:
    """The bare scatter of every event, PNG then SVG, painted as ``render_chart`` paints."""
    app, _ = _qt_start()
    from bench.common import read_event_arrays

    origin = int(read_event_arrays(db)["earliest"].min())
    plot = _bare_plot(db, origin, EXPORT_SIZE)
    plot.show()
    app.processEvents()
    plot.getPlotItem().getViewBox().autoRange()
    app.processEvents()
    return {fmt: _timed(lambda out, f=fmt: _paint_bare(plot, out, f), scratch / f"bare.{fmt}",
                        f"baseline {fmt}") for fmt in FORMATS}


def _paint_bare(plot: Any, out: Path, fmt: str) -> None:
    """The plot's scene through QPainter into an image or an SVG generator, to ``out``."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgGenerator

    width, height = EXPORT_SIZE
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if fmt == "png":
        device: Any = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        device.fill(QColor("#FFFFFF"))
    else:
        device = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
        device.setOutputDevice(buffer)
        device.setSize(QSize(width, height))
        device.setViewBox(QRectF(0, 0, width, height))
    scene = plot.scene()
    for item in scene.items():
        if hasattr(item, "setExportMode"):
            item.setExportMode(True, {"antialias": True, "resolutionScale": 1.0})
    painter = QPainter(device)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    scene.render(painter, QRectF(0, 0, width, height), plot.sceneRect(),
                 Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    if fmt == "png":
        device.save(buffer, "PNG")
    buffer.close()
    out.write_bytes(bytes(data.data()))
