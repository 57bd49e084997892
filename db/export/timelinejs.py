"""TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html).

TimelineJS puts headline, text, group and display date into the page as HTML, so every
piece of data is escaped here: the export shows text, it never injects markup.

Dates: ``start_date`` is the first day the date allows, with ``month``/``day`` only
when the date is written that precisely; ``end_date`` is added when the interval
reaches past one unit of that precision (a range such as "1988–1991", or "c. 1974"
which may be 1972-1976). ``display_date`` is the date as written when it is
uncertain, so the reader sees "late December 2022" rather than TimelineJS's
rendering of its first day; a certain date is left to TimelineJS, which renders it
in the reader's language. Each event's citations (source, locator, excerpt) follow
its text, so a slide says where it came from. Years are astronomical
(44 BC is -43), which is how JavaScript dates, and so TimelineJS, count them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import IO, Any

from db.export.atomic import atomic_file
from db.export.chronology import (
    entity_names,
    event_citations,
    in_date_order,
    participant_labels,
    written_date,
)
from db.rows import parse_dates
from db.store import Store
from models.dates import ymd_from_jdn
from models.records import Event

_PARTS = {"day": 3, "month": 2}  # how many of (year, month, day) a precision gives


def _date(day: int, precision: str) -> dict[str, int]:
    keys = ("year", "month", "day")[:_PARTS.get(precision, 1)]
    return dict(zip(keys, ymd_from_jdn(day), strict=False))


Cited = list[tuple[str, str, str]]  # (source title, locator, excerpt)


def _citation(title: str, locator: str, excerpt: str) -> str:
    text = f"Source: <cite>{escape(title.strip())}</cite>"
    if locator.strip():
        text += f", {escape(locator.strip())}"
    if excerpt.strip():
        text += f": “{escape(excerpt.strip())}”"
    return text


def _text(event: Event, people: list[str], cited: Cited) -> str:
    """Summary, location, participants and citations as escaped HTML paragraphs."""
    lines = [escape(event.summary.strip()).replace("\n", "<br>")] if event.summary.strip() \
        else []
    if event.location.strip():
        lines.append(f"Location: {escape(event.location.strip())}")
    if people:
        lines.append(f"Participants: {escape(', '.join(people))}")
    lines += [_citation(*c) for c in cited]
    return "".join(f"<p>{line}</p>" for line in lines)


@lru_cache(maxsize=4096)
def _precision(date: str, end_date: str) -> tuple[str, bool]:
    """The date's precision, and whether it is uncertain: qualified ("late", "c.",
    "before"), coarser than a year, or BC (which TimelineJS shows as a negative year).
    Parsed again (neither is stored); many events share a date text."""
    fuzzy = parse_dates(date, end_date, "event")
    if fuzzy is None:
        return "day", False
    uncertain = bool(fuzzy.qualifier) or fuzzy.precision not in ("day", "month", "year") \
        or ymd_from_jdn(fuzzy.earliest)[0] < 1
    return fuzzy.precision, uncertain


def _slide(event: Event, people: list[str], cited: Cited) -> dict[str, Any]:
    precision, uncertain = _precision(event.date, event.end_date)
    start, end = _date(event.earliest, precision), _date(event.latest, precision)
    slide: dict[str, Any] = {"start_date": start}
    if end != start:
        slide["end_date"] = end
    if uncertain:
        slide["display_date"] = escape(written_date(event.date, event.end_date))
    slide["text"] = {"headline": escape(event.title), "text": _text(event, people, cited)}
    if event.category.strip():
        slide["group"] = escape(event.category.strip())
    slide["unique_id"] = f"event-{event.id}"
    return slide


def _slides(store: Store) -> Iterator[dict[str, Any]]:
    names = entity_names(store)
    titles = {s.id: s.title for s in store.sources()}
    for batch in in_date_order(store):
        cited = event_citations(store, batch)
        for event in batch:
            yield _slide(event, participant_labels(event, names),
                         [(titles[c.source_id], c.locator, c.excerpt)
                          for c in cited.get(event.id or 0, [])])


def _indented(item: Any, depth: int) -> str:
    pad = " " * depth
    return pad + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)


def write_timeline(store: Store, title: str, out: IO[str]) -> None:
    """The TimelineJS document, as ``json.dumps(..., indent=2)`` would write it, one
    slide at a time as the events are read in date order."""
    count = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    head = {"text": {"headline": escape(title),
                     "text": f"<p>{count} events, exported from Threadline</p>"}}
    out.write('{\n  "title": ' + _indented(head, 2).lstrip() + ',\n  "events": [')
    first = True
    for slide in _slides(store):
        out.write(("\n" if first else ",\n") + _indented(slide, 4))
        first = False
    out.write("]\n}\n" if first else "\n  ]\n}\n")


def export_timelinejs(store: Store, out: Path, title: str) -> None:
    with atomic_file(out) as handle:
        write_timeline(store, title, handle)
