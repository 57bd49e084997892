"""What the timeline draws, as parallel numpy columns: one row per item in a lane.

An item is an event in a lane (an event with several chosen participants is in several
entity lanes) or a relationship span in an entity lane. Plot x is days since ``origin``:
a day ``d`` covers ``[d - origin, d - origin + 1)``, so an item covers
``[earliest - origin, latest - origin + 1)``. Items are sorted by start, which is what
lets the panel find the ones in view or under the mouse with ``np.searchsorted``.

Titles and dates as written are not columns: ``ItemTexts`` reads an event's from the
database the first time a label or tooltip needs it, so a million events cost no strings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from db.tables import NO_DAY, EventTable
from models.dates import DateParseError, is_open_ended, parse_date, today_jdn
from ui.timeline.style import category_colours

POINT, UNCERTAIN, SPAN, RELATION = 0, 1, 2, 3
STYLE_NAMES = {POINT: "marker", UNCERTAIN: "uncertain", SPAN: "span", RELATION: "relation"}


@dataclass(frozen=True)
class RelationSpan:
    """A dated relationship as an entity lane shows it."""

    ident: int
    earliest: int
    latest: int
    core_start: int | None
    core_end: int | None
    text: str  # "member of Alishan Society"
    date: str  # as written
    open_end: bool = False  # "1992–present": reaches today, drawn open
    inferred: bool = False  # implied by the sources, not stated: drawn apart


Fetch = Callable[[Iterable[int]], dict[int, tuple[str, str]]]


class ItemTexts:
    """(title, date as written) of events, fetched by id when first asked and kept;
    those of relationship spans, given up front."""

    def __init__(self, fetch: Fetch) -> None:
        self._fetch = fetch
        self._events: dict[int, tuple[str, str]] = {}
        self._relations: dict[tuple[int, int], tuple[str, str]] = {}  # by (lane, id)

    def add_relations(self, lane: int, spans: list[RelationSpan]) -> None:
        self._relations.update(((lane, s.ident), (s.text, s.date)) for s in spans)

    def forget(self, event_ids: Iterable[int]) -> None:
        """Fetch these events' texts again when next asked (they were edited)."""
        for event_id in event_ids:
            self._events.pop(int(event_id), None)

    def lookup(self, idents: np.ndarray, lanes: np.ndarray, relation: np.ndarray
               ) -> list[tuple[str, str]]:
        ids, is_relation = idents.tolist(), relation.tolist()
        known = self._events
        missing = {i for i, r in zip(ids, is_relation, strict=True) if not r and i not in known}
        if missing:
            known.update(self._fetch(sorted(missing)))
        return [self._relations[(lane, i)] if r else known.get(i, ("", ""))
                for i, lane, r in zip(ids, lanes.tolist(), is_relation, strict=True)]


def open_side(date: str) -> int:
    """-1 for a date open toward earlier days ("before 2024"), 1 toward later ("after
    2018"), 0 otherwise: the qualifier as ``models.dates`` reads it from the text."""
    if not date.lstrip()[:6].lower().startswith(("before", "after")):
        return 1 if is_open_ended(date) else 0  # "1992 – present" is open toward later
    try:
        qualifier = parse_date(date).qualifier
    except DateParseError:  # a span's "start – end", or text written before a rule
        return 0
    return -1 if qualifier == "before" else 1 if qualifier == "after" else 0


