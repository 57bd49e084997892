"""The chronology as one standalone HTML page.

The page is meant to be mailed, archived and opened years later, and its text comes
from sources that may be hostile, so: every piece of data goes through
``html.escape``; there is no script and nothing is fetched (inline CSS, and a
Content-Security-Policy that forbids anything else); a link is made only for an
http(s) URL.
"""

from __future__ import annotations

from html import escape
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

_CSS = """
body { font: 16px/1.5 Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; background: #fff; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; }
.lede { color: #666; margin-top: 0; }
article { border-top: 1px solid #ddd; padding: .6rem 0; }
h2 { font-size: 1.15rem; margin: .2rem 0; }
.date { display: block; font: .85rem/1.4 system-ui, sans-serif; color: #555; }
.summary { white-space: pre-wrap; margin: .3rem 0; }
.meta { font: .85rem/1.4 system-ui, sans-serif; color: #444; margin: .2rem 0; }
sup a, .back { text-decoration: none; }
.notes li, .sources li { margin-bottom: .4rem; }
blockquote { margin: .2rem 0 0 1rem; color: #555; white-space: pre-wrap; }
.grade { font: .8em monospace; border: 1px solid #666; border-radius: 3px; padding: 0 .2em; }
@media print { a { color: inherit; } }
""".strip()
_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def _refs(notes: list[Note]) -> str:
    """One superscript of comma-separated links: notes 3, 4 and 5 read "3, 4, 5",
    not "345"."""
    if not notes:
        return ""
    links = ", ".join(f'<a id="ref-{n.number}" href="#note-{n.number}">{n.number}</a>'
                      for n in notes)
    return f"<sup>{links}</sup>"


def _entry(entry: Entry) -> str:
    event = entry.event
    parts = [f'<article id="event-{event.id}">',
             f'<h2><span class="date">{escape(entry.written)}</span>{escape(event.title)}'
             f'{_refs(entry.notes)}</h2>']
    if event.summary.strip():
        parts.append(f'<p class="summary">{escape(event.summary.strip())}</p>')
    meta = [("Participants", ", ".join(entry.participants)),
            ("Location", event.location.strip()), ("Category", event.category.strip())]
    parts += [f'<p class="meta"><b>{label}:</b> {escape(value)}</p>'
              for label, value in meta if value]
    parts.append("</article>")
    return "\n".join(parts)


def _note(note: Note) -> str:
    lead = (f"Alternatively dated {escape(note.alternative)} "
            + ("by " if note.source else "(uncited)")) if note.alternative else ""
    back = f' <a class="back" href="#ref-{note.number}" aria-label="back">↩</a>'
    if note.source is None:
        return f'<li id="note-{note.number}">{lead}{back}</li>'
    text = (lead + f'<a href="#source-{note.source_number}">[{note.source_number}]</a> '
            f"<cite>{escape(note.source.title)}</cite>")
    if note.locator.strip():
        text += f", {escape(note.locator.strip())}"
    if note.grade:
        text += (f' <span class="grade" title="Admiralty grade: source reliability, '
                 f'information credibility">{escape(note.grade)}</span>')
    if note.excerpt.strip():
        text += f"<blockquote>{escape(note.excerpt.strip())}</blockquote>"
    return f'<li id="note-{note.number}">{text}{back}</li>'


def _source(number: int, source: Source) -> str:
    text = f"<cite>{escape(source.title)}</cite>"
    text += "".join(f". {escape(part)}" for part in source_parts(source))
    url = web_url(source.url)
    if url:
        text += f'. <a href="{escape(url)}" rel="noopener noreferrer">{escape(url)}</a>'
    elif source.url.strip():
        text += f". {escape(source.url.strip())}"
    return f'<li id="source-{number}" value="{number}">{text}</li>'


def _head(title: str) -> str:
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>", f"<style>\n{_CSS}\n</style>", "</head>", "<body>", ""])


def render(chronology: Chronology, out: IO[str]) -> None:
    """Write the page: entries as they are read, the notes spooled until after them."""
    title = escape(chronology.title)
    count = chronology.count
    out.write(_head(title))
    out.write(f"<h1>{title}</h1>\n<p class=\"lede\">Chronology of {count} "
              f"event{'s' * (count != 1)}, exported from Threadline.</p>\n")
    if not count:
        out.write("<p>No events.</p>\n")
    with spool() as notes:
        for entry in chronology.entries:
            out.write(_entry(entry) + "\n")
            notes.writelines(_note(n) + "\n" for n in entry.notes)
        if notes.tell():
            out.write('<h2 id="notes">Notes</h2>\n<ol class="notes">\n')
            copy_spool(notes, out)
            out.write("</ol>\n")
    if chronology.sources:
        out.write('<h2 id="sources">Sources</h2>\n<ol class="sources">\n')
        out.writelines(_source(n, s) + "\n" for n, s in chronology.sources)
        out.write("</ol>\n")
    out.write("</body>\n</html>\n")


def export_html(store: Store, out: Path, title: str) -> None:
    with atomic_file(out) as handle:
        render(build(store, title), handle)
