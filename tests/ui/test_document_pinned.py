"""What the panels rely on from the shared document: the selection, its Back/Forward
history and the visible window, and the one path by which writes reach the panels.

Signals are connected directly, so each assertion reads what a panel would have heard.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from db import ops
from db.store import Store
from models.records import Event, Source
from ui.document import HISTORY_LIMIT, Changes, Document, Selection


class Heard:
    """Everything a listener of the selection's three signals was told, in order."""

    def __init__(self, selection: Selection) -> None:
        self.events: list[tuple] = []
        selection.current_changed.connect(
            lambda kind, rid: self.events.append(("current", kind, rid)))
        selection.history_changed.connect(lambda: self.events.append(("history",)))
        selection.window_changed.connect(lambda a, b: self.events.append(("window", a, b)))

    def take(self) -> list[tuple]:
        events, self.events = self.events, []
        return events


@pytest.fixture
def selection(qapp) -> Iterator[Selection]:
    s = Selection()
    yield s
    s.deleteLater()


def _walk(selection: Selection, step: str) -> list[tuple[str, int] | None]:
    """Press Back (or Forward) until it is disabled; the records shown on the way."""
    shown = []
    while getattr(selection, f"can_go_{step}")():
        getattr(selection, step)()
        shown.append(selection.current())
    return shown


def test_choosing_a_record_tells_every_panel_once(selection: Selection) -> None:
    heard = Heard(selection)
    assert selection.current() is None
    assert not selection.can_go_back() and not selection.can_go_forward()
    selection.back()
    selection.forward()  # both disabled: nothing to announce
    assert heard.take() == []
    selection.select("event", np.int64(7))  # ids often come out of numpy arrays
    assert selection.current() == ("event", 7)
    assert type(selection.current()[1]) is int
    assert heard.take() == [("current", "event", 7), ("history",)]
    assert not selection.can_go_back() and not selection.can_go_forward()


def test_reselecting_the_current_record_changes_nothing(selection: Selection) -> None:
    selection.select("entity", 1)
    selection.select("event", 2)
    heard = Heard(selection)
    selection.select("event", 2)
    assert heard.take() == []
    assert _walk(selection, "back") == [("entity", 1)]  # no second entry for event 2


@pytest.mark.parametrize("kind", ["person", "", "events"])
def test_an_unknown_kind_is_refused(selection: Selection, kind: str) -> None:
    heard = Heard(selection)
    with pytest.raises(ValueError, match="unknown record kind"):
        selection.select(kind, 1)
    assert selection.current() is None and heard.take() == []


def test_back_and_forward_walk_what_was_shown(selection: Selection) -> None:
    for kind, rid in [("event", 1), ("entity", 2), ("source", 3), ("relationship", 4)]:
        selection.select(kind, rid)
    heard = Heard(selection)
    assert _walk(selection, "back") == [("source", 3), ("entity", 2), ("event", 1)]
    assert heard.take() == [("current", "source", 3), ("history",),
                            ("current", "entity", 2), ("history",),
                            ("current", "event", 1), ("history",)]
    selection.back()  # disabled at the start: says nothing
    assert heard.take() == [] and selection.current() == ("event", 1)
    assert _walk(selection, "forward") == [("entity", 2), ("source", 3), ("relationship", 4)]
    selection.forward()  # disabled at the end
    assert heard.take()[-2:] == [("current", "relationship", 4), ("history",)]
    assert selection.current() == ("relationship", 4)


def test_a_new_choice_cuts_the_forward_history(selection: Selection) -> None:
    for rid in (1, 2, 3):
        selection.select("event", rid)
    selection.back()
    selection.back()
    selection.select("entity", 9)
    assert not selection.can_go_forward()
    assert _walk(selection, "back") == [("event", 1)]
    assert _walk(selection, "forward") == [("entity", 9)]


def test_history_keeps_the_latest_records_up_to_its_limit(selection: Selection) -> None:
    for rid in range(1, HISTORY_LIMIT + 2):
        selection.select("event", rid)
    shown = _walk(selection, "back")
    assert len(shown) == HISTORY_LIMIT - 1
    assert shown[-1] == ("event", 2)  # the oldest one went
    assert _walk(selection, "forward")[-1] == ("event", HISTORY_LIMIT + 1)


