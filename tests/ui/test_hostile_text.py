"""Nothing in the data runs or loads: markup in records is shown as the characters typed.

Every text field of every kind of record holds HTML and Qt rich text (an image from the
network, a script, a file: link, bold, a font colour). Each place that shows record text
must show those characters, never render them: the Detail panel, the browser tables and
their tooltips, the timeline, the graph, the search popup and the record dialogs.
"""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget

import ui.detail.panel
from db.store import Store
from models.records import Citation, Entity, Event, Participant, Relationship, Source
from ui.browser import BrowserPanel
from ui.detail import DetailPanel
from ui.dialogs.base import RecordDialog
from ui.dialogs.entity_dialog import EditEntityDialog
from ui.dialogs.event_dialog import EditEventDialog
from ui.dialogs.merge_dialog import MergeDialog
from ui.dialogs.relationship_dialog import EditRelationshipDialog
from ui.dialogs.source_dialog import SourceDialog
from ui.document import Document
from ui.search import SearchField
from ui.table_models import EntityTableModel, EventTableModel, SourceTableModel

ROOT = Path(__file__).resolve().parents[2]
MARKUP = ('<img src="http://example.invalid/x.png"> <script>alert(1)</script> '
          '<a href="file:///etc/passwd">x</a> <b>bold</b> <font color=red>red</font>')
TAGS = ("<img", "<script", "<a href", "<b>", "<font")


def hostile(field: str) -> str:
    """The text stored in ``field``: its name (to tell fields apart) and every kind of markup."""
    return f"{field}: {MARKUP}"


@pytest.fixture(autouse=True)
def never_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RecordDialog, "confirm_discard", lambda _self: True)
    monkeypatch.setattr(SourceDialog, "confirm_discard", lambda _self: True)


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    h = hostile
    source = store.add_source(Source(title=h("source title"), author=h("author"),
                                     publisher=h("publisher"), url=h("url"),
                                     notes=h("source notes"), content=h("content")))
    a = store.add_entity(Entity(kind="person", name=h("name A"), native_name=h("native A"),
                                aliases=[h("alias A")], description=h("description A"),
                                notes=h("entity notes")))
    b = store.add_entity(Entity(kind="organization", name=h("name B"),
                                description=h("description B")))
    event = store.add_event(Event(
        title=h("event title"), date="12 May 2001", summary=h("summary"),
        category=h("category"), location=h("location"), notes=h("event notes"),
        tags=[h("tag")], participants=[Participant(a, h("role")), Participant(b, "")]))
    rel = store.add_relationship(Relationship(a, b, h("kind"), date="1999",
                                              description=h("rel description"),
                                              notes=h("rel notes")))
    for target_type, target in (("event", event), ("entity", a), ("relationship", rel)):
        store.add_citation(Citation(source, target_type, target, h(f"locator {target_type}"),
                                    h(f"excerpt {target_type}"), 2))
    return {"source": source, "a": a, "b": b, "event": event, "rel": rel}


