"""The chronology as Markdown (CommonMark with GFM/Pandoc footnotes).

Data is text, not markup: characters that Markdown would read as markup are
backslash-escaped -- inline ones (``*`` ``_`` `````` ``[`` ``]`` ``<`` ``>`` ``#``
``|`` ``~`` ``&`` ``\\``) everywhere, block ones (``-`` ``+`` ``=`` and ``1.``) at the
start of a line -- so a title like ``*Draft* <b>`` shows as written and cannot start a
list, a heading or an HTML block. Other punctuation is left alone to keep the file
readable as plain text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO

from db.export.atomic import atomic_file
from db.export.chronology import (
    Chronology,
    Entry,
    Note,
    build,
    copy_spool,
    source_parts,
    spool,
    web_url,
)
from db.store import Store
from models.records import Source

_INLINE = re.compile(r"([\\`*_\[\]<>#|~&])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))", re.MULTILINE)


def md(text: str) -> str:
    """Escape ``text`` so Markdown shows it literally (line breaks kept)."""
    lines = [line.strip() for line in text.strip().splitlines()]
    escaped = _INLINE.sub(r"\\\1", "\n".join(lines))
    return _LINE_START.sub(lambda m: f"{m[1]}{m[2]}\\" if m[2].isdigit() else f"{m[1]}\\{m[2]}",
                           escaped)


def md_line(text: str) -> str:
    """Escaped and on one line: for headings, list items and footnotes."""
    return md(" ".join(text.split()))


def _entry(entry: Entry) -> list[str]:
    event = entry.event
    refs = "".join(f"[^{n.number}]" for n in entry.notes)
    lines = [f"## {md_line(entry.written)}: {md_line(event.title)}{refs}", ""]
    if event.summary.strip():
        lines += [md(event.summary).replace("\n", "  \n"), ""]
    meta = [("Participants", ", ".join(entry.participants)),
            ("Location", event.location), ("Category", event.category)]
    shown = [f"- **{label}:** {md_line(value)}" for label, value in meta if value.strip()]
    return lines + ([*shown, ""] if shown else [])


def _note(note: Note) -> str:
    lead = (f"Alternatively dated {md_line(note.alternative)} "
            + ("by " if note.source else "(uncited)")) if note.alternative else ""
    if note.source is None:
        return f"[^{note.number}]: {lead}"
    text = (f"[^{note.number}]: {lead}*{md_line(note.source.title)}* "
            f"(source {note.source_number})")
    if note.locator.strip():
        text += f", {md_line(note.locator)}"
    if note.grade:
        text += f" (grade {md_line(note.grade)})"
    if note.excerpt.strip():
        text += f": “{md_line(note.excerpt)}”"
    return text


def _source(number: int, source: Source) -> str:
    parts = [f"*{md_line(source.title)}*", *(md_line(p) for p in source_parts(source))]
    url = web_url(source.url)
    if url and not re.search(r"[<>]", url):
        parts.append(f"<{url}>")
    elif source.url.strip():
        parts.append(md_line(source.url))
    return f"{number}. " + ". ".join(parts)


class _Blocks:
    """Blocks separated by one blank line, none after the last: the report ends with a
    single newline however its last section ends."""

    def __init__(self, out: IO[str]) -> None:
        self.out, self.started = out, False

    def start(self) -> IO[str]:
        """The stream, after the blank line that separates this block from the last."""
        if self.started:
            self.out.write("\n")
        self.started = True
        return self.out


def render(chronology: Chronology, out: IO[str]) -> None:
    """Write the report: entries as they are read, the footnotes spooled until after the
    sources (which are numbered by first citation, so known only at the end)."""
    count = chronology.count
    blocks = _Blocks(out)
    blocks.start().write(f"# {md_line(chronology.title)}\n")
    blocks.start().write(f"Chronology of {count} event{'s' * (count != 1)}, exported "
                         f"from Threadline.\n")
    if not count:
        blocks.start().write("No events.\n")
    with spool() as notes:
        for entry in chronology.entries:
            blocks.start().write("\n".join(_entry(entry)[:-1]) + "\n")
            notes.writelines(_note(n) + "\n" for n in entry.notes)
        if chronology.sources:
            blocks.start().write("## Sources\n\n")
            out.writelines(_source(n, s) + "\n" for n, s in chronology.sources)
        if notes.tell():
            blocks.start()
            copy_spool(notes, out)


def export_markdown(store: Store, out: Path, title: str) -> None:
    with atomic_file(out) as handle:
        render(build(store, title), handle)
