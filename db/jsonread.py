"""A Threadline JSON file read as a stream: the top-level object's members one at a
time, and each collection's records one at a time, so memory holds one record.

The file is read in chunks of UTF-8 (a BOM is fine); the top-level object and its
arrays are walked here, and every value inside them -- a record, ``"format"``'s text --
is parsed by the ``json`` module itself (``JSONDecoder.raw_decode``), so a record reads
exactly as ``json.loads`` of the whole file reads it: same numbers, same escapes (a lone
``\\ud800`` comes through, for ``db.jsonio`` to refuse), same errors, with the line of
the file they are on.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from db.errors import FileMissingError, StoreError, ValidationError, require_regular_file

__all__ = ["Member", "members"]

CHUNK_BYTES = 1 << 20
MAX_RECORD_CHARS = 128 << 20  # one record's text; far above 20 fields of 1 Mi characters

_SPACE = re.compile(r"[ \t\n\r]*")

# A member of the top-level object: (key, value) for a plain value, or (key, records)
# for an array, whose records are (index, value) read as the iterator is advanced.
Member = tuple[str, Any, Iterator[tuple[int, Any]] | None]


class _Text:
    """UTF-8 text of a binary file, decoded a chunk at a time, with a read position."""

    def __init__(self, handle: IO[bytes], name: str) -> None:
        self.handle, self.name = handle, name
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buf = ""
        self.pos = 0
        self.line = 1  # the line of buf[0]
        self.bytes_read = 0
        self.eof = False
        self.decoder_json = json.JSONDecoder()

    def more(self, want: int = CHUNK_BYTES) -> bool:
        """Read another chunk (at least ``want`` bytes); False at the end of the file."""
        if self.eof:
            return False
        if self.pos:
            self.line += self.buf.count("\n", 0, self.pos)
            self.buf, self.pos = self.buf[self.pos:], 0
        data = self.handle.read(max(want, CHUNK_BYTES))
        self.eof = not data
        pending = len(self.decoder.getstate()[0])
        try:
            self.buf += self.decoder.decode(data, final=self.eof)
        except UnicodeDecodeError as exc:
            byte = self.bytes_read - pending + exc.start
            raise ValidationError(f"{self.name} is not UTF-8 text (byte {byte})") from None
        self.bytes_read += len(data)
        return not self.eof or self.pos < len(self.buf)

    def peek(self) -> str:
        """The next character that is not white space ("" at the end), not consumed."""
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf) or not self.more():
                return self.buf[self.pos:self.pos + 1]

    def expect(self, chars: str, what: str) -> str:
        found = self.peek()
        if not found or found not in chars:
            raise self.error(f"expected {what}")
        self.pos += 1
        return found

    def value(self) -> Any:
        """The next JSON value, parsed by ``json``; more is read until it is whole."""
        self.peek()
        while True:
            try:
                value, end = self.decoder_json.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self._grow():
                    continue
                raise self.error(exc.msg, exc.pos) from None
            except RecursionError:
                raise ValidationError("not a Threadline JSON file: nested too deeply") from None
            if end < len(self.buf) or self.eof or not self._grow():  # a number may go on
                self.pos = end
                return value

    def _grow(self) -> bool:
        if len(self.buf) - self.pos > MAX_RECORD_CHARS:
            return False
        return self.more(len(self.buf) - self.pos)

    def error(self, message: str, at: int | None = None) -> ValidationError:
        at = self.pos if at is None else at
        line = self.line + self.buf.count("\n", 0, at)
        return ValidationError(f"not valid JSON: {message} at line {line}")


def _records(text: _Text) -> Iterator[tuple[int, Any]]:
    index = 0
    if text.peek() == "]":
        text.pos += 1
        return
    while True:
        yield index, text.value()
        index += 1
        if text.expect(",]", "',' or ']' after a record") == "]":
            return


def members(handle: IO[bytes], name: str, collections: tuple[str, ...]
            ) -> Iterator[Member]:
    """Each member of the file's top-level object, in the file's order.

    A member named in ``collections`` whose value is an array comes with an iterator
    of its records, to be read (or skipped by reading) before the next member.
    """
    text = _Text(handle, name)
    if text.peek() != "{":
        text.value()  # whatever json.loads would say of it first: invalid, too deep
        raise ValidationError("not a Threadline JSON file: the top level is not an object")
    text.pos += 1
    if text.peek() == "}":
        text.pos += 1
    else:
        while True:
            key = text.value() if text.peek() == '"' else None
            if not isinstance(key, str):
                raise text.error("Expecting property name enclosed in double quotes")
            text.expect(":", "':' after a key")
            if key in collections and text.peek() == "[":
                text.pos += 1
                records = _records(text)
                yield key, None, records
                for _ in records:  # whatever the reader left unread
                    pass
            else:
                yield key, text.value(), None
            if text.expect(",}", "',' or '}' after a member") == "}":
                break
    if text.peek():
        raise text.error("Extra data")


def open_input(path: Path) -> IO[bytes]:
    """``path`` opened to read, or the error a user can act on (a pipe or a device is
    refused before it is opened: reading it would wait forever or never end)."""
    require_regular_file(path)
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise FileMissingError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise FileMissingError(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
