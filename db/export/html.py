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

from db.export.atomic import atomic_file
from db.export.chronology import Chronology, Entry, Note, build, source_parts, web_url
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


def _ref(note: Note) -> str:
    n = note.number
    return f'<sup id="ref-{n}"><a href="#note-{n}">{n}</a></sup>'


def _entry(entry: Entry) -> str:
    event = entry.event
    parts = [f'<article id="event-{event.id}">',
             f'<h2><span class="date">{escape(entry.written)}</span>{escape(event.title)}'
             f'{"".join(_ref(n) for n in entry.notes)}</h2>']
    if event.summary.strip():
        parts.append(f'<p class="summary">{escape(event.summary.strip())}</p>')
    meta = [("Participants", ", ".join(entry.participants)),
            ("Location", event.location.strip()), ("Category", event.category.strip())]
    parts += [f'<p class="meta"><b>{label}:</b> {escape(value)}</p>'
              for label, value in meta if value]
    parts.append("</article>")
    return "\n".join(parts)


def _note(note: Note) -> str:
    text = (f'<a href="#source-{note.source_number}">[{note.source_number}]</a> '
            f"<cite>{escape(note.source.title)}</cite>")
    if note.locator.strip():
        text += f", {escape(note.locator.strip())}"
    if note.grade:
        text += (f' <span class="grade" title="Admiralty grade: source reliability, '
                 f'information credibility">{escape(note.grade)}</span>')
    if note.excerpt.strip():
        text += f"<blockquote>{escape(note.excerpt.strip())}</blockquote>"
    back = f' <a class="back" href="#ref-{note.number}" aria-label="back">↩</a>'
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


def render(chronology: Chronology) -> str:
    title = escape(chronology.title)
    count = len(chronology.entries)
    body = [f"<h1>{title}</h1>",
            f'<p class="lede">Chronology of {count} event{"s" * (count != 1)}, '
            f"exported from Threadline.</p>"]
    body += [_entry(entry) for entry in chronology.entries] or ["<p>No events.</p>"]
    notes = [_note(n) for entry in chronology.entries for n in entry.notes]
    if notes:
        body += ['<h2 id="notes">Notes</h2>', '<ol class="notes">', *notes, "</ol>"]
    if chronology.sources:
        body += ['<h2 id="sources">Sources</h2>', '<ol class="sources">',
                 *(_source(n, s) for n, s in chronology.sources), "</ol>"]
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>", f"<style>\n{_CSS}\n</style>", "</head>", "<body>",
        *body, "</body>", "</html>", ""])


def export_html(store: Store, out: Path, title: str) -> None:
    text = render(build(store, title))
    with atomic_file(out) as handle:
        handle.write(text)
