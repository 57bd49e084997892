"""Every text the evidence views add reads at WCAG AA (4.5:1) in the light and the dark
palette: the keys' entries for inferred dates and lines, the Browser's lens note, the
dialogs' Inferred field; and an inferred line keeps 3:1 against the chart's ground."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from db.store import Store
from models.records import Entity, Event, Relationship, Source
from tests.ui.conftest import PanelMaker
from ui.document import Document
from ui.theme import chart_theme, contrast_ratio

AA = 4.5


def _over(rgba: QColor, ground: str) -> QColor:
    """A translucent colour as it looks over a ground."""
    g, a = QColor(ground), rgba.alphaF()
    return QColor(round(rgba.red() * a + g.red() * (1 - a)),
                  round(rgba.green() * a + g.green() * (1 - a)),
                  round(rgba.blue() * a + g.blue() * (1 - a)))


def _reads(widget: QWidget) -> float:
    colours = widget.palette()
    return contrast_ratio(colours.color(widget.foregroundRole()),
                          colours.color(widget.backgroundRole()))


def test_the_timeline_keys_inferred_entries_read(store: Store, make_panel: PanelMaker,
                                                 palette: str) -> None:
    store.add_event(Event("Summit", "18 August 2023", inferred=True))
    panel = make_panel(store)
    theme = chart_theme()
    assert theme.dark == (palette == "dark")
    buttons = {b.text(): b for b in panel.toolbar.legend.findChildren(QToolButton)}
    for name in ("inferred day", "inferred span"):
        assert theme.text in buttons[name].styleSheet()
        assert contrast_ratio(theme.text, buttons[name].palette().window().color()) >= AA


def test_the_network_keys_inferred_line_reads_and_prints(store: Store, qtbot,
                                                         palette: str) -> None:
    from tests.ui.helpers import show_graph_panel
    from ui.graph import style

    ann, bob = (store.add_entity(Entity(kind="person", name=n)) for n in ("Ann", "Bob"))
    store.add_relationship(Relationship(ann, bob, "knows", inferred=True))
    panel = show_graph_panel(qtbot, store)
    theme = chart_theme()
    layout = panel.view.legend.layout
    labels = [layout.itemAt(r, 1) for r in range(layout.rowCount()) if layout.itemAt(r, 1)]
    label = next(item for item in labels if "inferred" in item.text)
    chip = _over(panel.view.legend.opts["brush"].color(), theme.background)
    assert contrast_ratio(QColor(label.opts["color"]), chip) >= AA
    line = _over(style.edge_pen("inferred", 0, "normal").color(), theme.background)
    assert contrast_ratio(line, theme.background) >= 3.0  # a line: non-text contrast


def test_the_browsers_lens_note_reads(store: Store, qtbot, palette: str) -> None:
    from ui.browser import BrowserPanel

    source = store.add_source(Source(title="Wire report"))
    panel = BrowserPanel(Document(store))
    qtbot.addWidget(panel)
    panel.show()
    panel.document.selection.select("source", source)
    assert panel.events.lens_note.text()
    assert _reads(panel.events.lens_note) >= AA
    assert _reads(panel.events.lens_clear) >= AA


@pytest.mark.parametrize("kind", ["event", "relationship"])
def test_the_inferred_field_reads(sample_path, qtbot, palette: str, kind: str) -> None:
    from ui.dialogs.event_dialog import EditEventDialog
    from ui.dialogs.relationship_dialog import EditRelationshipDialog

    store = Store.open(sample_path)
    document = Document(store)
    dialog = EditEventDialog(document, 1) if kind == "event" else EditRelationshipDialog(
        document, 1)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    field = dialog.inferred
    field.box.setChecked(True)  # the reasoning is asked for: its hint must read
    assert field.box.text().startswith("Inferred")
    assert _reads(field.box) >= AA
    colours = field.reasoning.palette()
    hint = colours.color(QPalette.ColorRole.PlaceholderText)
    assert contrast_ratio(hint, colours.color(QPalette.ColorRole.Base)) >= AA
    field.box.setChecked(False)  # unchanged again: closing asks nothing
    dialog.reject()
    store.close()
