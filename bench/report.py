"""The benchmark report: machine description, one Markdown table per size, the notes.

Every figure sits beside its baseline from the same run on the same data, the ratio
(Threadline's time, or memory, divided by the baseline's: "× slower") and the issue's
target where it sets one for that size.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

QUERIES = ("Institute", "Kim", "東明", "金", "Ki")
HEADER = ("Measure", "Threadline", "Baseline", "Ratio", "Target", "Met")
# The targets: events -> measure -> limit (seconds, ms, MB or a ratio).
TARGETS: dict[int, dict[str, float]] = {
    100_000: {"open": 1.5, "repaint_ratio": 1.5, "search_ms": 50.0, "rss_mb": 500.0},
    1_000_000: {"open": 5.0, "search_ms": 100.0, "rss_mb": 1536.0},
}
GRAPH_TARGETS = {10_000: 2.0, 50_000: 10.0}  # nodes -> seconds


@dataclass
class Row:
    """One line of a table; ``value`` None means not measured (``note`` says why)."""

    measure: str
    value: float | None
    baseline: float | None = None
    ratio: float | None = None
    target: str = "—"
    met: bool | None = None
    note: str = ""
    digits: int = 1

    def cells(self) -> list[str]:
        value = self.note if self.value is None else f"{self.value:,.{self.digits}f}"
        baseline = "—" if self.baseline is None else f"{self.baseline:,.{self.digits}f}"
        ratio = "—" if self.ratio is None else _times(self.ratio)
        met = "—" if self.met is None else "met" if self.met else "**not met**"
        return [self.measure, value, baseline, ratio, self.target, met]


def _times(ratio: float) -> str:
    if ratio >= 10:
        return f"{ratio:,.0f}×"
    return f"{ratio:.1f}×" if ratio >= 1 else f"{ratio:.2g}×"


def table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row.cells()) + " |"
              for row in rows]
    return "\n".join(lines)


def _ratio(value: float | None, baseline: float | None) -> float | None:
    return value / baseline if value is not None and baseline else None


def _judge(value: float | None, limit: float | None) -> bool | None:
    return None if value is None or limit is None else value <= limit


# -- results of a worker ----------------------------------------------------------------

def outcome(run: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """The worker's result, or None and why there is none."""
    result = run.get("result")
    if run.get("skipped"):
        return None, "skipped (see notes)"
    if run.get("timeout"):
        return None, f"timed out (> {run['timeout']['after']:.0f} s)"
    if result is None:
        return None, f"failed (exit {run.get('returncode')})"
    if "error" in result:
        return None, "failed: " + result["error"].split(":")[0]
    if "skipped" in result:
        return None, "skipped (see notes)"
    return result, ""


# -- one size ---------------------------------------------------------------------------

def size_rows(events: int, runs: dict[str, dict[str, Any]]) -> list[Row]:
    limits = TARGETS.get(events, {})
    rows = _open_rows(runs, limits)
    rows += _repaint_rows(runs.get("repaint", {}), limits)
    rows += _search_rows(runs.get("search", {}), limits)
    rows += _import_rows(runs)
    rows += _export_rows(runs)
    rows += data_export_rows(events, runs)
    return rows


def _open_rows(runs: dict[str, dict[str, Any]], limits: dict[str, float]) -> list[Row]:
    found, why = outcome(runs.get("open", {}))
    base, _ = outcome(runs.get("open-baseline", {}))
    started = found["qt_start"] if found else next(
        (p["qt_start"] for p in runs.get("open", {}).get("phases", []) if "qt_start" in p), None)
    rows = []
    for key, label, scale, digits in (
            ("qapplication", "QApplication() creation (ms)", 1000, 1),
            ("imports", "Imports: Qt, pyqtgraph, the app's UI modules (s)", 1, 2)):
        value = started[key] * scale if started else None
        other = base["qt_start"][key] * scale if base else None
        rows.append(Row(label, value, other, _ratio(value, other), note=why, digits=digits))
    value = found["open"] if found else None
    other = base["open"] if base else None
    limit = limits.get("open")
    rows.append(Row("Open file + first paint of the main window, beyond Qt start (s)", value,
                    other, _ratio(value, other), f"≤ {limit:g} s" if limit else "—",
                    False if value is None and limit and why.startswith("timed") else
                    _judge(value, limit), note=why, digits=3))
    rows.append(_rss_row(runs, found, base, limits.get("rss_mb"), why))
    rows.append(_new_file_row(runs.get("open-new", {}), limit))
    return rows


