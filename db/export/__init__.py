"""Exports of a database to other programs' formats (docs/json-format.md, "Other formats").

``export_to(store, out, fmt)`` picks the writer; each writes atomically (see
``db.export.atomic``). The writers are imported when used, so the CSV import, which
shares ``db.export.csvformat``, does not load networkx.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from db.export.atomic import ExportError, atomic_file, guard_output
from db.store import Store

FORMATS = ("json", "csv", "csv-events", "graphml", "gexf", "timelinejs", "html", "md", "xlsx")
_BY_SUFFIX = {".xlsx": "xlsx", ".json": "json", ".csv": "csv", ".zip": "csv", ".graphml": "graphml",
              ".gexf": "gexf", ".html": "html", ".htm": "html", ".md": "md",
              ".markdown": "md"}
# format -> (module, function(store, out, title))
_WRITERS = {"graphml": ("db.export.graph", "export_graphml"),
            "gexf": ("db.export.graph", "export_gexf"),
            "timelinejs": ("db.export.timelinejs", "export_timelinejs"),
            "html": ("db.export.html", "export_html"),
            "md": ("db.export.markdown", "export_markdown"),
            "xlsx": ("db.export.xlsx", "export_xlsx")}

__all__ = ["FORMATS", "ExportError", "export_to", "format_of"]


def format_of(out: Path) -> str | None:
    """The format an output name implies, or None when it implies none.

    ``*.timeline.json`` is TimelineJS; a folder, or a name without an extension, is
    a folder of CSV files.
    """
    if out.name.lower().endswith(".timeline.json"):
        return "timelinejs"
    suffix = out.suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    return "csv" if out.is_dir() or not suffix else None


def _export_json(store: Store, out: Path, title: str) -> None:
    from db.export.jsonstream import write_json

    with atomic_file(out) as handle:
        write_json(store, handle)


def _csv_writer(events_only: bool, bom: bool,
                raw: bool = False) -> Callable[[Store, Path, str], None]:
    def write(store: Store, out: Path, title: str) -> None:
        from db.export.tables import export_csv, export_events_csv

        (export_events_csv if events_only else export_csv)(store, out, bom=bom, raw=raw)
    return write


def _writer(fmt: str, bom: bool = True,
            raw_csv: bool = False) -> Callable[[Store, Path, str], None]:
    if fmt == "json":
        return _export_json
    if fmt in ("csv", "csv-events"):
        return _csv_writer(fmt == "csv-events", bom, raw_csv)
    if fmt not in _WRITERS:
        raise ExportError(f"unknown export format {fmt!r}; formats are {', '.join(FORMATS)}")
    module, function = _WRITERS[fmt]
    return getattr(import_module(module), function)  # type: ignore[no-any-return]


def export_to(store: Store, out: str | Path, fmt: str | None = None,
              title: str | None = None, bom: bool = True, force: bool = False,
              raw_csv: bool = False) -> str:
    """Write ``store`` to ``out`` as ``fmt`` (default: from ``out``'s name); return fmt.

    ``title`` heads the reports and the timeline (default: the database's own title,
    ``Store.title``, never its file name). ``bom``: CSV starts with a UTF-8 byte-order
    mark, which Excel needs to read it as UTF-8. ``out`` is never the database or one of
    its sidecars, nor without ``force`` another Threadline database (``guard_output``).
    ``raw_csv`` keeps CSV text that starts like a formula as it is.
    """
    out = Path(out)
    fmt = fmt or format_of(out)
    if fmt is None:
        raise ExportError(f"cannot tell the format of {out.name}; give --format "
                          f"{', '.join(FORMATS)}")
    guard_output(out, Path(store.path), force)
    _writer(fmt, bom, raw_csv)(store, out, title or store.title())
    return fmt