def no_texts(_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    return {}


@dataclass
class Lane:
    name: str
    rows: np.ndarray  # rows of the EventTable shown in this lane
    relations: list[RelationSpan]


@dataclass
class Items:
    start: np.ndarray  # float64
    end: np.ndarray  # float64
    core0: np.ndarray  # float64, NaN where the item is not a span
    core1: np.ndarray  # float64
    kind: np.ndarray  # int8: POINT, UNCERTAIN, SPAN or RELATION
    colour: np.ndarray  # int16 palette index (see style.colour_of)
    lane: np.ndarray  # int32
    row: np.ndarray  # int64: EventTable row of an event, -1 for a relationship
    ident: np.ndarray  # int64: event or relationship id
    known_end: np.ndarray  # float64: ``end`` but where an open end reaches today: its known end
    inferred: np.ndarray  # bool: the date (or relationship) is inferred, not stated
    texts: ItemTexts = field(default_factory=lambda: ItemTexts(no_texts))

    def __len__(self) -> int:
        return len(self.start)

    @cached_property
    def centre(self) -> np.ndarray:
        """Middles of what is known: an open end's reach to today is left out, so the
        density view counts "since 1992" by 1992, not half-way to today."""
        return (self.start + self.known_end) / 2

    def labels(self, indices: np.ndarray) -> list[tuple[str, str]]:
        """(title, date as written) of the items at ``indices``."""
        indices = np.asarray(indices, dtype=np.int64)
        return self.texts.lookup(self.ident[indices], self.lane[indices],
                                 self.row[indices] < 0)

    def title(self, index: int) -> str:
        return self.labels(np.array([index]))[0][0]

    def take(self, order: np.ndarray) -> Items:
        return Items(*(getattr(self, name)[order] for name in COLUMNS), texts=self.texts)


def _core(values: np.ndarray, origin: int, shift: int) -> np.ndarray:
    out = values.astype(np.float64) - origin + shift
    out[values == NO_DAY] = np.nan
    return out


def event_items(table: EventTable, rows: np.ndarray, lane: int, origin: int,
                colours: np.ndarray) -> Items:
    """The events at ``rows`` of the table (ascending), in lane ``lane``."""
    every = len(rows) == len(table)  # then rows are 0, 1, 2, ...: no copies needed

    def column(values: np.ndarray) -> np.ndarray:
        return values if every else values[rows]

    earliest, latest = column(table.earliest), column(table.latest)
    core_start, core_end = column(table.core_start), column(table.core_end)
    span = core_start != NO_DAY
    kind = np.where(span, SPAN, np.where(earliest == latest, POINT, UNCERTAIN)).astype(np.int8)
    # An open end ("1992–present") is stored as its start alone; drawn, it reaches today
    # as the fade of an open date ("after 2018"), which its written text selects.
    opened = column(table.open_end)
    kind[opened] = UNCERTAIN
    core_start = np.where(opened, NO_DAY, core_start)
    core_end = np.where(opened, NO_DAY, core_end)
    known_end = (latest - origin + 1).astype(np.float64)
    latest = np.where(opened, np.maximum(latest, today_jdn()), latest)
    return Items(
        start=(earliest - origin).astype(np.float64),
        end=(latest - origin + 1).astype(np.float64),
        core0=_core(core_start, origin, 0),
        core1=_core(core_end, origin, 1),
        kind=kind,
        colour=colours[column(table.categories)] if len(rows) else np.empty(0, np.int16),
        lane=np.full(len(rows), lane, dtype=np.int32),
        row=rows.astype(np.int64),
        ident=column(table.ids),
        known_end=known_end,
        inferred=column(table.inferred).astype(bool),
    )


def relation_items(spans: list[RelationSpan], lane: int, origin: int) -> Items:
    def column(values: list[int | None], shift: int) -> np.ndarray:
        return np.array([np.nan if v is None else v - origin + shift for v in values],
                        dtype=np.float64)

    n = len(spans)
    opened = np.array([s.open_end for s in spans], dtype=bool)
    known_end = column([s.latest for s in spans], 1)
    today = today_jdn() - origin + 1
    return Items(  # an open end reaches today with no sure part, as an open event does
        start=column([s.earliest for s in spans], 0),
        end=np.where(opened, np.maximum(known_end, today), known_end),
        core0=np.where(opened, np.nan, column([s.core_start for s in spans], 0)),
        core1=np.where(opened, np.nan, column([s.core_end for s in spans], 1)),
        kind=np.full(n, RELATION, dtype=np.int8),
        colour=np.full(n, -2, dtype=np.int16),
        lane=np.full(n, lane, dtype=np.int32),
        row=np.full(n, -1, dtype=np.int64),
        ident=np.array([s.ident for s in spans], dtype=np.int64),
        known_end=known_end,
        inferred=np.array([s.inferred for s in spans], dtype=bool),
    )


def concat(parts: list[Items], texts: ItemTexts) -> Items:
    """All parts as one set of columns, sorted by start (then lane)."""
    if not parts:
        return relation_items([], 0, 0)
    if len(parts) == 1:  # one lane of events: already in order of start
        return Items(*(getattr(parts[0], name) for name in COLUMNS), texts=texts)
    joined = Items(*(np.concatenate([getattr(p, name) for p in parts]) for name in COLUMNS),
                   texts=texts)
    order = np.lexsort((joined.lane, joined.start))
    return joined.take(order)


COLUMNS = ("start", "end", "core0", "core1", "kind", "colour", "lane", "row", "ident",
           "known_end", "inferred")


def build_items(table: EventTable, lanes: list[Lane], origin: int, fetch: Fetch = no_texts
                ) -> Items:
    """Items of every lane; ``fetch`` reads (title, date as written) of events by id."""
    colours = category_colours(table.category_names)
    texts = ItemTexts(fetch)
    parts = []
    for index, lane in enumerate(lanes):
        parts.append(event_items(table, lane.rows, index, origin, colours))
        if lane.relations:
            parts.append(relation_items(lane.relations, index, origin))
            texts.add_relations(index, lane.relations)
    return concat(parts, texts)


def in_range(items: Items, first: float, last: float) -> np.ndarray:
    """Indices of the items that meet [first, last), found by bisecting the sorted starts."""
    hi = int(np.searchsorted(items.start, last, side="left"))
    return np.flatnonzero(items.end[:hi] > first)
