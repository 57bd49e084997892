"""Threadline's CSV: records as read, and lists and participants inside one cell.

The CSV export writes and ``db.csvio.import_events_csv`` reads what is defined here,
so ``events.csv`` as exported is exactly what the import reads back with its default
mapping.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.errors import ValidationError, read_input_file

MAX_FIELD_CHARS = 1 << 20  # a cell over 1 Mi characters is an error, not a hang

_KIND_PREFIX = re.compile(r"\s*(person|organization|place)\s*:\s*(.*)",
                          re.IGNORECASE | re.DOTALL)

# Items are separated by ';' (written "; "); an item's own ';' is written "\;" and its
# backslash "\\". Any other backslash is literal, so hand-written cells rarely need it.


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, with a leading ``'`` (OWASP's
    advice against CSV injection); other cells as they are."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def join_list(items: Iterable[str]) -> str:
    return "; ".join(i.replace("\\", "\\\\").replace(";", "\\;") for i in items)


def split_list(cell: str, keep_blank: bool = False) -> list[str]:
    """Items of a cell, stripped; [] for a blank cell. ``keep_blank`` keeps "a; ; c"'s gap."""
    parts = [p.strip() for p in (_split_escaped(cell) if "\\" in cell else cell.split(";"))]
    if not any(parts):
        return []
    return parts if keep_blank else [p for p in parts if p]


def _split_escaped(cell: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(cell):
        char = cell[index]
        if char == "\\" and cell[index + 1:index + 2] in (";", "\\"):
            current.append(cell[index + 1])
            index += 2
            continue
        if char == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def format_participant(name: str, kind: str, role: str) -> str:
    """``Name``, ``Name (role)``; ``kind:`` in front unless a person (so kinds round-trip).

    A name that itself ends in ")" gets "()" when it has no role, so "Kuomintang (KMT)"
    is not read back as "Kuomintang" in the role "KMT".
    """
    text = name if kind == "person" and not _KIND_PREFIX.match(name) else f"{kind}:{name}"
    if role or text.endswith(")"):
        text += f" ({role})"
    return text


def parse_participant(text: str) -> tuple[str | None, str, str]:
    """(kind or None, name, role) of ``[kind:]Name [(role)]``; the role's brackets nest."""
    kind = None
    prefixed = _KIND_PREFIX.fullmatch(text)
    if prefixed:
        kind, text = prefixed[1].lower(), prefixed[2]
    text = text.strip()
    if not text.endswith(")"):
        return kind, text, ""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth == 0:
            return kind, text[:index].strip(), text[index + 1:-1].strip()
    return kind, text, ""


# -- records ---------------------------------------------------------------------------

@dataclass
class Record:
    """A data row, with where it is for messages: a spreadsheet row, and an editor line."""

    row: int  # 1-based data record after the header
    line: int  # file line where the record starts
    cells: list[str]


def read_csv_text(source: str | bytes | os.PathLike[str]) -> str:
    """The text of a CSV given as text, bytes or a path; only UTF-8 (BOM allowed)."""
    if isinstance(source, str):
        return source.removeprefix("\ufeff")
    name = "the CSV data"
    if isinstance(source, os.PathLike):
        path = Path(source)
        name = str(path)
        source = read_input_file(path)
    try:
        return source.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = source.count(b"\n", 0, exc.start) + 1
        raise ValidationError(f"{name} is not UTF-8 text (line {line}, byte {exc.start}); "
                              f"save it as CSV UTF-8") from None


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    """csv's limit is process-wide; set ours only while reading."""
    old = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def parse_records(text: str) -> tuple[list[str], list[Record]]:
    """Header and data records; blank records are skipped but still counted as rows."""
    header, records = iter_records(io.StringIO(text, newline=""))
    return header, list(records)


def iter_records(lines: Iterable[str]) -> tuple[list[str], Iterator[Record]]:
    """Header and data records of CSV ``lines`` (a file opened with ``newline=""``),
    read one at a time as the iterator is advanced: memory holds one record."""
    reader = csv.reader(lines, strict=True)
    state = {"line": 0, "row": 0}

    def step() -> list[str] | None:
        start = state["line"] + 1
        with _field_limit(MAX_FIELD_CHARS):
            try:
                cells = next(reader, None)
            except csv.Error as exc:
                raise ValidationError(_csv_problem(exc, start, reader.line_num)) from None
        state["line"] = reader.line_num
        return cells

    header = step()
    if not header or not any(h.strip() for h in header):
        raise ValidationError("the CSV file is empty: it needs a header row naming its columns")

    def each() -> Iterator[Record]:
        while True:
            start = state["line"] + 1
            cells = step()
            if cells is None:
                return
            state["row"] += 1
            if any(c.strip() for c in cells):
                yield Record(state["row"], start, cells)
    return header, each()


def _csv_problem(exc: csv.Error, start: int, line: int) -> str:
    where = f"line {start}" if line <= start else f"line {line} (a record from line {start})"
    if "field larger than field limit" in str(exc):
        return (f"{where}: field too large (over {MAX_FIELD_CHARS:,} characters); "
                f"is a quote left open?")
    return f"{where}: not valid CSV ({exc})"
