"""The text cap (``models.limits.MAX_TEXT_CHARS``, 1 MiB) holds on every write route, not
only imports: the Store and ``db.ops`` refuse a longer field with one message and write
nothing; a field of exactly the cap is kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from db import ops
from db.errors import ValidationError
from db.store import Store
from models.edits import EventEdit
from models.limits import MAX_TEXT_CHARS
from models.records import Citation, Entity, Event, Relationship, Source
from tests.bad_files import digest

BIG = "x" * (MAX_TEXT_CHARS + 1)

WRITES: dict[str, Callable[[Store], object]] = {
    "event summary": lambda s: s.add_event(Event(title="T", date="2000", summary=BIG)),
    "event title": lambda s: s.add_event(Event(title=BIG, date="2000")),
    "event tag": lambda s: s.add_event(Event(title="T", date="2000", tags=[BIG])),
    "entity description": lambda s: s.add_entity(Entity(kind="person", name="N",
                                                         description=BIG)),
    "entity alias": lambda s: s.add_entity(Entity(kind="person", name="N", aliases=[BIG])),
    "source content": lambda s: s.add_source(Source(title="S", content=BIG)),
    "source notes": lambda s: s.update_source(Source(title="S", notes=BIG, id=1)),
    "relationship notes": lambda s: s.add_relationship(Relationship(2, 3, "knows",
                                                                    notes=BIG)),
    "citation excerpt": lambda s: s.add_citation(Citation(1, "entity", 2, excerpt=BIG)),
    "ops.add_event": lambda s: ops.add_event(s, EventEdit(Event(title="T", date="2000",
                                                                notes=BIG))),
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cap.db"
    with Store.create(path) as store:
        store.add_source(Source(title="S"))
        store.add_entity(Entity(kind="person", name="A"))
        store.add_entity(Entity(kind="person", name="B"))
        store.add_entity(Entity(kind="person", name="C"))
    return path


@pytest.mark.parametrize("route", sorted(WRITES))
def test_a_text_over_the_cap_is_refused_by_the_store(db: Path, route: str) -> None:
    before = digest(db)
    with Store.open(db) as store:
        counts = store.counts()
        with pytest.raises(ValidationError) as refused:
            WRITES[route](store)
        assert "over the limit of 1,048,576" in str(refused.value)
        assert "\n" not in str(refused.value)
        assert store.counts() == counts
    assert digest(db) == before


def test_a_text_of_exactly_the_cap_is_kept(db: Path) -> None:
    whole = "y" * MAX_TEXT_CHARS
    with Store.open(db) as store:
        event_id = store.add_event(Event(title="T", date="2000", summary=whole))
        assert store.event(event_id).summary == whole
