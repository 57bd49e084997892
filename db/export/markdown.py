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

from db.export.atomic import atomic_file
from db.export.chronology import Chronology, Entry, Note, build, source_parts, web_url
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
    text = f"[^{note.number}]: *{md_line(note.source.title)}* (source {note.source_number})"
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


def render(chronology: Chronology) -> str:
    count = len(chronology.entries)
    lines = [f"# {md_line(chronology.title)}", "",
             f"Chronology of {count} event{'s' * (count != 1)}, exported from Threadline.", ""]
    for entry in chronology.entries:
        lines += _entry(entry)
    if not chronology.entries:
        lines += ["No events.", ""]
    if chronology.sources:
        lines += ["## Sources", "", *(_source(n, s) for n, s in chronology.sources), ""]
    notes = [_note(n) for entry in chronology.entries for n in entry.notes]
    if notes:
        lines += [*notes, ""]
    return "\n".join(lines)


def export_markdown(store: Store, out: Path, title: str) -> None:
    text = render(build(store, title))
    with atomic_file(out) as handle:
        handle.write(text)
