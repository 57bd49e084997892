"""A chosen source highlights the Browser's rows it supports (every row stays listed),
uncited rows are flagged and grades drawn as badges, readable in both palettes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from db.store import Store
from models.records import Citation, Event, Source
from ui.browser import BrowserPanel
from ui.document import Changes, Document
from ui.theme import contrast_ratio, lens_ground

AA = 4.5
Role = Qt.ItemDataRole


@pytest.fixture
def cited(store: Store) -> tuple[Store, dict[str, int]]:
    wire = store.add_source(Source(title="Wire report", reliability="B"))
    blog = store.add_source(Source(title="Blog post", reliability="D"))
    ids = {"wire": wire, "blog": blog}
    for title, date in (("Talks held", "2020"), ("Visit rumoured", "2021"),
                        ("Nothing behind it", "2022")):
        ids[title] = store.add_event(Event(title=title, date=date))
    store.add_citation(Citation(wire, "event", ids["Talks held"], "p. 3", confidence=2))
    store.add_citation(Citation(blog, "event", ids["Talks held"], "p. 1", confidence=1))
    store.add_citation(Citation(blog, "event", ids["Visit rumoured"], "p. 4", confidence=3))
    return store, ids


def _panel(store: Store, qtbot) -> BrowserPanel:
    panel = BrowserPanel(Document(store))
    qtbot.addWidget(panel)
    panel.resize(700, 400)
    panel.show()
    return panel


def _row(panel: BrowserPanel, title: str) -> int:
    model = panel.events.model
    return next(r for r in range(model.rowCount()) if model.index(r, 1).data() == title)


def _cell(panel: BrowserPanel, title: str, column: str, role: Role):
    model = panel.events.model
    return model.index(_row(panel, title), model.titles.index(column)).data(role)


def test_a_chosen_source_highlights_its_rows_and_lists_the_rest(cited, qtbot) -> None:
    store, ids = cited
    panel = _panel(store, qtbot)
    panel.document.selection.select("source", ids["wire"])
    assert panel.lit_rows("event") == {ids["Talks held"]}
    assert panel.events.model.rowCount() == 3  # highlighted, not filtered
    lit = _cell(panel, "Talks held", "Title", Role.BackgroundRole)
    assert lit is not None and lit.color() == lens_ground()
    assert _cell(panel, "Talks held", "Title", Role.FontRole).bold()
    assert _cell(panel, "Visit rumoured", "Title", Role.BackgroundRole) is None
    assert _cell(panel, "Visit rumoured", "Title", Role.FontRole) is None
    assert not panel.events.lens_row.isHidden()  # (the Sources tab is the one in front)
    assert "‘Wire report’" in panel.events.lens_note.text()
    panel.document.selection.select("source", ids["blog"])  # the lens follows the source
    assert panel.lit_rows("event") == {ids["Talks held"], ids["Visit rumoured"]}
    panel.document.selection.select("event", ids["Nothing behind it"])  # rows stay lit
    assert panel.lit_rows("event") == {ids["Talks held"], ids["Visit rumoured"]}
    panel.events.lens_clear.click()
    assert panel.lit_rows("event") == set() and panel.events.lens_row.isHidden()


def test_the_evidence_filters_work_beside_the_highlight(cited, qtbot) -> None:
    store, ids = cited
    panel = _panel(store, qtbot)
    panel.document.selection.select("source", ids["wire"])
    tab = panel.events
    assert tab.set_evidence("source")
    assert panel.lit_rows("event") == {ids["Talks held"]} and tab.model.rowCount() == 1
    assert tab.set_evidence("uncited") and tab.model.rowCount() == 1
    assert tab.set_evidence("graded:D3") and tab.model.rowCount() == 2
    assert tab.set_evidence("corroborated") and tab.model.rowCount() == 1
    assert panel.lit_rows("event") == {ids["Talks held"]}
    assert tab.set_evidence("") and tab.model.rowCount() == 3


def test_a_new_citation_lights_its_row(cited, qtbot) -> None:
    store, ids = cited
    panel = _panel(store, qtbot)
    panel.document.selection.select("source", ids["wire"])
    store.add_citation(Citation(ids["wire"], "event", ids["Nothing behind it"], "p. 9"))
    panel.document.notify(Changes(citations=True))
    assert panel.lit_rows("event") == {ids["Talks held"], ids["Nothing behind it"]}


def test_uncited_rows_are_flagged_and_grades_are_badges(cited, qtbot, palette) -> None:
    store, _ids = cited
    panel = _panel(store, qtbot)
    flag_ground = _cell(panel, "Nothing behind it", "Evidence", Role.BackgroundRole)
    flag_text = _cell(panel, "Nothing behind it", "Evidence", Role.ForegroundRole)
    assert flag_ground is not None and flag_text is not None
    assert contrast_ratio(flag_text.color(), flag_ground.color()) >= AA
    assert _cell(panel, "Talks held", "Evidence", Role.BackgroundRole) is None
    assert _cell(panel, "Talks held", "Grade", Role.DisplayRole) == "B2"
    badge = _cell(panel, "Talks held", "Grade", Role.BackgroundRole)
    text = QGuiApplication.palette().color(QPalette.ColorRole.Text)
    assert badge is not None and contrast_ratio(text, badge.color()) >= AA
    assert _cell(panel, "Talks held", "Grade", Role.FontRole).bold()
    assert _cell(panel, "Nothing behind it", "Grade", Role.BackgroundRole) is None


def test_highlighted_rows_are_readable(palette) -> None:
    colours = QGuiApplication.palette()
    ground = lens_ground(colours)
    assert ground != colours.color(QPalette.ColorRole.Base)  # it does stand out
    assert contrast_ratio(colours.color(QPalette.ColorRole.Text), ground) >= AA
    assert (QColor(ground).lightness() < 128) == (palette == "dark")
