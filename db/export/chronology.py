"""The chronology behind the HTML and Markdown reports, and the TimelineJS export.

Both reports say the same thing -- events in date order, each with its footnoted
citations, then the sources cited -- so the numbering (footnotes in reading order,
sources by first citation) is worked out once here and the renderers only format.
Events are read in date-ordered batches and written as they come; what follows them
(notes) goes through a spool, so a report of a million events needs no more memory
than one of a thousand.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any
from urllib.parse import urlsplit

from db import rows
from db.export.jsonstream import attach_links
from db.store import Store
from models.records import Citation, Claim, Event, Source

DATED_BATCH = 500  # events per round trip (under SQLite's 999 parameters)
SPOOL_BYTES = 8 * 1024 * 1024


@dataclass
class Note:
    """One footnote: a citation of the event, pointing at a numbered source; or, with
    ``alternative`` (another date, as written), a citation of an alternative claim --
    "Alternatively dated … by" its source, or with no source (None) when uncited."""

    number: int
    source_number: int
    source: Source | None
    locator: str
    excerpt: str
    confidence: int | None = None
    alternative: str = ""

    @property
    def grade(self) -> str:
        """The citation's Admiralty grade, e.g. "B2"; "" when nothing is graded."""
        return grade(self.source.reliability, self.confidence) if self.source else ""


@dataclass
class Entry:
    event: Event
    written: str  # the date as the source writes it, with its end
    participants: list[str]  # "Name (role)"
    notes: list[Note] = field(default_factory=list)


@dataclass
class Chronology:
    """The report's content, read as it is written: ``entries`` yields each event once,
    in date order; ``sources`` is complete once the entries have all been read (a
    source is numbered when first cited)."""

    title: str
    count: int
    entries: Iterator[Entry]
    sources: list[tuple[int, Source]] = field(default_factory=list)


def grade(reliability: str, confidence: int | None) -> str:
    """Source reliability (A–F) then information credibility (1–6), the parts known.

    A missing part is left out rather than guessed, so "B" means the source is graded
    and the information is not.
    """
    return f"{reliability.strip()}{confidence if confidence is not None else ''}"


def written_date(date: str, end_date: str) -> str:
    return f"{date} – {end_date}" if end_date.strip() else date


def in_date_order(store: Store, size: int = DATED_BATCH) -> Iterator[list[Event]]:
    """Events by their interval of possible days, as the timeline orders them, in
    batches with participants and tags (a keyset over the ``events_by_day`` index)."""
    key: list[Any] = []
    while True:
        after = "WHERE (earliest, latest, id) > (?, ?, ?) " if key else ""
        batch = [rows.event_from(r) for r in store.db.query(
            f"SELECT * FROM events {after}ORDER BY earliest, latest, id LIMIT ?",
            [*key, size])]
        if not batch:
            return
        last = batch[-1]
        key = [last.earliest, last.latest, last.id]
        attach_links(store, batch)
        yield batch


def participant_labels(event: Event, names: dict[int, str]) -> list[str]:
    return [f"{names[p.entity_id]} ({p.role})" if p.role else names[p.entity_id]
            for p in event.participants]


def event_citations(store: Store, events: list[Event]) -> dict[int, list[Citation]]:
    """Citations of ``events``, by event, in citation id order."""
    marks = ",".join("?" * len(events))
    found: dict[int, list[Citation]] = {}
    for row in store.db.query(f"SELECT * FROM citations WHERE event_id IN ({marks}) "
                              f"ORDER BY id", [e.id for e in events]):
        citation = rows.citation_from(row)
        found.setdefault(citation.target_id, []).append(citation)
    return found


def event_alternatives(store: Store, events: list[Event]
                       ) -> dict[int, list[tuple[Claim, list[Citation]]]]:
    """Alternative (not rejected) dates of ``events`` with their citations, by event:
    one query for the claims and one for their citations per batch."""
    marks = ",".join("?" * len(events))
    found: dict[int, list[tuple[Claim, list[Citation]]]] = {}
    by_id: dict[int, list[Citation]] = {}
    for row in store.db.query(f"SELECT * FROM claims WHERE event_id IN ({marks}) AND "
                              f"status = 'alternative' ORDER BY earliest, id",
                              [e.id for e in events]):
        claim = rows.claim_from(row)
        by_id[claim.id or 0] = []
        found.setdefault(claim.target_id, []).append((claim, by_id[claim.id or 0]))
    if by_id:
        for row in store.db.query("SELECT * FROM citations WHERE claim_id IN (SELECT value "
                                  "FROM json_each(?)) ORDER BY id", [json.dumps(list(by_id))]):
            citation = rows.citation_from(row)
            by_id[citation.target_id].append(citation)
    return found


def entity_names(store: Store) -> dict[int, str]:
    return dict(store.conn.execute("SELECT id, name FROM entities"))


def build(store: Store, title: str) -> Chronology:
    """Number footnotes in reading order and sources by their first citation."""
    count = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    chronology = Chronology(title, count, iter(()))
    chronology.entries = _entries(store, chronology)
    return chronology


def _entries(store: Store, chronology: Chronology) -> Iterator[Entry]:
    names = entity_names(store)
    sources = {s.id: s for s in store.sources()}
    numbers: dict[int, int] = {}
    footnote = 0
    def note(citation: Citation | None, alternative: str = "") -> Note:
        nonlocal footnote
        footnote += 1
        if citation is None:
            return Note(footnote, 0, None, "", "", alternative=alternative)
        if citation.source_id not in numbers:
            numbers[citation.source_id] = len(numbers) + 1
            chronology.sources.append((numbers[citation.source_id],
                                       sources[citation.source_id]))
        return Note(footnote, numbers[citation.source_id], sources[citation.source_id],
                    citation.locator, citation.excerpt, citation.confidence, alternative)

    for batch in in_date_order(store):
        cited = event_citations(store, batch)
        alternatives = event_alternatives(store, batch)
        for event in batch:
            written = written_date(event.date, event.end_date)
            entry = Entry(event, f"{written} (inferred)" if event.inferred else written,
                          participant_labels(event, names))
            entry.notes += [note(c) for c in cited.get(event.id or 0, [])]
            for claim, citations in alternatives.get(event.id or 0, []):
                other = written_date(claim.date, claim.end_date)
                entry.notes += [note(c, other) for c in citations] or [note(None, other)]
            yield entry


@contextmanager
def spool() -> Iterator[IO[str]]:
    """A text buffer for what a report writes after its entries (the notes): in memory
    while small, on disk past ``SPOOL_BYTES``, so a report's memory stays bounded."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8",
                                       newline="") as buffer:
        yield buffer  # type: ignore[misc]


def copy_spool(buffer: IO[str], out: IO[str]) -> None:
    buffer.seek(0)
    shutil.copyfileobj(buffer, out)


def web_url(url: str) -> str | None:
    """The URL if it is http(s) with a host -- the only kind a report links to."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and url.isprintable() \
            and not any(c.isspace() for c in url):
        return url
    return None


def source_parts(source: Source) -> list[str]:
    """Author, publisher and date of a source, the ones it has."""
    return [p for p in (source.author, source.publisher, source.date) if p.strip()]
