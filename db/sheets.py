"""Spreadsheets in: the events of an .xlsx or .ods workbook, read as the CSV import reads.

Analysts keep their chronologies in Excel and LibreOffice; saving as CSV first loses
nothing but costs a step, and Excel's CSV is not UTF-8 unless asked. The workbook is
read with python-calamine (a Rust reader: no formulas run, no macros) into the same
header and ``Record`` rows as a CSV file, so the column mapping, the preview, the
per-row problems and all-or-nothing are the CSV import's (``db.csvio``).

Which sheet: the one named "events" (as the .xlsx export names it), else a workbook's
only sheet. Cells become the text a CSV of the sheet would hold: a whole number
without ".0" (a year typed as a number is "1974"), a date cell as ISO "2022-12-28".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from db.errors import StoreError, ValidationError, require_regular_file
from db.export.csvformat import Record

SUFFIXES = (".xlsx", ".ods")
EVENTS_SHEET = "events"


def is_sheet(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def cell_text(value: object) -> str:
    """The text of a cell as CSV would carry it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _open(path: Path) -> CalamineWorkbook:
    require_regular_file(path)
    try:
        return CalamineWorkbook.from_path(str(path))
    except (CalamineError, ValueError, OSError) as exc:
        raise ValidationError(f"{path.name} is not a readable {path.suffix.lower()} "
                              f"spreadsheet ({' '.join(str(exc).split())[:200]})") from None


def _sheet_name(names: list[str], kind: str, file_name: str) -> str:
    for name in names:
        if name.strip().casefold() == kind:
            return name
    if len(names) == 1:
        return names[0]
    raise ValidationError(f"{file_name} has no sheet named {kind!r} (its sheets: "
                          f"{', '.join(repr(n) for n in names[:12])}); rename the sheet "
                          f"of {kind} to {kind!r}")


def read_sheet(path: Path, kind: str = EVENTS_SHEET) -> tuple[list[str], list[Record]]:
    """Header and data records of the workbook's sheet of ``kind``; blank rows skipped.

    ``Record.line`` is the row number the spreadsheet shows, for problems."""
    book = _open(path)
    try:
        name = _sheet_name(book.sheet_names, kind, path.name)
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except CalamineError as exc:
        raise StoreError(f"cannot read {path.name}: {exc}") from None
    finally:
        book.close()
    header_at = next((i for i, row in enumerate(rows) if any(cell_text(c).strip()
                                                             for c in row)), None)
    if header_at is None:
        raise ValidationError(f"the sheet {name!r} of {path.name} is empty: it needs a "
                              f"header row naming its columns")
    header = _trimmed([cell_text(c) for c in rows[header_at]])
    records: list[Record] = []
    for index in range(header_at + 1, len(rows)):
        cells = _fitted([cell_text(c) for c in rows[index]], len(header))
        if any(c.strip() for c in cells):
            records.append(Record(index - header_at, index + 1, cells))
    return header, records


def _trimmed(cells: list[str]) -> list[str]:
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def _fitted(cells: list[str], width: int) -> list[str]:
    """The row as wide as the header: blank cells past it dropped, missing ones blank
    (a sheet's rows are as wide as its widest; a cell of text past the header stays,
    and the import reports the row as ragged)."""
    cells = cells[:width] + _trimmed(cells[width:])
    return cells + [""] * (width - len(cells))
