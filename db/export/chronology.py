"""The chronology behind the HTML and Markdown reports, and the TimelineJS export.

Both reports say the same thing -- events in date order, each with its footnoted
citations, then the sources cited -- so the numbering (footnotes in reading order,
sources by first citation) is worked out once here and the renderers only format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from db.store import Store
from models.records import Citation, Event, Source


@dataclass
class Note:
    """One footnote: a citation of the event, pointing at a numbered source."""

    number: int
    source_number: int
    source: Source
    locator: str
    excerpt: str
    confidence: int | None = None

    @property
    def grade(self) -> str:
        """The citation's Admiralty grade, e.g. "B2"; "" when nothing is graded."""
        return grade(self.source.reliability, self.confidence)


@dataclass
class Entry:
    event: Event
    written: str  # the date as the source writes it, with its end
    participants: list[str]  # "Name (role)"
    notes: list[Note] = field(default_factory=list)


@dataclass
class Chronology:
    title: str
    entries: list[Entry]
    sources: list[tuple[int, Source]]  # (number, source), numbered by first citation


def grade(reliability: str, confidence: int | None) -> str:
    """Source reliability (A–F) then information credibility (1–6), the parts known.

    A missing part is left out rather than guessed, so "B" means the source is graded
    and the information is not.
    """
    return f"{reliability.strip()}{confidence if confidence is not None else ''}"


def written_date(date: str, end_date: str) -> str:
    return f"{date} – {end_date}" if end_date.strip() else date


def in_date_order(store: Store) -> list[Event]:
    """Events by their interval of possible days, as the timeline orders them."""
    return sorted(store.events(), key=lambda e: (e.earliest, e.latest, e.id or 0))


def participant_labels(event: Event, names: dict[int, str]) -> list[str]:
    return [f"{names[p.entity_id]} ({p.role})" if p.role else names[p.entity_id]
            for p in event.participants]


def build(store: Store, title: str) -> Chronology:
    """Number footnotes in reading order and sources by their first citation."""
    names = {e.id: e.name for e in store.entities() if e.id is not None}
    sources = {s.id: s for s in store.sources()}
    cited: dict[int, list[Citation]] = {}
    for citation in store.citations():
        if citation.target_type == "event":
            cited.setdefault(citation.target_id, []).append(citation)
    numbers: dict[int, int] = {}
    entries: list[Entry] = []
    footnote = 0
    for event in in_date_order(store):
        written = written_date(event.date, event.end_date)
        entry = Entry(event, f"{written} (inferred)" if event.inferred else written,
                      participant_labels(event, names))
        for citation in cited.get(event.id or 0, []):
            footnote += 1
            number = numbers.setdefault(citation.source_id, len(numbers) + 1)
            entry.notes.append(Note(footnote, number, sources[citation.source_id],
                                    citation.locator, citation.excerpt,
                                    citation.confidence))
        entries.append(entry)
    listed = [(number, sources[source_id]) for source_id, number in numbers.items()]
    return Chronology(title, entries, listed)


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
