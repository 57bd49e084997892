"""The CSV tables as one .xlsx workbook: a sheet per kind of record, named as the files
of the CSV zip (``db.export.tables``), so the spreadsheet import reads its "events"
sheet back.

openpyxl's write-only mode streams rows to the file as they come. Every cell is
written as text or a number, never a formula: a title such as ``=HYPERLINK(...)``
from a hostile source stays text in Excel (openpyxl would otherwise store a string
starting with "=" as a formula). Characters XML cannot hold are dropped, as in the
graph exports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from db.export.atomic import atomic_file
from db.export.tables import Table, lookup_of, table_names, table_of
from db.export.xmltext import clean
from db.store import Store

MAX_CELL_CHARS = 32767  # Excel's limit; a longer cell would not open


def _cell(sheet: WriteOnlyWorksheet, value: Any) -> WriteOnlyCell | Any:
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=clean(value)[:MAX_CELL_CHARS])
    cell.data_type = "s"  # text even when it starts with "="
    return cell


def _write_sheet(book: Workbook, name: str, table: Table) -> None:
    sheet = book.create_sheet(name)
    header, rows = table
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def export_xlsx(store: Store, out: Path, title: str) -> None:
    book = Workbook(write_only=True)
    lookup = lookup_of(store)
    for file_name in table_names(store):
        _write_sheet(book, file_name.removesuffix(".csv"), table_of(file_name)(store, lookup))
    with atomic_file(out, binary=True) as handle:
        book.save(handle)
