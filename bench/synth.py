"""Make a realistic Threadline database of N events, fast: ``python bench/synth.py OUT.db
--events N [--seed S]``.

The file is created by ``Store.create`` (so schema, CHECKs, foreign keys and the search
triggers are the app's own) and filled with raw ``sqlite3`` ``executemany`` in a few big
transactions, by ``bench/synth_write.py``. What it holds, for N events:

* N events, their dates a mix of exact days ("12 March 1643", ISO "1643-03-12"), months,
  years, uncertain dates ("late March 1643", "c. 1820", "before 1900", "mid-1950s",
  "1984?", "c. 300 BC") and spans with an end date ("1988" to "1991"), over three
  millennia, some BC; categories, locations, summaries; 1–5 participants each;
* N/10 entities: people (Latin, Korean and Chinese names, CJK native names and hangul
  aliases), organizations and places, some dated;
* 2.5 relationships per entity, most of them dated; N/1000 sources (at least 5);
  one citation per event on average (of events, entities and relationships); tags.

Dates are drawn from a vocabulary of date texts, each parsed once with
``models.dates.parse_span``, so ``earliest``/``latest``/``core_*`` are exactly what the
app would store. The search index holds what the app's triggers write; it is built
meanwhile in another process, by the triggers' own statements run once per table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import vocab  # noqa: E402
from bench.synth_write import Timer, write  # noqa: E402
from db.store import Store  # noqa: E402
from models.dates import DateParseError, parse_span  # noqa: E402
from models.records import EVENT_CATEGORIES  # noqa: E402

CHUNK = 100_000  # events generated and written per batch
DATE_KINDS = ("day", "month", "year", "uncertain", "span")
EVENT_DATE_WEIGHTS = (0.30, 0.12, 0.13, 0.25, 0.20)
ENTITY_KINDS = ("person", "organization", "place")
ENTITY_WEIGHTS = (0.55, 0.30, 0.15)
RELATIONSHIPS_PER_ENTITY = 2.5
Row = tuple[Any, ...]


# -- dates ------------------------------------------------------------------------------

def _year_text(year: int) -> str:
    """Astronomical year as written: 44 BC, AD 14, 843, 1643."""
    if year <= 0:
        return f"{1 - year} BC"
    return f"AD {year}" if year < 100 else str(year)


def _years(rng: np.random.Generator, n: int) -> np.ndarray:
    """Mostly modern years, with a long tail back to 800 BC (astronomical numbering)."""
    band = rng.choice(4, n, p=(0.60, 0.25, 0.10, 0.05))
    low = np.array([1800, 1400, 1, -800])[band]
    high = np.array([2025, 1800, 1400, 1])[band]
    return rng.integers(low, high)


def _day_text(rng: np.random.Generator, year: int) -> str:
    month, day = int(rng.integers(1, 13)), int(rng.integers(1, 29))
    if year >= 1000 and rng.random() < 0.2:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{day} {vocab.MONTHS[month - 1]} {_year_text(year)}"


def _month_text(rng: np.random.Generator, year: int) -> str:
    return f"{vocab.MONTHS[int(rng.integers(12))]} {_year_text(year)}"


def _uncertain_text(rng: np.random.Generator, year: int) -> str:
    form = int(rng.integers(9))
    part = ("early", "mid", "late")[int(rng.integers(3))]
    if year < 1000 and form in (3, 4, 6):
        form = 1  # decades and centuries of 3-digit years read oddly; keep them simple
    texts = (
        lambda: f"{part} {_month_text(rng, year)}",
        lambda: f"c. {_year_text(year)}",
        lambda: f"before {_year_text(year)}",
        lambda: f"{part}-{year // 10 * 10}s",
        lambda: f"{part} {year // 100 * 100}s",
        lambda: f"{_year_text(year)}?",
        lambda: f"between {year} and {year + int(rng.integers(1, 6))}",
        lambda: f"after {_year_text(year)}",
        lambda: f"about {_month_text(rng, year)}",
    )
    return texts[form]()


def _span_texts(rng: np.random.Generator, year: int) -> tuple[str, str]:
    if rng.random() < 0.3:
        first = int(rng.integers(1, 12))
        last = int(rng.integers(first + 1, 13))
        return (f"{vocab.MONTHS[first - 1]} {_year_text(year)}",
                f"{vocab.MONTHS[last - 1]} {_year_text(year)}")
    end = year + int(rng.integers(1, 30))
    start = (_year_text(year), f"c. {_year_text(year)}", _month_text(rng, year),
             _day_text(rng, year))[int(rng.integers(4))]
    finish = (_year_text(end), _month_text(rng, end), _day_text(rng, end))[int(rng.integers(3))]
    return start, finish


_MAKERS: dict[str, Callable[[np.random.Generator, int], tuple[str, str]]] = {
    "day": lambda rng, y: (_day_text(rng, y), ""),
    "month": lambda rng, y: (_month_text(rng, y), ""),
    "year": lambda rng, y: (_year_text(y), ""),
    "uncertain": lambda rng, y: (_uncertain_text(rng, y), ""),
    "span": _span_texts,
}


@dataclass
class DateVocab:
    """Distinct (date, end date) texts of one kind, each parsed once."""

    texts: list[tuple[str, str]] = field(default_factory=list)
    earliest: list[int] = field(default_factory=list)
    latest: list[int] = field(default_factory=list)
    core: list[tuple[int | None, int | None]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.texts)


def date_vocab(rng: np.random.Generator, kind: str, size: int) -> DateVocab:
    """``size`` distinct date texts of ``kind`` with their intervals (parsed once each)."""
    found: dict[tuple[str, str], None] = {}
    vocab_ = DateVocab()
    for year in _years(rng, size * 2).tolist():
        texts = _MAKERS[kind](rng, year)
        if texts in found:
            continue
        try:
            fuzzy = parse_span(*texts)
        except DateParseError:
            continue
        found[texts] = None
        vocab_.texts.append(texts)
        vocab_.earliest.append(fuzzy.earliest)
        vocab_.latest.append(fuzzy.latest)
        vocab_.core.append((fuzzy.core_start, fuzzy.core_end) if fuzzy.span else (None, None))
        if len(vocab_) == size:
            break
    return vocab_


def _date_vocabs(rng: np.random.Generator, n_events: int) -> dict[str, DateVocab]:
    size = int(np.clip(n_events // 8, 64, 20_000))
    return {kind: date_vocab(rng, kind, size) for kind in DATE_KINDS}


def _dated(vocabs: dict[str, DateVocab], kind: str, index: int) -> tuple[Any, ...]:
    """(date, end_date, earliest, latest, core_start, core_end) of one vocabulary entry."""
    v = vocabs[kind]
    i = index % len(v)
    return (*v.texts[i], v.earliest[i], v.latest[i], *v.core[i])


# -- names --------------------------------------------------------------------------------

def _pick(rng: np.random.Generator, items: Sequence[Any]) -> Any:
    return items[int(rng.integers(len(items)))]


def _person(rng: np.random.Generator) -> tuple[str, str, list[str]]:
    """(name, native name, aliases) of a Latin, Korean or Chinese person."""
    style = rng.random()
    if style < 0.45:
        first, last = _pick(rng, vocab.FIRST_NAMES), _pick(rng, vocab.SURNAMES)
        aliases = [f"{first[0]}. {last}"] if rng.random() < 0.3 else []
        return f"{first} {last}", "", aliases
    if style < 0.75:
        (sur, sur_h, sur_k), (given, given_h, given_k) = (
            _pick(rng, vocab.KOREAN_SURNAMES), _pick(rng, vocab.KOREAN_GIVEN))
        aliases = [sur_k + given_k] if rng.random() < 0.5 else []
        return f"{sur} {given}", sur_h + given_h, aliases
    (sur, sur_c), (given, given_c) = (_pick(rng, vocab.CHINESE_SURNAMES),
                                      _pick(rng, vocab.CHINESE_GIVEN))
    return f"{sur} {given}", sur_c + given_c, []


def _organization(rng: np.random.Generator) -> tuple[str, str, list[str]]:
    (city, city_native), (kind, kind_native), (topic, topic_native) = (
        _pick(rng, vocab.CITIES), _pick(rng, vocab.ORG_KINDS), _pick(rng, vocab.ORG_FIELDS))
    form = int(rng.integers(3))
    name = (f"{city} {kind}", f"{kind} of {topic}", f"{city} {topic} {kind}")[form]
    native = city_native + topic_native + kind_native if city_native and form else ""
    return name, native, []


def _place(rng: np.random.Generator) -> tuple[str, str, list[str]]:
    city, native = _pick(rng, vocab.CITIES)
    prefix, suffix = _pick(rng, vocab.PLACE_PREFIXES), _pick(rng, vocab.PLACE_SUFFIXES)
    return f"{prefix}{city}{suffix}", native if not prefix + suffix else "", []


_NAMERS = {"person": _person, "organization": _organization, "place": _place}
_ENTITY_DATES = {"person": ("span", 0.7), "organization": ("year", 0.6), "place": ("day", 0.1)}


# -- rows -----------------------------------------------------------------------------------

@dataclass
class Plan:
    """Sizes and the shared draws (entity names and kinds, date vocabularies)."""

    events: int
    seed: int
    rng: np.random.Generator
    vocabs: dict[str, DateVocab]
    entity_kinds: list[str]
    entity_names: list[str]
    entity_natives: list[str]
    place_names: list[str]

    @property
    def entities(self) -> int:
        return len(self.entity_kinds)

    @property
    def relationships(self) -> int:
        return round(RELATIONSHIPS_PER_ENTITY * self.entities)

    @property
    def sources(self) -> int:
        return max(5, self.events // 1000)


def make_plan(n_events: int, seed: int) -> Plan:
    rng = np.random.default_rng(seed)
    vocabs = _date_vocabs(rng, n_events)
    n_entities = max(10, n_events // 10)
    kinds = [ENTITY_KINDS[k] for k in rng.choice(3, n_entities, p=ENTITY_WEIGHTS).tolist()]
    return Plan(n_events, seed, rng, vocabs, kinds, [], [], [])


def _busy_entities(rng: np.random.Generator, n_entities: int, n: int) -> np.ndarray:
    """Entity ids (1-based), a third of them from the busiest 2%: some people recur."""
    busy = rng.integers(0, max(1, n_entities // 50), n)
    anyone = rng.integers(0, n_entities, n)
    return np.where(rng.random(n) < 0.33, busy, anyone) + 1


def entity_rows(plan: Plan) -> list[Row]:
    rng, out = plan.rng, []
    for entity_id, kind in enumerate(plan.entity_kinds, 1):
        name, native, aliases = _NAMERS[kind](rng)
        plan.entity_names.append(name)
        plan.entity_natives.append(native)
        if kind == "place":
            plan.place_names.append(name)
        date_kind, share = _ENTITY_DATES[kind]
        dated = _dated(plan.vocabs, date_kind, int(rng.integers(1 << 30)))[:4] \
            if rng.random() < share else ("", "", None, None)
        out.append((entity_id, kind, name, native, json.dumps(aliases, ensure_ascii=False),
                    _pick(rng, vocab.DESCRIPTIONS[kind]), *dated, ""))
    if not plan.place_names:
        plan.place_names.append("Taipei")
    return out


def relationship_rows(plan: Plan) -> list[Row]:
    rng, n = plan.rng, plan.relationships
    sources = _busy_entities(rng, plan.entities, n)
    targets = (sources - 1 + rng.integers(1, plan.entities, n)) % plan.entities + 1
    out = []
    for rel_id, (a, b) in enumerate(zip(sources.tolist(), targets.tolist(), strict=True), 1):
        draw = rng.random()
        kind = "span" if draw < 0.65 else "year" if draw < 0.85 else None
        dated = _dated(plan.vocabs, kind, int(rng.integers(1 << 30))) if kind else (
            "", "", None, None, None, None)
        out.append((rel_id, a, b, _pick(rng, vocab.RELATIONSHIP_KINDS),
                    int(rng.random() < 0.85), *dated, "", ""))
    return out


def source_rows(plan: Plan) -> list[Row]:
    rng, out = plan.rng, []
    for source_id in range(1, plan.sources + 1):
        place = _pick(rng, plan.place_names)
        date, _, earliest, latest, *_ = _dated(plan.vocabs, "year", int(rng.integers(1 << 30)))
        out.append((source_id, _pick(rng, vocab.SOURCE_TITLES).format(place=place),
                    _pick(rng, plan.entity_names), _pick(rng, vocab.PUBLISHERS), date,
                    earliest, latest, f"https://example.org/sources/{source_id}",
                    _pick(rng, vocab.SOURCE_KINDS), _pick(rng, ("", "A", "B", "C", "D", "E",
                                                                "F")), "", ""))
    return out


@dataclass
class EventChunk:
    events: list[Row]
    participants: list[Row]
    tags: list[Row]


def event_chunk(plan: Plan, first_id: int, n: int) -> EventChunk:
    """Events ``first_id`` .. ``first_id + n - 1`` with their participants and tags."""
    rng = plan.rng
    ids = np.arange(first_id, first_id + n)
    counts = rng.integers(1, 6, n)
    who = _busy_entities(rng, plan.entities, int(counts.sum()))
    starts = np.cumsum(counts) - counts
    lead = who[starts].tolist()
    second = np.where(counts > 1, who[np.minimum(starts + 1, len(who) - 1)], 0).tolist()
    kinds = rng.choice(len(DATE_KINDS), n, p=EVENT_DATE_WEIGHTS).tolist()
    picks = rng.integers(1 << 30, size=(n, 5)).tolist()
    categories = [*EVENT_CATEGORIES, ""]
    events = []
    for event_id, kind, person, other, (d, t, p, c, s) in zip(
            ids.tolist(), kinds, lead, second, picks, strict=True):
        place = plan.place_names[p % len(plan.place_names)]
        title = vocab.EVENT_TITLES[t % len(vocab.EVENT_TITLES)].format(
            p=plan.entity_names[person - 1], place=place)
        summary = vocab.SUMMARY_PHRASES[s % len(vocab.SUMMARY_PHRASES)]
        if other:
            native = plan.entity_natives[other - 1]
            summary += f" With {plan.entity_names[other - 1]}" + (
                f" ({native})." if native else ".")
        dated = _dated(plan.vocabs, DATE_KINDS[kind], d)
        location = place if s % 4 else ""
        notes = "Check against the second source." if c % 20 == 0 else ""
        events.append((event_id, title, summary, *dated, categories[c % len(categories)],
                       location, notes))
    roles = rng.integers(len(vocab.ROLES), size=len(who)).tolist()
    participants = list(zip(np.repeat(ids, counts).tolist(), who.tolist(),
                            [vocab.ROLES[r] for r in roles], strict=True))
    tagged = ids[rng.random(n) < 0.25]
    tags = list(zip(tagged.tolist(), (rng.integers(len(vocab.TAGS), size=len(tagged)) + 1)
                    .tolist(), strict=True))
    return EventChunk(events, participants, tags)


def citation_rows(plan: Plan, first_id: int, n: int) -> list[Row]:
    """Citations ``first_id`` ..: nine in ten of an event, the rest of entities and ties."""
    rng = plan.rng
    target = rng.choice(3, n, p=(0.90, 0.07, 0.03)).tolist()
    limits = (plan.events, plan.entities, plan.relationships)
    picks = rng.integers(1 << 30, size=(n, 4)).tolist()
    out = []
    for cid, kind, (t, s, page, conf) in zip(range(first_id, first_id + n), target, picks,
                                             strict=True):
        refs: list[int | None] = [None, None, None]
        refs[kind] = t % limits[kind] + 1
        out.append((cid, s % plan.sources + 1, *refs, f"p. {page % 600 + 1}",
                    "" if conf % 3 else "as the text says", conf % 7 or None))
    return out


# -- writing ----------------------------------------------------------------------------------

def _chunks(total: int, size: int = CHUNK) -> Iterator[tuple[int, int]]:
    for first in range(1, total + 1, size):
        yield first, min(size, total - first + 1)


def batches(plan: Plan) -> Iterator[tuple[str, list[Row]]]:
    """(table, rows) in the order they can be written: parents before what refers to them."""
    yield "entities", entity_rows(plan)
    yield "sources", source_rows(plan)
    yield "relationships", relationship_rows(plan)
    yield "tags", list(enumerate(vocab.TAGS, 1))
    for first, n in _chunks(plan.events):
        chunk = event_chunk(plan, first, n)
        yield "events", chunk.events
        yield "event_participants", chunk.participants
        yield "event_tags", chunk.tags
    for first, n in _chunks(plan.events):
        yield "citations", citation_rows(plan, first, n)


def synthesize(path: Path, n_events: int, seed: int = 0) -> dict[str, Any]:
    """Create ``path`` (which must not exist) holding ``n_events`` events; return timings.

    Foreign keys are not enforced while loading (the rows are made to satisfy them;
    ``tests/test_bench.py`` runs ``PRAGMA foreign_key_check``): that saves ~3 µs a row.
    """
    start, cpu = time.perf_counter(), time.process_time()
    timer = Timer()
    with timer.phase("parse dates"):
        Store.create(path).close()
        plan = make_plan(n_events, seed)
    write(path, lambda: batches(plan), timer)
    seconds = time.perf_counter() - start
    return {"path": str(path), "seconds": seconds, "counts": _counts(path),
            "phases": timer.phases, "cpu_seconds": time.process_time() - cpu,
            "cpu_phases": timer.cpu, "date_texts": sum(len(v) for v in plan.vocabs.values())}


def _counts(path: Path) -> dict[str, int]:
    with Store.open(path, readonly=True) as store:
        counts = store.counts()
        for table in ("event_participants", "event_tags"):
            counts[table] = store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="database file to create (must not exist)")
    parser.add_argument("--events", type=int, required=True, help="number of events")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    if args.events < 1:
        parser.error("--events must be at least 1")
    if args.force:
        for leftover in (args.out, Path(f"{args.out}-wal"), Path(f"{args.out}-shm")):
            leftover.unlink(missing_ok=True)
    elif args.out.exists():
        parser.error(f"{args.out} exists (use --force to replace it)")
    summary = synthesize(args.out, args.events, args.seed)
    if args.json:
        print(json.dumps(summary))
    else:
        _print_summary(summary)
    return 0


def _print_summary(summary: dict[str, Any]) -> None:
    counts = ", ".join(f"{n:,} {table}" for table, n in summary["counts"].items())
    print(f"{summary['path']}: {counts} in {summary['seconds']:.1f} s "
          f"({summary['cpu_seconds']:.1f} s CPU writing)")
    cpu = summary["cpu_phases"]
    print(f"  {'phase':<28} {'wall':>9} {'CPU':>9}")
    for phase, seconds in sorted(summary["phases"].items(), key=lambda p: -p[1]):
        print(f"  {phase:<28} {seconds:7.2f} s {cpu.get(phase, 0):7.2f} s")


if __name__ == "__main__":
    sys.exit(main())