def test_exactly_the_limit_keeps_the_first_record(selection: Selection) -> None:
    for rid in range(1, HISTORY_LIMIT + 1):
        selection.select("event", rid)
    assert _walk(selection, "back")[-1] == ("event", 1)


def test_clear_empties_selection_and_history(selection: Selection) -> None:
    selection.select("event", 1)
    selection.select("event", 2)
    heard = Heard(selection)
    selection.clear()
    assert selection.current() is None
    assert heard.take() == [("current", "", 0), ("history",)]
    assert not selection.can_go_back() and not selection.can_go_forward()
    selection.select("event", 2)  # chosen again after the clear, it is news
    assert heard.take() == [("current", "event", 2), ("history",)]


def test_forgetting_the_current_record_shows_the_one_before(selection: Selection) -> None:
    for rid in (1, 2, 3):
        selection.select("event", rid)
    heard = Heard(selection)
    selection.forget("event", 3)
    assert selection.current() == ("event", 2)
    assert heard.take() == [("current", "event", 2), ("history",)]
    assert not selection.can_go_forward()
    assert _walk(selection, "back") == [("event", 1)]


def test_forgetting_another_record_keeps_the_current_one(selection: Selection) -> None:
    for rid in (1, 2, 3, 4):
        selection.select("event", rid)
    selection.back()
    selection.back()  # at 2, with 3 and 4 forward
    heard = Heard(selection)
    selection.forget("event", 1)
    assert heard.take() == [("history",)]
    assert selection.current() == ("event", 2)
    assert not selection.can_go_back()
    assert _walk(selection, "forward") == [("event", 3), ("event", 4)]


def test_forgetting_the_only_record_leaves_nothing_selected(selection: Selection) -> None:
    selection.select("source", 5)
    selection.select("source", 6)
    selection.back()
    selection.forget("source", 6)  # not current: nothing to announce but the history
    heard = Heard(selection)
    selection.forget("source", 5)
    assert selection.current() is None
    assert heard.take() == [("current", "", 0), ("history",)]


def test_the_window_is_announced_only_when_it_moves(selection: Selection) -> None:
    heard = Heard(selection)
    assert selection.window() is None
    selection.set_window(np.int64(2451545), 2451910.0)
    assert selection.window() == (2451545, 2451910)
    assert all(type(day) is int for day in selection.window())
    selection.set_window(2451545, 2451910)
    selection.set_window(2451545, 2451911)
    assert heard.take() == [("window", 2451545, 2451910), ("window", 2451545, 2451911)]


def test_changes_all_means_everything() -> None:
    assert Changes.all().everything
    assert not Changes().everything and Changes().events == frozenset()


@pytest.fixture
def document(qapp, filled: Store) -> Iterator[Document]:
    doc = Document(filled)
    yield doc
    doc.deleteLater()


def test_deleting_the_shown_record_leaves_the_selection(document: Document) -> None:
    store = document.store
    kept = store.add_event(Event(title="kept", date="2001"))
    gone = store.add_event(Event(title="gone", date="2002"))
    document.selection.select("event", kept)
    document.selection.select("event", gone)
    told: list[Changes] = []
    document.changed.connect(told.append)
    document.apply(lambda s: ops.delete_event(s, gone))
    assert document.selection.current() == ("event", kept)
    assert len(told) == 1 and gone in told[0].events
    document.undo_stack.undo()
    assert store.exists("event", gone)
    assert document.selection.current() == ("event", kept)  # undo does not reselect it


def test_a_write_that_changes_nothing_is_no_undo_step(document: Document) -> None:
    told: list[Changes] = []
    document.changed.connect(told.append)
    result = document.apply(lambda s: ops.run(s, "Nothing", lambda: None))
    assert not result.undo and not result.added and not result.updated
    assert document.undo_stack.count() == 0 and told == []
    added = document.apply(lambda s: ops.add_source(s, Source(title="New")))
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == added.action
    assert added.action.startswith("Add source")


def test_document_is_read_only_when_its_file_is(qapp, filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "copy.db"
    filled.save_copy(path)
    with Store.open(path, readonly=True) as store:
        assert Document(store).readonly
    assert not Document(filled).readonly
    document = Document(filled)
    assert document.store is filled
    assert document.selection.parent() is document  # deleted with its document
