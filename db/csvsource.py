"""CSV to import, read a record at a time: from text, bytes or a file of any size.

A file is decoded as it is read (UTF-8, a BOM is fine), never whole in memory. A byte
that is not UTF-8 is found where the decoder stopped and named by its line and byte,
as the whole-file reading did (``csvformat.read_csv_text``).
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from db.errors import ValidationError
from db.export.csvformat import Record, iter_records, read_csv_text
from db.jsonread import open_input

__all__ = ["count_records", "open_records"]

CHUNK = 1 << 20

Source = str | bytes | os.PathLike[str]


@contextmanager
def open_records(source: Source) -> Iterator[tuple[list[str], Iterator[Record]]]:
    """Header and records of ``source`` (CSV text, its bytes, or a path)."""
    if not isinstance(source, os.PathLike):
        yield iter_records(io.StringIO(read_csv_text(source), newline=""))
        return
    path = Path(source)
    with open_input(path) as raw, \
            io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
        try:
            header, records = iter_records(text)
            yield header, _decoded(records, path)
        except UnicodeDecodeError:
            raise ValidationError(_not_utf8(path)) from None


def _decoded(records: Iterator[Record], path: Path) -> Iterator[Record]:
    try:
        yield from records
    except UnicodeDecodeError:
        raise ValidationError(_not_utf8(path)) from None


def _not_utf8(path: Path) -> str:
    """Where the first byte that is not UTF-8 is: line and byte (read again to find it)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, line = 0, 1
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                line += chunk[:max(0, exc.start - pending)].count(b"\n")
                return (f"{path} is not UTF-8 text (line {line}, byte "
                        f"{offset - pending + exc.start}); save it as CSV UTF-8")
            offset += len(chunk)
            line += chunk.count(b"\n")
    return f"{path} is not UTF-8 text; save it as CSV UTF-8"


def count_records(source: Source) -> int:
    """How many data records ``source`` holds (a read of its own, for progress)."""
    with open_records(source) as (_, records):
        return sum(1 for _ in records)
