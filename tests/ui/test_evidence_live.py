"""The marks' evidence styles follow edits of citations and sources as they are made:
a second source cited makes a dashed mark solid, a source graded down makes its marks
weak, a deleted citation leaves a mark uncited — on the timeline and on the network."""

from __future__ import annotations

from pathlib import Path

import pytest

from db import ops
from db.store import Store
from models.records import Citation, Entity, Event, Relationship, Source
from tests.ui.helpers import show_graph_panel, show_timeline
from ui.document import Document
from ui.timeline import TimelinePanel


@pytest.fixture
def cited(store: Store) -> Store:
    """One event and one relationship, each cited once by Wire (B2); Blog cites a
    second event, so the file is not one whose marks are all drawn plain."""
    wire = store.add_source(Source(title="Wire", reliability="B"))
    store.add_source(Source(title="Blog", reliability="C"))
    talks = store.add_event(Event(title="Talks", date="2001", end_date="2003"))
    other = store.add_event(Event(title="Other", date="2005"))
    ann = store.add_entity(Entity(kind="person", name="Ann"))
    bob = store.add_entity(Entity(kind="person", name="Bob"))
    advises = store.add_relationship(Relationship(ann, bob, "advises"))
    store.add_citation(Citation(wire, "event", talks, "p. 1", confidence=2))
    store.add_citation(Citation(wire, "event", other, "p. 2", confidence=2))
    store.add_citation(Citation(wire, "relationship", advises, "p. 3", confidence=2))
    return store


def _timeline(document: Document, qtbot) -> TimelinePanel:
    return show_timeline(qtbot, document)


def _ids(store: Store) -> tuple[int, int, int, int]:
    wire, blog = (s.id for s in store.sources())
    talks = next(e.id for e in store.events() if e.title == "Talks")
    return wire, blog, talks, store.relationships()[0].id


def test_citing_a_second_source_makes_the_timeline_mark_corroborated(cited: Store, qtbot
                                                                     ) -> None:
    document = Document(cited)
    panel = _timeline(document, qtbot)
    wire, blog, talks, _ = _ids(cited)
    assert talks in panel.evidence.marks()["single"]
    document.apply(lambda s: ops.add_citation(s, Citation(blog, "event", talks, "p. 9", "", 2)))
    assert talks not in panel.evidence.marks()["single"]
    document.apply(lambda s: ops.update_source(s, Source(title="Wire", reliability="E",
                                                         id=wire)))
    document.apply(lambda s: ops.update_source(s, Source(title="Blog", reliability="D",
                                                         id=blog)))
    assert talks in panel.evidence.marks()["weak"]
    assert panel.toolbar.legend.weak
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert talks not in panel.evidence.marks()["weak"]
    for citation in cited.citations_for("event", talks):
        document.apply(lambda s, c=citation.id: ops.delete_citation(s, c))
    assert talks in panel.evidence.marks()["uncited"]


def test_citing_a_second_source_makes_the_network_line_solid(cited: Store, qtbot,
                                                             tmp_path: Path) -> None:
    panel = show_graph_panel(qtbot, cited)
    document = panel.document
    _, blog, _, advises = _ids(cited)

    def family() -> str:
        (edge,) = [e for e in panel.view.picture.edges if e.relationship_id == advises]
        return panel.view._edge_key(edge)[0]

    assert family() == "single"
    document.apply(lambda s: ops.add_citation(
        s, Citation(blog, "relationship", advises, "p. 8", "", 2)))
    assert family() == "relationship"
    document.undo_stack.undo()
    assert family() == "single"


def test_the_browser_rows_say_the_new_support_and_grade(cited: Store, qtbot) -> None:
    from ui.browser import BrowserPanel

    document = Document(cited)
    browser = BrowserPanel(document)
    qtbot.addWidget(browser)
    browser.show()
    model = browser.events.model
    wire, blog, talks, _ = _ids(cited)
    row = next(r for r in range(model.rowCount()) if model.record_id(r) == talks)

    def cells() -> tuple[str, str]:
        evidence, grade = (model.titles.index(t) for t in ("Evidence", "Grade"))
        return model.data(model.index(row, evidence)), model.data(model.index(row, grade))

    assert cells() == ("1 source", "B2")
    document.apply(lambda s: ops.add_citation(s, Citation(blog, "event", talks, "p. 9", "", 1)))
    assert cells() == ("2 sources", "B2")
    document.apply(lambda s: ops.update_source(s, Source(title="Wire", reliability="A",
                                                         id=wire)))
    assert cells() == ("2 sources", "A2")
