"""Browser, Detail and Search panels and the shared selection, each on a real file."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QAbstractItemModelTester

from db.store import Store
from models.records import Citation, Entity, Event, Source
from ui.browser import BrowserPanel
from ui.detail import DetailPanel
from ui.document import Document
from ui.search import SearchField
from ui.table_models import EntityTableModel, EventTableModel, SourceTableModel


def _document(store: Store, qtbot) -> Document:
    return Document(store)


def test_table_models_pass_qt_model_tester(filled: Store, qtbot) -> None:
    for model_type in (EventTableModel, EntityTableModel, SourceTableModel):
        model = model_type(filled)
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        model.reload()
        assert model.rowCount() > 0


def test_selection_history_back_and_forward(filled: Store, qtbot) -> None:
    document = _document(filled, qtbot)
    selection = document.selection
    seen: list[tuple[str, int]] = []
    selection.current_changed.connect(lambda k, i: seen.append((k, i)))
    selection.select("event", 1)
    selection.select("entity", 1)
    selection.select("source", 1)
    selection.back()
    selection.back()
    assert selection.current() == ("event", 1)
    assert not selection.can_go_back()
    selection.forward()
    assert selection.current() == ("entity", 1)
    selection.select("entity", 2)  # a new choice drops the forward history
    assert not selection.can_go_forward()
    assert seen == [("event", 1), ("entity", 1), ("source", 1), ("entity", 1), ("event", 1),
                    ("entity", 1), ("entity", 2)]


def test_choosing_a_row_in_the_browser_selects_it_everywhere(filled: Store, qtbot) -> None:
    document = _document(filled, qtbot)
    browser = BrowserPanel(document)
    detail = DetailPanel(document)
    qtbot.addWidget(browser)
    qtbot.addWidget(detail)
    tab = browser.entities
    row = tab.model.index(tab.model.row_of(2), 0)
    with qtbot.waitSignal(document.selection.current_changed):
        tab.view.setCurrentIndex(row)
    assert document.selection.current() == ("entity", 2)
    assert "Alishan Society" in detail.text()
    assert "阿里山會" in detail.text()


def test_browser_follows_a_selection_made_elsewhere(filled: Store, qtbot) -> None:
    document = _document(filled, qtbot)
    browser = BrowserPanel(document)
    qtbot.addWidget(browser)
    document.selection.select("source", 1)
    assert browser.currentWidget() is browser.sources
    current = browser.sources.view.currentIndex()
    assert current.data() == "Article one"
    document.selection.select("event", 1)
    assert browser.currentWidget() is browser.events
    assert browser.events.view.currentIndex().siblingAtColumn(1).data() == \
        "Delegation visits Taipei"


def test_browser_filter_and_sort(filled: Store, qtbot) -> None:
    document = _document(filled, qtbot)
    browser = BrowserPanel(document)
    qtbot.addWidget(browser)
    events = browser.events
    titles = [events.model.index(r, 1).data() for r in range(events.model.rowCount())]
    assert titles == ["Exchange programme", "Delegation visits Taipei"]  # by date
    qtbot.keyClicks(events.filter, "taipei")
    qtbot.waitUntil(lambda: events.model.rowCount() == 1)  # after a pause in the typing
    assert browser.shown_counts()["event"] == 1


def test_detail_links_navigate(filled: Store, qtbot) -> None:
    document = _document(filled, qtbot)
    detail = DetailPanel(document)
    qtbot.addWidget(detail)
    document.selection.select("event", 1)
    text = detail.text()
    for expected in ("Delegation visits Taipei", "late December 2022", "Kim Dong-myung",
                     "delegation leader", "Article one", "Parliamentary Diplomacy, para. 1",
                     "visited Taiwan", "probably true", "Track 1.5"):
        assert expected in text
    detail.follow_link(QUrl("threadline:entity/1"))
    assert document.selection.current() == ("entity", 1)
    assert "Delegation visits Taipei" in detail.text()  # the entity's events
    assert "member of" in detail.text()


def test_detail_of_a_source_lists_what_cites_it(filled: Store, qtbot) -> None:
    document = _document(filled, qtbot)
    detail = DetailPanel(document)
    qtbot.addWidget(detail)
    document.selection.select("source", 1)
    text = detail.text()
    assert "Cited by (3)" in text
    assert "Delegation visits Taipei" in text and "Kim Dong-myung" in text


HOSTILE = '<img src="http://example.invalid/x.png"><script>alert(1)</script><b>bold</b>'


def test_detail_shows_markup_in_records_as_text(store: Store, qtbot) -> None:
    source = store.add_source(Source(title=HOSTILE, url="file:///etc/passwd", notes=HOSTILE))
    entity = store.add_entity(Entity(kind="person", name=HOSTILE, description=HOSTILE))
    event = store.add_event(Event(title=HOSTILE, date="2020", summary=HOSTILE))
    store.add_citation(Citation(source, "event", event, locator=HOSTILE, excerpt=HOSTILE))
    document = Document(store)
    detail = DetailPanel(document)
    qtbot.addWidget(detail)
    for kind, record_id in (("event", event), ("entity", entity), ("source", source)):
        document.selection.select(kind, record_id)
        assert HOSTILE in detail.text()
        html = detail.html()
        assert "<img" not in html and "<script" not in html
        assert 'href="file:' not in html and 'href="http://example' not in html


def test_source_address_is_a_link_only_for_http(store: Store, qtbot) -> None:
    good = store.add_source(Source(title="Web", url="https://example.org/a?b=1"))
    document = Document(store)
    detail = DetailPanel(document)
    qtbot.addWidget(detail)
    document.selection.select("source", good)
    assert 'href="https://example.org/a?b=1"' in detail.html()


def test_search_finds_as_you_type_and_selects(filled: Store, qtbot) -> None:
    document = _document(filled, qtbot)
    field = SearchField(document)
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field, "alishan")
    qtbot.waitUntil(lambda: field.results.rowCount() > 0, timeout=2000)
    assert "Alishan Society" in field.results.item(0).text()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert document.selection.current() == ("entity", 2)
    field.setText("東明")  # typed through an input method
    field.run_search()
    assert "Kim Dong-myung" in field.results.item(0).text()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert document.selection.current() == ("entity", 1)


def test_search_with_query_syntax_shows_no_error(filled: Store, qtbot) -> None:
    document = _document(filled, qtbot)
    field = SearchField(document)
    qtbot.addWidget(field)
    for text in ['"', "NEAR(", "a AND", "*", "x" * 10_000]:
        field.setText(text)
        assert isinstance(field.run_search(), list)