def rendered(text: str) -> str:
    """What Qt shows for a string given to a label or tooltip (rich text if it looks so)."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def assert_shown_as_text(shown: str, *raw: str) -> None:
    visible = rendered(shown)
    for text in raw:
        assert text in visible, f"{text!r} not shown as written in {visible!r}"


def assert_labels_plain(widget: QWidget) -> None:
    """No QLabel under ``widget`` renders record text as rich text."""
    for label in widget.findChildren(QLabel):
        text = label.text()
        if label.textFormat() == Qt.TextFormat.PlainText or not QtGui.Qt.mightBeRichText(text):
            continue
        for tag in TAGS:
            assert tag not in text, f"label renders {text!r} as rich text"


# -- Detail panel -------------------------------------------------------------------------

DETAIL_FIELDS = {
    "event": ["event title", "summary", "category", "location", "event notes", "tag", "role",
              "name A", "name B", "source title", "locator event", "excerpt event"],
    "a": ["name A", "native A", "alias A", "description A", "entity notes", "kind", "name B",
          "event title", "source title", "locator entity", "excerpt entity"],
    "rel": ["name A", "name B", "kind", "rel description", "rel notes", "source title",
            "locator relationship", "excerpt relationship"],
    "source": ["source title", "author", "publisher", "url", "source notes", "event title",
               "name A", "kind", "name B", "locator event", "locator entity"],
}
KIND_OF = {"event": "event", "a": "entity", "rel": "relationship", "source": "source"}


@pytest.mark.parametrize("which", list(DETAIL_FIELDS))
def test_detail_shows_every_field_as_text(store: Store, ids: dict[str, int], qtbot,
                                          which: str) -> None:
    document = Document(store)
    detail = DetailPanel(document)
    qtbot.addWidget(detail)
    document.selection.select(KIND_OF[which], ids[which])
    text = detail.text()
    for field in DETAIL_FIELDS[which]:
        assert hostile(field) in text, field
    html = detail.html()
    for tag in ("<img", "<script", 'href="file:', "<font color=red", 'href="http://example'):
        assert tag not in html
    assert detail.view.document().allFormats()  # laid out...
    images = [f for f in detail.view.document().allFormats() if f.isImageFormat()]
    assert images == []  # ...with no image in it


def test_links_open_only_http_and_only_when_clicked(store: Store, ids: dict[str, int], qtbot,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(ui.detail.panel, "QDesktopServices",
                        SimpleNamespace(openUrl=lambda url: opened.append(url.toString())))
    web = store.add_source(Source(title="Web", url="https://example.org/page"))
    document = Document(store)
    detail = DetailPanel(document)
    qtbot.addWidget(detail)
    for kind, record in (("source", ids["source"]), ("source", web), ("event", ids["event"])):
        document.selection.select(kind, record)
    assert opened == []  # showing a page opens nothing
    for url in ("file:///etc/passwd", "javascript:alert(1)", "ftp://example.org/x",
                "data:text/html,<b>x</b>", "smb://host/share", "x"):
        detail.follow_link(QUrl(url))
    assert opened == []
    detail.follow_link(QUrl("https://example.org"))
    detail.view.anchorClicked.emit(QUrl("http://example.org/a"))
    assert opened == ["https://example.org", "http://example.org/a"]
    document.selection.select("source", web)
    assert 'href="https://example.org/page"' in detail.html()


# -- tables, search -----------------------------------------------------------------------

def _cells(model) -> list[tuple[str, str | None]]:
    out = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            out.append((index.data(Qt.ItemDataRole.DisplayRole),
                        index.data(Qt.ItemDataRole.ToolTipRole)))
    return out


def test_browser_tables_show_the_raw_strings(store: Store, ids: dict[str, int], qtbot) -> None:
    document = Document(store)
    browser = BrowserPanel(document)
    qtbot.addWidget(browser)
    shown = {text for model in (browser.events.model, browser.entities.model,
                                browser.sources.model) for text, _ in _cells(model)}
    for field in ("event title", "category", "location", "name A", "native A", "name B",
                  "source title", "author"):
        assert hostile(field) in shown, field
    assert f"{hostile('alias A')}" in shown


def test_browser_tooltips_show_record_text_as_text(store: Store, ids: dict[str, int]) -> None:
    tips = [tip for model in (EventTableModel(store), EntityTableModel(store),
                              SourceTableModel(store))
            for _, tip in _cells(model) if tip]
    assert tips
    for tip in tips:
        assert MARKUP in rendered(tip)


def test_search_popup_items_show_the_raw_strings(store: Store, ids: dict[str, int],
                                                 qtbot) -> None:
    field = SearchField(Document(store))
    qtbot.addWidget(field)
    field.setText("event title")
    hits = field.run_search()
    assert hits
    labels = [field.results.item(r).text() for r in range(field.results.rowCount())]
    assert any(label.startswith(hostile("event title")) for label in labels)
    field.setText("name B")
    field.run_search()
    labels = [field.results.item(r).text() for r in range(field.results.rowCount())]
    assert any(label.startswith(hostile("name B")) for label in labels)


def test_search_popup_tooltips_show_titles_as_text(store: Store, ids: dict[str, int],
                                                   qtbot) -> None:
    field = SearchField(Document(store))
    qtbot.addWidget(field)
    field.setText("event title")
    field.run_search()
    tip = field.results.item(0).toolTip()
    assert_shown_as_text(tip, hostile("event title"))


# -- timeline and graph -------------------------------------------------------------------

def test_timeline_tooltip_and_labels_show_text(store: Store, ids: dict[str, int],
                                               qtbot) -> None:
    from ui.timeline import TimelinePanel

    plain = store.add_event(Event(MARKUP, "1 June 2001", category=MARKUP))
    panel = TimelinePanel(Document(store))
    qtbot.addWidget(panel)
    panel.resize(1200, 500)
    panel.show()
    qtbot.waitExposed(panel)
    for event_id, title in ((ids["event"], hostile("event title")), (plain, MARKUP)):
        position = panel.scene_pos_of_event(event_id)
        assert position is not None
        tip = panel.tooltip_at(position)
        assert "<img" not in tip and "<script" not in tip and "<font" not in tip
        assert_shown_as_text(tip, title, "12 May 2001" if event_id == ids["event"] else "")
    labels = panel.visible_label_texts()
    assert hostile("event title") in labels or any(
        hostile("event title").startswith(label.rstrip("…")) for label in labels)
    assert_labels_plain(panel)


def test_graph_tooltips_show_names_kinds_and_descriptions_as_text(store: Store,
                                                                  ids: dict[str, int],
                                                                  qtbot) -> None:
    from tests.ui.helpers import show_graph_panel

    panel = show_graph_panel(qtbot, store)
    a, b = panel.node_view_point(ids["a"]), panel.node_view_point(ids["b"])
    tip_a = panel.tooltip_at(a)
    assert "<img" not in tip_a and "<script" not in tip_a
    assert_shown_as_text(tip_a, hostile("name A"), hostile("native A"), hostile("description A"))
    assert_shown_as_text(panel.tooltip_at(b), hostile("name B"), hostile("description B"))
    edge = panel.tooltip_at(QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2))
    assert edge, "no edge between the two nodes"
    assert "<img" not in edge
    assert_shown_as_text(edge, hostile("name A"), hostile("name B"), hostile("kind"))
    for name in panel.labelled_ids().values():
        assert name in (hostile("name A"), hostile("name B"))
    assert_labels_plain(panel)


# -- dialogs ------------------------------------------------------------------------------

def _texts(widget: QWidget) -> list[str]:
    found = [e.text() for e in widget.findChildren(QLineEdit)]
    found += [e.toPlainText() for e in widget.findChildren(QPlainTextEdit)]
    return found


def _open(qtbot, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_event_dialog_loads_every_field_as_is(store: Store, ids: dict[str, int], qtbot) -> None:
    dialog = _open(qtbot, EditEventDialog(Document(store), ids["event"]))
    assert dialog.title_edit.text() == hostile("event title")
    assert dialog.summary_edit.toPlainText() == hostile("summary")
    assert dialog.location_edit.text() == hostile("location")
    assert dialog.category_combo.currentText() == hostile("category")
    assert dialog.tags_edit.text() == hostile("tag")
    texts = _texts(dialog)
    for field in ("role", "name A", "name B", "locator event", "excerpt event"):
        assert hostile(field) in texts, field
    assert_labels_plain(dialog)


def test_entity_dialog_loads_every_field_as_is(store: Store, ids: dict[str, int],
                                               qtbot) -> None:
    dialog = _open(qtbot, EditEntityDialog(Document(store), ids["a"]))
    assert dialog.name_edit.text() == hostile("name A")
    assert dialog.native_edit.text() == hostile("native A")
    assert dialog.aliases_edit.toPlainText() == hostile("alias A")
    assert dialog.description_edit.toPlainText() == hostile("description A")
    assert dialog.notes_edit.toPlainText() == hostile("entity notes")
    assert hostile("excerpt entity") in _texts(dialog)
    assert_labels_plain(dialog)


def test_new_entity_named_like_a_hostile_one_warns_in_plain_text(store: Store,
                                                                 ids: dict[str, int],
                                                                 qtbot) -> None:
    dialog = _open(qtbot, EditEntityDialog(Document(store)))
    qtbot.keyClicks(dialog.name_edit, hostile("name B"))
    QApplication.processEvents()
    warnings = [label for label in dialog.findChildren(QLabel)
                if hostile("name B") in label.text() and label.isVisibleTo(dialog)]
    assert warnings, "no 'already exists' warning"
    assert_labels_plain(dialog)


def test_relationship_dialog_loads_every_field_as_is(store: Store, ids: dict[str, int],
                                                     qtbot) -> None:
    dialog = _open(qtbot, EditRelationshipDialog(Document(store), ids["rel"]))
    texts = _texts(dialog)
    for field in ("name A", "name B", "kind", "rel description", "locator relationship",
                  "excerpt relationship"):
        assert hostile(field) in texts, field
    assert_labels_plain(dialog)


def test_source_dialog_loads_every_field_as_is(store: Store, ids: dict[str, int],
                                               qtbot) -> None:
    dialog = _open(qtbot, SourceDialog(Document(store), ids["source"]))
    assert dialog.title_edit.text() == hostile("source title")
    assert dialog.author_edit.text() == hostile("author")
    assert dialog.url_edit.text() == hostile("url")
    assert dialog.notes_edit.toPlainText() == hostile("source notes")
    assert dialog.text_edit.toPlainText() == hostile("content")
    dialog.text_edit.setPlainText(f"On 12 May 2001, {hostile('name A')} met <b>Someone</b> "
                                  f"in <font color=red>Seoul</font>.")
    dialog.find_drafts()
    QApplication.processEvents()
    assert_labels_plain(dialog)


def test_merge_dialog_names_entities_as_text(store: Store, ids: dict[str, int], qtbot) -> None:
    dialog = _open(qtbot, MergeDialog(Document(store), ids["b"]))
    labels = [label for label in dialog.findChildren(QLabel) if hostile("name B") in label.text()]
    assert labels
    assert_labels_plain(dialog)
    items = [dialog.choice.itemText(i) for i in range(dialog.choice.count())]
    assert any(item.startswith(hostile("name A")) for item in items)
    dialog.reject()


def test_all_labels_of_the_main_window_are_plain(store: Store, ids: dict[str, int],
                                                 qtbot) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for kind, key in (("event", "event"), ("entity", "a"), ("relationship", "rel"),
                      ("source", "source")):
        window.document.selection.select(kind, ids[key])
        QApplication.processEvents()
        assert_labels_plain(window)
    assert window.document.selection.current() == ("source", ids["source"])


# -- nothing in the code runs or loads data -----------------------------------------------

FORBIDDEN_MODULES = {"pickle", "cPickle", "marshal", "shelve", "dill", "jsonpickle"}
FORBIDDEN_CALLS = {"eval", "exec", "__import__", "compile"}


def _uses(path: Path, root: Path = ROOT) -> list[str]:
    """Forbidden names in code (comments and strings are tokens of their own: skipped)."""
    found = []
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline))
    for before, token in zip([None, *tokens], tokens, strict=False):
        if token.type != tokenize.NAME:
            continue
        attribute = before is not None and before.string == "."
        if token.string in FORBIDDEN_MODULES or (token.string in FORBIDDEN_CALLS
                                                 and not attribute):
            found.append(f"{path.relative_to(root)}:{token.start[0]}: {token.string}")
    return found


def test_no_code_loads_or_runs_data() -> None:
    files = sorted([*(ROOT / "db").rglob("*.py"), *(ROOT / "ui").rglob("*.py")])
    assert len(files) > 20
    found = [hit for path in files for hit in _uses(path)]
    assert found == []
    for path in files:  # and nothing reaches them by another name
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = {a.name.split(".")[0] for a in node.names}
                names.add((getattr(node, "module", None) or "").split(".")[0])
                assert not names & FORBIDDEN_MODULES, f"{path}:{node.lineno}"


def test_the_code_check_would_find_a_use(tmp_path: Path) -> None:
    bad = ROOT / "tests" / "helpers" / "crash_import.py"  # a real file, known clean
    assert _uses(bad) == []
    sample = tmp_path / "x.py"
    sample.write_text("import pickle  # eval(\nx = eval('1')\nobj.exec()\n'exec(y)'\n")
    hits = [h.rsplit(": ", 1)[1] for h in _uses(sample, tmp_path)]
    assert hits == ["pickle", "eval"]



def test_the_label_check_would_find_a_rich_label(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    QLabel(hostile("plain"), parent).setTextFormat(Qt.TextFormat.PlainText)
    assert_labels_plain(parent)
    QLabel(hostile("auto"), parent)  # Qt.AutoText: rendered as rich text
    with pytest.raises(AssertionError, match="rich text"):
        assert_labels_plain(parent)
