"""The main window: linked panels, Back/Forward, search, status bar, layout that stays."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtWidgets import QApplication

from db.store import Store
from ui.app import make_application
from ui.main_window import MainWindow


def _entity(window: MainWindow, name: str) -> int:
    return window.document.store.find_entities(name)[0].id


def test_every_panel_follows_a_choice_in_the_browser(window: MainWindow, qtbot) -> None:
    kim = _entity(window, "Chung Woo-taik")
    tab = window.browser.entities
    index = tab.model.index(tab.model.row_of(kim), 0)
    tab.view.setCurrentIndex(index)
    assert window.document.selection.current() == ("entity", kim)
    assert "Deputy Speaker" in window.detail.text()
    assert kim in window.graph.highlighted_ids()
    kim_events = set(window.document.store.event_ids_of_entity(kim))
    assert kim_events and kim_events <= window.timeline.highlighted_ids()


def test_click_through_event_person_and_back(window: MainWindow, qtbot) -> None:
    """Event → a person in it → the person's other event, then Back twice and Forward.

    Kim Yong-woo is in two events of the sample ("late 2022" and "November 2022"), so
    every step of the walk happens."""
    store = window.document.store
    visit = next(e for e in store.events() if e.date == "November 2022")
    person = next(p.entity_id for p in visit.participants
                  if store.entity(p.entity_id).name == "Kim Yong-woo")
    others = [e for e in store.events_of_entity(person) if e.id != visit.id]
    assert [e.date for e in others] == ["late 2022"]
    selection = window.document.selection
    selection.select("event", visit.id)
    assert visit.title in window.detail.text()
    first, last = window.timeline.view_range()
    assert first <= visit.earliest and visit.latest <= last
    window.detail.follow_link(QUrl(f"threadline:entity/{person}"))
    assert selection.current() == ("entity", person)
    assert window.browser.currentWidget() is window.browser.entities
    assert person in window.graph.highlighted_ids()
    window.detail.follow_link(QUrl(f"threadline:event/{others[0].id}"))
    assert selection.current() == ("event", others[0].id)
    assert others[0].title in window.detail.text()
    window.back_action.trigger()
    assert selection.current() == ("entity", person)
    window.back_action.trigger()
    assert selection.current() == ("event", visit.id)
    assert visit.title in window.detail.text()
    assert window.forward_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert selection.current() == ("entity", person)


def test_ctrl_f_searches_and_selects(window: MainWindow, qtbot) -> None:
    window.find_action.trigger()
    assert window.search.hasFocus()
    window.search.setText("阿里山")
    hits = window.search.run_search()
    assert hits and hits[0].title == "Alishan Association"
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.document.selection.current() == ("entity", _entity(window, "阿里山會"))


def test_status_bar_counts(window: MainWindow) -> None:
    counts = window.document.store.counts()
    text = window.statusBar().currentMessage()
    assert f"{counts['events']} events" in text
    assert f"{counts['sources']} sources" in text


def test_view_menu_closes_and_restores_panels(window: MainWindow) -> None:
    graph_dock = window.docks["graph"]
    graph_dock.toggleViewAction().trigger()
    assert not graph_dock.isVisible()
    window.reset_layout()
    assert graph_dock.isVisible()


def test_layout_is_kept_between_runs(qtbot, sample_path: Path) -> None:
    make_application()
    QSettings().clear()
    with Store.open(sample_path) as store:
        first = MainWindow(store)
        qtbot.addWidget(first)
        first.show()
        first.docks["detail"].hide()
        first.resize(734, 577)
        first.close()
        second = MainWindow(store)
        qtbot.addWidget(second)
        second.show()
        assert not second.docks["detail"].isVisible()
        assert second.docks["timeline"].isVisible()
        assert (second.width(), second.height()) == (734, 577)
        second.close()
    QSettings().clear()


def test_a_click_on_the_timeline_drives_the_other_panels(window: MainWindow, qtbot) -> None:
    store = window.document.store
    visit = next(e for e in store.events() if e.date == "late December 2022")
    timeline = window.timeline
    timeline.set_view_range(visit.earliest - 40, visit.latest + 40)
    QApplication.processEvents()
    pos = timeline.scene_pos_of_event(visit.id)
    assert pos is not None
    qtbot.mouseClick(timeline.plot_widget.viewport(), Qt.MouseButton.LeftButton,
                     pos=timeline.plot_widget.mapFromScene(pos))
    assert window.document.selection.current() == ("event", visit.id)
    assert visit.title in window.detail.text()
    participants = {p.entity_id for p in visit.participants}
    assert participants <= window.graph.highlighted_ids()
    row = window.browser.events.view.currentIndex()
    assert row.siblingAtColumn(1).data() == visit.title


def test_a_click_on_a_graph_node_drives_the_other_panels(window: MainWindow, qtbot) -> None:
    graph = window.graph
    assert graph.wait_for_layout()
    person = _entity(window, "Chung Woo-taik")
    point = graph.node_view_point(person)
    qtbot.mouseClick(graph.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.document.selection.current() == ("entity", person)
    assert "Chung Woo-taik" in window.detail.text()
    assert set(window.document.store.event_ids_of_entity(person)) <= \
        window.timeline.highlighted_ids()
    assert window.browser.entities.view.currentIndex().data() == "Chung Woo-taik"


def test_status_bar_numbers_read_as_words() -> None:
    from ui.main_window import _count

    assert _count(1, "event") == "1 event"
    assert _count(1_000_000, "event") == "1,000,000 events"
    assert _count(2, "person", "people") == "2 people"