def _new_file_row(run: dict[str, Any], limit: float | None) -> Row:
    """A file never checked here: to the first paint now (read-only, checked after),
    beside checking it first as before, measured in the same run."""
    found, why = outcome(run)
    value = found["after"]["painted"] if found else None
    before = found["before"]["painted"] if found else None
    return Row("First open of a file never checked here: to first paint (s); baseline: "
               "the checks before the window", value, before, _ratio(value, before),
               f"≤ {limit:g} s" if limit else "—", _judge(value, limit), note=why, digits=2)


def _rss_row(runs: dict[str, dict[str, Any]], found: dict[str, Any] | None,
             base: dict[str, Any] | None, limit: float | None, why: str) -> Row:
    value = found["rss_mb"] if found else None
    so_far = (runs.get("open", {}).get("timeout") or {}).get("rss_mb")
    note = f"≥ {so_far:,.0f} (at the time-out)" if so_far else why
    met = _judge(value, limit) if value is not None else (
        False if so_far and limit and so_far > limit else None)
    other = base["rss_mb"] if base else None
    return Row("Peak RSS after open + first paint (MB)", value, other,
               _ratio(value if value is not None else so_far, other),
               f"≤ {limit:,.0f} MB" if limit else "—", met, note=note, digits=0)


def _repaint_rows(run: dict[str, Any], limits: dict[str, float]) -> list[Row]:
    found, why = outcome(run)
    limit = limits.get("repaint_ratio")
    rows = []
    for stat, label in (("median", "median"), ("p95", "p95")):
        value = found["timeline"][stat] * 1000 if found else None
        other = found["baseline"][stat] * 1000 if found else None
        steps = found["steps"] if found else 40
        ratio = _ratio(value, other)
        rows.append(Row(f"Timeline repaint, {label} of {steps} zoom/pan steps (ms)", value,
                        other, ratio, f"≤ {limit:g}× bare scatter" if limit else "—",
                        _judge(ratio, limit), note=why))
    return rows


def _search_rows(run: dict[str, Any], limits: dict[str, float]) -> list[Row]:
    found, why = outcome(run)
    limit = limits.get("search_ms")
    rows = []
    for query in QUERIES:
        for stat in ("median", "p95"):
            timing = found["queries"][query] if found else None
            value = timing["timeline"][stat] * 1000 if timing else None
            other = timing["baseline"][stat] * 1000 if timing else None
            rows.append(Row(f"Search “{query}”, {stat} (ms)", value, other,
                            _ratio(value, other), f"≤ {limit:g} ms" if limit else "—",
                            _judge(value, limit), note=why))
    return rows


IMPORT_RSS_MB = 600.0  # an import's peak may not grow with the file: this at any size
DATA_EXPORT_RSS_MB = {1_000_000: 300.0}  # events -> peak RSS limit of a data export


def _import_rows(runs: dict[str, dict[str, Any]]) -> list[Row]:
    rows = []
    for key, label, unit, count in (
            ("import-json", "JSON import, db.jsonimport.import_file", "records/s", "records"),
            ("import-csv", "CSV import, db.csvio.import_events_csv", "rows/s", "rows")):
        found, why = outcome(runs.get(key, {}))
        value = found[count] / found["seconds"] if found else None
        other = found[count] / found["baseline"]["seconds"] if found else None
        rows.append(Row(f"{label} ({unit})", value, other, _ratio(other, value), "≤ 2×",
                        _judge(_ratio(other, value), 2.0), note=why, digits=0))
        peak = found.get("peak_rss_mb") if found else None
        rows.append(Row(f"{label.split(',')[0]}, peak RSS (MB)", peak, None, None,
                        f"≤ {IMPORT_RSS_MB:,.0f} MB", _judge(peak, IMPORT_RSS_MB),
                        note=why or "not measured", digits=0))
    return rows


DATA_EXPORT_LABELS = {"json": "JSON", "csv": "CSV (zip)", "graphml": "GraphML",
                      "gexf": "GEXF", "xlsx": "xlsx", "html": "HTML", "md": "Markdown",
                      "timelinejs": "TimelineJS", "csv-events": "events.csv"}


