"""The Browser's tables on real files: order, filter, pages, edits and the shared selection."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from db import browse, ops
from db.store import Store
from models.edits import EventEdit
from models.records import Event, Source
from ui.browser import FILTER_DELAY_MS, BrowserPanel, RecordTab
from ui.document import Changes, Document
from ui.table_models import PAGE_ROWS, EntityTableModel, EventTableModel, SourceTableModel

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
MANY = 3 * PAGE_ROWS + 17  # rows over several pages


def _column(tab: RecordTab, column: int) -> list[str]:
    model = tab.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _ids(tab: RecordTab) -> list[int]:
    return [tab.model.record_id(row) for row in range(tab.model.rowCount())]


@pytest.fixture
def dated(store: Store) -> Store:
    """Events whose dates sort differently as text and as days, BC and uncertain included."""
    for title, date, end in [("Late visit", "late December 2022", ""),
                             ("Caesar", "44 BC", ""), ("Around 1974", "c. 1974", ""),
                             ("Mid decade", "mid-2010s", ""), ("Year", "2022", ""),
                             ("Long era", "1950", "1960"), ("Bronze age", "1200 BC", "")]:
        store.add_event(Event(title=title, date=date, end_date=end))
    return store


@pytest.fixture
def browser(dated: Store, qtbot) -> BrowserPanel:
    panel = BrowserPanel(Document(dated))
    qtbot.addWidget(panel)
    return panel


@pytest.fixture
def many(store: Store) -> Store:
    """Several pages of events, titled so that the title order is not the id order."""
    with store.transaction():
        for n in range(MANY):
            store.add_event(Event(title=f"Event {(n * 7919) % MANY:04d}", date=str(1000 + n),
                                  category="even" if n % 2 == 0 else "odd"))
    return store


def test_dates_sort_by_day_not_by_text_both_ways(browser: BrowserPanel) -> None:
    chronological = ["Bronze age", "Caesar", "Long era", "Around 1974", "Mid decade",
                     "Year", "Late visit"]
    assert _column(browser.events, 1) == chronological
    assert _column(browser.events, 0)[2] == "1950 – 1960"
    browser.events.view.sortByColumn(0, DESC)
    assert _column(browser.events, 1) == chronological[::-1]


def test_text_sorts_ignore_case_and_ties_stay_in_id_order(store: Store, qtbot) -> None:
    ids = [store.add_source(Source(title=t, author=a)) for t, a in [
        ("banana", "same"), ("Apple", "same"), ("éclair", "x"), ("Cherry", "same"),
        ("Éa", "x")]]
    panel = BrowserPanel(Document(store))
    qtbot.addWidget(panel)
    sources = panel.sources
    assert _column(sources, 0) == ["Apple", "banana", "Cherry", "Éa", "éclair"]
    sources.view.sortByColumn(0, DESC)
    assert _column(sources, 0) == ["éclair", "Éa", "Cherry", "banana", "Apple"]
    sources.view.sortByColumn(1, ASC)
    assert _ids(sources) == [ids[0], ids[1], ids[3], ids[2], ids[4]]  # "same" first, by id
    sources.view.sortByColumn(1, DESC)
    assert _ids(sources) == [ids[2], ids[4], ids[0], ids[1], ids[3]]  # "x" first, by id


def test_rows_are_read_page_by_page_in_the_order_shown(many: Store, qtbot) -> None:
    panel = BrowserPanel(Document(many))
    qtbot.addWidget(panel)
    events = panel.events
    events.view.sortByColumn(1, ASC)
    titles = _column(events, 1)
    assert titles == sorted(e.title for e in many.events())
    for row in (0, PAGE_ROWS - 1, PAGE_ROWS, MANY - 1):
        record = many.event(events.model.record_id(row))
        assert events.model.index(row, 1).data() == record.title
        assert events.model.index(row, 0).data() == record.date


def test_filter_matches_every_shown_column_without_case(store: Store, qtbot) -> None:
    era = store.add_event(Event(title="Long era", date="1950", end_date="1963"))
    store.add_event(Event(title="Visit to ÉLYSÉE", date="2001", category="diplomatic"))
    store.add_event(Event(title='Quote "this"', date="2002", location="Seoul"))
    store.add_event(Event(title="Other", date="2003", summary="élysée only in the summary"))
    panel = BrowserPanel(Document(store))
    qtbot.addWidget(panel)
    events = panel.events
    for text, titles in [("élysée", ["Visit to ÉLYSÉE"]), ("DIPLOMATIC", ["Visit to ÉLYSÉE"]),
                         ("1963", ["Long era"]), ("1950 – 19", ["Long era"]),
                         ("seo", ['Quote "this"']), ('"this"', ['Quote "this"']),
                         ("É", ["Visit to ÉLYSÉE"]), ("zzz", []),
                         ("élysée diplo", ["Visit to ÉLYSÉE"]),  # across two columns
                         ("1963 long", ["Long era"]), ("to él", ["Visit to ÉLYSÉE"]),
                         ("  ", ["Long era", "Visit to ÉLYSÉE", 'Quote "this"', "Other"])]:
        events.filter.setText(text)
        events.apply_filter()
        assert _column(events, 1) == titles, text
    assert panel.shown_counts()["event"] == 4
    events.filter.setText("1963")
    events.apply_filter()
    assert events.model.row_of(era) == 0


def test_filter_waits_for_a_pause_in_typing(browser: BrowserPanel, qtbot) -> None:
    events = browser.events
    qtbot.keyClicks(events.filter, "caesar")
    assert events.model.rowCount() == 7  # not yet: each keystroke restarts the wait
    qtbot.waitUntil(lambda: events.model.rowCount() == 1, timeout=10 * FILTER_DELAY_MS)
    assert _column(events, 1) == ["Caesar"]
    events.filter.clear()
    qtbot.keyClick(events.filter, Qt.Key.Key_Return)
    assert events.model.rowCount() == 7  # Enter filters at once


def test_entity_table_shows_aliases_and_filters_by_kind(filled: Store, qtbot) -> None:
    panel = BrowserPanel(Document(filled))
    qtbot.addWidget(panel)
    entities = panel.entities
    assert _column(entities, 0) == ["Alishan Society", "Kim Dong-myung", "Taipei"]
    assert _column(entities, 3)[1] == "Kim D., 김동명"
    entities.filter.setText("organization")
    entities.apply_filter()
    assert _column(entities, 0) == ["Alishan Society"]
    entities.filter.setText("김동")  # two characters: no index, a scan
    entities.apply_filter()
    assert _column(entities, 0) == ["Kim Dong-myung"]
    tip = entities.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "<qt>Retired general</qt>"


def test_selection_elsewhere_selects_and_scrolls_to_the_row(many: Store, qtbot) -> None:
    document = Document(many)
    panel = BrowserPanel(document)
    qtbot.addWidget(panel)
    panel.resize(600, 300)
    panel.show()
    events = panel.events
    odd = events.model.record_id(MANY - 2)  # far down, on the last page
    assert many.event(odd).category == "odd"
    document.selection.select("event", odd)
    current = events.view.currentIndex()
    assert current.row() == MANY - 2
    QApplication.processEvents()
    assert events.view.visualRect(current).intersects(events.view.viewport().rect())
    events.view.sortByColumn(1, DESC)  # the selection stays on the record
    assert events.model.record_id(events.view.currentIndex().row()) == odd
    events.filter.setText("odd")
    events.apply_filter()
    assert {many.event(i).category for i in _ids(events)} == {"odd"}
    assert events.model.record_id(events.view.currentIndex().row()) == odd


def test_choosing_a_row_and_keys_publish_the_selection(many: Store, qtbot) -> None:
    document = Document(many)
    panel = BrowserPanel(document)
    qtbot.addWidget(panel)
    panel.show()
    view = panel.events.view
    view.setFocus()
    view.setCurrentIndex(panel.events.model.index(PAGE_ROWS - 1, 1))
    assert document.selection.current() == ("event", panel.events.model.record_id(PAGE_ROWS - 1))
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert document.selection.current() == ("event", panel.events.model.record_id(PAGE_ROWS))


def test_edits_undo_and_redo_show_in_the_tables(dated: Store, qtbot) -> None:
    document = Document(dated)
    panel = BrowserPanel(document)
    qtbot.addWidget(panel)
    events = panel.events
    caesar = next(e for e in dated.events() if e.title == "Caesar")
    document.selection.select("event", caesar.id)
    added = document.apply(lambda s: ops.add_event(
        s, EventEdit(Event(title="Earliest", date="3000 BC")))).record_id
    assert _column(events, 1)[0] == "Earliest"
    assert events.model.record_id(events.view.currentIndex().row()) == caesar.id
    caesar.title = "Julius Caesar"
    document.apply(lambda s: ops.update_event(s, EventEdit(caesar)))
    assert _column(events, 1)[2] == "Julius Caesar"  # same place, new text
    document.apply(lambda s: ops.delete_event(s, added))
    assert "Earliest" not in _column(events, 1)
    document.undo_stack.undo()
    assert _column(events, 1)[0] == "Earliest"
    assert events.model.record_id(events.view.currentIndex().row()) == caesar.id


def test_a_change_to_one_kind_leaves_the_other_tables_alone(filled: Store, qtbot) -> None:
    panel = BrowserPanel(Document(filled))
    qtbot.addWidget(panel)
    resets: list[str] = []
    for tab in (panel.events, panel.entities, panel.sources):
        tab.model.modelReset.connect(lambda kind=tab.model.kind: resets.append(kind))
    filled.add_source(Source(title="Second article"))
    panel.document.notify(Changes(sources=frozenset({2})))
    assert resets == ["source"]
    assert "Second article" in _column(panel.sources, 0)


def test_models_pass_qt_model_tester_through_sort_filter_and_reload(filled: Store,
                                                                     qtbot) -> None:
    for model_type in (EventTableModel, EntityTableModel, SourceTableModel):
        model = model_type(filled)
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        model.sort(1, DESC)
        model.set_filter("a")
        model.reload()
        model.set_filter("")
        assert model.rowCount() > 0


def test_initial_read_is_a_function_of_a_bare_connection(many: Store) -> None:
    conn = sqlite3.connect(many.path)
    try:
        view = browse.read_view(conn, browse.EVENTS, browse.TableOrder(1, True, "odd"))
        titles = dict(conn.execute("SELECT id, title FROM events WHERE category = 'odd'"))
        assert list(view.ids) == sorted(titles, key=lambda i: (titles[i]), reverse=True)
        rows = browse.read_rows(conn, browse.EVENTS, view.ids[:3])
        assert [r[1] for r in rows] == [titles[i] for i in view.ids[:3]]
    finally:
        conn.close()


@pytest.mark.parametrize(("column", "order", "needle"), [
    (0, ASC, ""), (0, DESC, "odd"), (1, DESC, ""), (1, ASC, "odd"), (2, DESC, "ev")])
def test_edits_are_placed_where_a_fresh_read_puts_them(many: Store, qtbot, column: int,
                                                        order: Qt.SortOrder,
                                                        needle: str) -> None:
    document = Document(many)
    panel = BrowserPanel(document)
    qtbot.addWidget(panel)
    events = panel.events
    events.view.sortByColumn(column, order)
    events.filter.setText(needle)
    events.apply_filter()
    first = many.event(events.model.record_id(0))
    twin = many.event(events.model.record_id(5))
    edits = [
        lambda s: ops.add_event(s, EventEdit(Event(title="Event 0300", date="1300",
                                                   category="odd"))),
        lambda s: ops.update_event(s, EventEdit(_changed(first, title="Event 0002",
                                                         category="even"))),
        lambda s: ops.update_event(s, EventEdit(_changed(twin, date=first.date,
                                                         title=first.title))),
        lambda s: ops.delete_event(s, events.model.record_id(events.model.rowCount() // 2)),
        lambda s: ops.add_event(s, EventEdit(Event(title="Event 0000", date="44 BC",
                                                   category="odd"))),
    ]
    for n, edit in enumerate(edits):
        document.apply(edit)
        fresh = browse.read_view(many.conn, browse.EVENTS, events.model.order)
        assert _ids(events) == fresh.ids.tolist(), n
    document.undo_stack.undo()
    fresh = browse.read_view(many.conn, browse.EVENTS, events.model.order)
    assert _ids(events) == fresh.ids.tolist()


def _changed(event: Event, **fields: str) -> Event:
    for name, value in fields.items():
        setattr(event, name, value)
    return event


def test_turning_back_to_an_earlier_sort_shows_later_edits(many: Store, qtbot) -> None:
    document = Document(many)
    panel = BrowserPanel(document)
    qtbot.addWidget(panel)
    events = panel.events
    events.view.sortByColumn(1, ASC)
    events.view.sortByColumn(1, DESC)
    events.view.sortByColumn(0, ASC)
    event = many.event(events.model.record_id(MANY // 2))
    event.title = "A first title"
    document.apply(lambda s: ops.update_event(s, EventEdit(event)))
    events.view.sortByColumn(1, ASC)
    assert _column(events, 1)[0] == "A first title"
    events.view.sortByColumn(1, DESC)
    assert _column(events, 1)[-1] == "A first title"
    assert _column(events, 1) == sorted(_column(events, 1), reverse=True)


def test_right_click_and_activation_name_the_record_under_the_pointer(many: Store,
                                                                      qtbot) -> None:
    document = Document(many)
    panel = BrowserPanel(document)
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    panel.show()
    view = panel.events.view
    view.scrollTo(panel.events.model.index(PAGE_ROWS + 3, 0))
    QApplication.processEvents()
    point = view.visualRect(panel.events.model.index(PAGE_ROWS + 3, 1)).center()
    expected = panel.events.model.record_id(PAGE_ROWS + 3)
    with qtbot.waitSignal(panel.menu_requested) as menu:
        view.customContextMenuRequested.emit(point)
    assert menu.args[:2] == ["event", expected]
    assert document.selection.current() == ("event", expected)
    with qtbot.waitSignal(panel.edit_requested) as edit:
        view.activated.emit(view.indexAt(point))
    assert edit.args == ["event", expected]


def test_hidden_tabs_are_read_when_first_shown_or_asked_for(filled: Store, qtbot) -> None:
    document = Document(filled)
    panel = BrowserPanel(document)
    qtbot.addWidget(panel)
    panel.show()
    sources_view = panel.sources.view
    assert sources_view.model().rowCount() == 0  # not read yet
    assert panel.shown_counts() == {"event": 2, "entity": 3, "source": 1}
    filled.add_source(Source(title="Written while hidden"))
    document.notify(Changes(sources=frozenset({2})))
    panel.setCurrentWidget(panel.sources)
    assert [sources_view.model().index(r, 0).data() for r in range(2)] == [
        "Article one", "Written while hidden"]
    entities_view = panel.entities.view
    document.selection.select("entity", 2)
    assert panel.currentWidget() is panel.entities
    assert entities_view.currentIndex().data() == "Alishan Society"


def test_a_model_not_yet_read_sorts_and_filters_all_its_rows(filled: Store) -> None:
    for act in (lambda m: m.sort(0, DESC), lambda m: m.set_filter("a"),
                lambda m: m.reload({1})):
        model = EntityTableModel(filled, load=False)
        act(model)
        assert model.rowCount() == (2 if model.order.needle else 3)  # Kim has no "a"


def test_one_write_swapping_a_row_for_another_resets_the_table(dated: Store, qtbot) -> None:
    """As many rows as before, but not the same ones: the table is reset (a retitle is
    not, its row is only redrawn)."""
    panel = BrowserPanel(Document(dated))
    qtbot.addWidget(panel)
    resets: list[int] = []
    panel.events.model.modelReset.connect(lambda: resets.append(1))
    caesar = next(e for e in dated.events() if e.title == "Caesar")
    with dated.transaction():
        dated.delete_event(caesar.id)
        added = dated.add_event(Event(title="Brutus", date="44 BC"))
    panel.document.notify(Changes(events=frozenset({caesar.id, added})))
    assert resets == [1]
    assert "Brutus" in _column(panel.events, 1) and "Caesar" not in _column(panel.events, 1)
    brutus = dated.event(added)
    brutus.title = "Marcus Brutus"
    panel.document.apply(lambda s: ops.update_event(s, EventEdit(brutus)))
    assert resets == [1]
    assert "Marcus Brutus" in _column(panel.events, 1)
