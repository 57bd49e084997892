"""The Detail panel renders again only when an edit concerns the page it shows."""

from __future__ import annotations

import pytest

from db import ops
from db.store import Store
from models.edits import EntityEdit, EventEdit
from models.records import Citation, Event, Participant
from ui.detail import DetailPanel
from ui.document import Document


@pytest.fixture
def detail(filled: Store, qtbot, monkeypatch: pytest.MonkeyPatch) -> DetailPanel:
    panel = DetailPanel(Document(filled))
    qtbot.addWidget(panel)
    panel.rendered = []  # type: ignore[attr-defined]
    real = panel.show_record

    def counted(kind: str, record_id: int) -> None:
        panel.rendered.append((kind, record_id))  # type: ignore[attr-defined]
        real(kind, record_id)

    monkeypatch.setattr(panel, "show_record", counted)
    return panel


def unrelated_event(store: Store, entity_id: int) -> int:
    involved = set(store.event_ids_of_entity(entity_id))
    return next(e.id for e in store.events() if e.id not in involved)


def retitle(document: Document, event_id: int, title: str) -> None:
    event = document.store.event(event_id)
    event.title = title
    document.apply(lambda s: ops.update_event(s, EventEdit(event)))


def test_an_unrelated_edit_leaves_the_page_alone(detail: DetailPanel) -> None:
    document = detail.document
    document.selection.select("entity", 1)
    detail.rendered.clear()
    retitle(document, unrelated_event(document.store, 1), "Nothing to do with Kim")
    assert detail.rendered == []
    assert "Nothing to do with Kim" not in detail.text()


def test_an_edit_of_a_listed_record_renders_again_and_undo_restores(
        detail: DetailPanel) -> None:
    document = detail.document
    document.selection.select("entity", 1)
    listed = document.store.event_ids_of_entity(1)[0]
    old = document.store.event(listed).title
    retitle(document, listed, "Retitled while listed")
    assert "Retitled while listed" in detail.text()
    document.undo_stack.undo()
    assert old in detail.text() and "Retitled while listed" not in detail.text()


def test_an_event_given_the_entity_as_participant_shows_on_its_page(
        detail: DetailPanel) -> None:
    document = detail.document
    document.selection.select("entity", 1)
    other = document.store.event(unrelated_event(document.store, 1))
    other.participants = [*other.participants, Participant(1, "observer")]
    document.apply(lambda s: ops.update_event(s, EventEdit(other)))
    assert other.title in detail.text()


def test_a_new_event_of_the_entity_and_a_new_citation_show(detail: DetailPanel) -> None:
    document = detail.document
    document.selection.select("entity", 1)
    document.apply(lambda s: ops.add_event(s, EventEdit(
        Event("Kim speaks again", "2024", participants=[Participant(1, "speaker")]))))
    assert "Kim speaks again" in detail.text()
    document.apply(lambda s: ops.add_citation(
        s, Citation(1, "entity", 1, locator="page forty-two")))
    assert "page forty-two" in detail.text()


def test_the_record_shown_renamed_renders_again(detail: DetailPanel) -> None:
    document = detail.document
    document.selection.select("entity", 1)
    entity = document.store.entity(1)
    entity.name = "Kim the Renamed"
    document.apply(lambda s: ops.update_entity(s, EntityEdit(entity)))
    assert "Kim the Renamed" in detail.text()