def data_export_rows(events: int, runs: dict[str, dict[str, Any]]) -> list[Row]:
    """Seconds and peak RSS of each data export beside a bare read of every event row."""
    found, why = outcome(runs.get("data-export", {}))
    if found is None:
        return [Row("Data exports", None, note=why)]
    formats = found["formats"]
    bare = formats.get("bare", {})
    limit = DATA_EXPORT_RSS_MB.get(events)
    rows = []
    for fmt, item in formats.items():
        if fmt == "bare":
            continue
        label = DATA_EXPORT_LABELS.get(fmt, fmt)
        note = "failed: " + str(item["error"])[:60] if "error" in item else ""
        seconds, peak = item.get("seconds"), item.get("peak_rss_mb")
        rows.append(Row(f"{label} data export (s)", seconds, bare.get("seconds"),
                        _ratio(seconds, bare.get("seconds")), note=note, digits=1))
        rows.append(Row(f"{label} data export, peak RSS (MB)", peak, bare.get("peak_rss_mb"),
                        _ratio(peak, bare.get("peak_rss_mb")),
                        f"≤ {limit:,.0f} MB" if limit else "—", _judge(peak, limit),
                        note=note, digits=0))
    return rows


def _export_rows(runs: dict[str, dict[str, Any]]) -> list[Row]:
    found, why = outcome(runs.get("export", {}))
    base, _ = outcome(runs.get("export-baseline", {}))
    rows = []
    for kind in ("png", "svg"):
        mine, bare = (found or {}).get(kind, {}), (base or {}).get(kind, {})
        value = mine["seconds"] * 1000 if "seconds" in mine else None
        other = bare["seconds"] * 1000 if "seconds" in bare else None
        note = why or ("failed: " + mine["error"].split(":")[0] if "error" in mine else "")
        rows.append(Row(f"{kind.upper()} export of the timeline, 1600×600 (ms)", value, other,
                        _ratio(value, other), note=note))
    return rows


# -- graph --------------------------------------------------------------------------------

def graph_rows(runs: dict[int, dict[str, Any]], nx_max: int) -> list[Row]:
    rows = []
    for nodes, run in runs.items():
        found, why = outcome(run)
        limit = GRAPH_TARGETS.get(nodes)
        value = found["seconds"] if found else None
        other = found.get("baseline_seconds") if found else None
        edges = found["edges"] if found else round(2.5 * nodes)
        rows.append(Row(f"Layout, {nodes:,} nodes / {edges:,} edges (s)", value, other,
                        _ratio(value, other), f"≤ {limit:g} s" if limit else "—",
                        _judge(value, limit), note=why, digits=2))
    return rows


def graph_notes(runs: dict[int, dict[str, Any]], nx_max: int) -> list[str]:
    hows = {r["result"].get("baseline_how") for r in runs.values() if r.get("result")}
    notes = [f"Baseline: {how}, 50 iterations, same graph." for how in sorted(hows - {None})]
    notes.append(f"networkx is not run beyond {nx_max:,} nodes (its dense solver needs "
                 "n² memory and minutes); those rows show no baseline.")
    return notes


# -- machine ------------------------------------------------------------------------------

def _first_line(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def machine() -> list[tuple[str, str]]:
    """What the figures were measured on."""
    import igraph
    import networkx
    import numpy
    import pyqtgraph
    import PySide6
    from PySide6.QtCore import qVersion

    memory = _first_line("/proc/meminfo", "MemTotal")
    ram = f"{int(memory.split()[0]) / 2**20:.1f} GiB" if memory else "unknown"
    return [
        ("CPU", _first_line("/proc/cpuinfo", "model name") or platform.processor()),
        ("Cores", str(os.cpu_count())), ("RAM", ram),
        ("OS", platform.platform()), ("Python", platform.python_version()),
        ("Qt / PySide6", f"{qVersion()} / {PySide6.__version__} (offscreen platform)"),
        ("pyqtgraph", pyqtgraph.__version__), ("numpy", numpy.__version__),
        ("SQLite", sqlite3.sqlite_version), ("python-igraph", igraph.__version__),
        ("networkx", networkx.__version__),
        ("Date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("Code", code_version(Path(__file__).resolve().parent.parent)),
    ]


def code_version(root: Path) -> str:
    """The commit measured, and whether tracked files differed from it."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("log", "-1", "--format=%h %s")
    if not commit:
        return "unknown (not a git checkout)"
    changed = [line for line in git("status", "--porcelain", "--untracked-files=no")
               .splitlines() if not line.endswith("docs/benchmarks.md")]  # this report
    files = f"{len(changed)} tracked file{'s' if len(changed) != 1 else ''}"
    return f"`{commit}`" + (f", with uncommitted changes to {files}" if changed else "")


def bullet_list(items: list[tuple[str, str]]) -> str:
    return "\n".join(f"- **{key}:** {value}" for key, value in items)

