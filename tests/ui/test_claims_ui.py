"""Competing claims on screen: the Detail panel lists them side by side, the record
dialogs add one and make one preferred, and each is one undo step."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog, QLabel

from db import ops
from db.jsonio import dumps, export_data
from db.store import Store
from models.edits import CitationDraft, ClaimEdit
from models.records import Claim, Source
from tests.ui.test_evidence import unreadable
from ui.detail import DetailPanel
from ui.dialogs.base import RecordDialog
from ui.dialogs.citations import CitationRow
from ui.dialogs.claims import ClaimDialog
from ui.dialogs.event_dialog import EditEventDialog
from ui.dialogs.relationship_dialog import EditRelationshipDialog
from ui.document import Document
from ui.prefer import PreferDialog


@pytest.fixture(autouse=True)
def never_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RecordDialog, "confirm_discard", lambda _self: True)


@pytest.fixture
def document(filled: Store) -> Iterator[Document]:
    yield Document(filled)


def _claims(store: Store) -> tuple[int, int, int]:
    """The visit (late December 2022) with an alternative date cited by Source B (B2)
    and a rejected one; returns (event, alternative, rejected)."""
    source = store.add_source(Source(title="Source B", reliability="B"))
    alternative = ops.add_claim(store, ClaimEdit(
        Claim("event", 1, "17 August 2023", note="B says August"),
        (CitationDraft(source, "p. 4", confidence=2),))).record_id
    rejected = ops.add_claim(store, ClaimEdit(Claim("event", 1, "1999", status="rejected")))
    return 1, alternative, rejected.record_id


def _detail(document: Document, qtbot) -> DetailPanel:
    detail = DetailPanel(document)
    qtbot.addWidget(detail)
    detail.resize(500, 800)
    detail.show()
    return detail


def test_detail_lists_claims_preferred_first_with_sources_and_grades(document: Document,
                                                                      qtbot) -> None:
    _claims(document.store)
    detail = _detail(document, qtbot)
    document.selection.select("event", 1)
    text = detail.text()
    assert "Claims (3)" in text
    row = text[text.index("Claims (3)"):]
    assert row.index("Preferred") < row.index("Alternative") < row.index("Rejected")
    assert row.index("late December 2022") < row.index("17 August 2023") < row.index("1999")
    assert "Source B  B2" in row and "B says August" in row
    struck = _struck_texts(detail)
    assert struck == ["1999"]


def _struck_texts(detail: DetailPanel) -> list[str]:
    found = []
    block = detail.view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().fontStrikeOut():
                found.append(fragment.text())
            it += 1
        block = block.next()
    return found


def test_a_record_without_claims_shows_no_claims_section(document: Document, qtbot) -> None:
    detail = _detail(document, qtbot)
    document.selection.select("event", 1)
    assert "Claims" not in detail.text()


def test_make_preferred_in_detail_swaps_and_undo_restores(document: Document, qtbot) -> None:
    store = document.store
    _, alternative, _ = _claims(store)
    before = dumps(export_data(store))
    detail = _detail(document, qtbot)
    document.selection.select("event", 1)
    assert f"threadline:prefer/{alternative}" in detail.html()
    asked: list[PreferDialog] = []

    def tick_the_old_dates_citation(dialog: QDialog) -> bool:
        assert isinstance(dialog, PreferDialog)
        asked.append(dialog)
        assert dialog.list.count() == 1 and "visited Taiwan" in dialog.list.item(0).text()
        dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
        return True

    detail.run_child = tick_the_old_dates_citation
    detail.follow_link(QUrl(f"threadline:prefer/{alternative}"))
    assert len(asked) == 1
    assert store.event(1).date == "17 August 2023"
    text = detail.text()
    assert text.index("17 August 2023") < text.index("late December 2022")  # re-rendered
    claims = text[text.index("Claims (3)"):text.index("Sources")]
    assert "1 source, best B2" in claims and "Article one" in claims  # each keeps its own
    assert [c.excerpt for c in store.citations_for("claim", alternative)] == [
        "visited Taiwan"]
    assert document.undo_stack.undoText().startswith("Prefer ‘17 August 2023’")
    document.undo_stack.undo()
    assert dumps(export_data(store)) == before
    assert detail.text().index("late December 2022") < detail.text().index("17 August 2023")


def test_cancelling_the_question_changes_nothing(document: Document, qtbot) -> None:
    store = document.store
    _, alternative, _ = _claims(store)
    before = dumps(export_data(store))
    detail = _detail(document, qtbot)
    document.selection.select("event", 1)
    detail.run_child = lambda _question: False
    detail.follow_link(QUrl(f"threadline:prefer/{alternative}"))
    assert dumps(export_data(store)) == before and document.undo_stack.count() == 0


def test_a_record_without_citations_is_changed_without_a_question(document: Document,
                                                                  qtbot) -> None:
    store = document.store
    event = store.events()[1]  # the exchange programme, uncited
    claim = ops.add_claim(store, ClaimEdit(Claim("event", event.id, "1975"))).record_id
    detail = _detail(document, qtbot)
    document.selection.select("event", event.id)
    detail.run_child = lambda question: pytest.fail("asked about no citation")
    detail.follow_link(QUrl(f"threadline:prefer/{claim}"))
    assert store.event(event.id).date == "1975"


def test_claims_in_detail_are_readable(filled: Store, qtbot, palette) -> None:
    document = Document(filled)
    _claims(filled)
    detail = _detail(document, qtbot)
    document.selection.select("event", 1)
    assert unreadable(detail.view) == []


def test_event_dialog_adds_another_claim_as_one_undo_step(document: Document, qtbot) -> None:
    store = document.store
    store.add_source(Source(title="Source B", reliability="B"))
    before = dumps(export_data(store))
    dialog = EditEventDialog(document, 1)
    qtbot.addWidget(dialog)
    assert dialog.claims.list.count() == 0

    def fill(child: QDialog) -> bool:
        assert isinstance(child, ClaimDialog)
        assert not child.ok_button.isEnabled()  # an event's claim needs a date
        child.date_field.setText("17 August 2023")
        child.citations.add_row()
        row = child.citations.rows[-1]
        assert isinstance(row, CitationRow)
        row.source.setCurrentIndex(row.source.findText("Source B"))
        row.credibility.setCurrentIndex(row.credibility.findData(2))
        child.accept()
        return child.result() == QDialog.DialogCode.Accepted

    dialog.claims.run_child = fill
    qtbot.mouseClick(dialog.claims.add_button, Qt.MouseButton.LeftButton)
    assert [dialog.claims.list.item(i).text() for i in range(dialog.claims.list.count())] \
        == ["Alternative: 17 August 2023 — Source B B2"]
    claim = store.claims_for("event", 1)[0]
    assert [c.confidence for c in store.citations_for("claim", claim.id)] == [2]
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert dumps(export_data(store)) == before


def test_event_dialog_makes_a_claim_preferred_and_shows_it(document: Document, qtbot
                                                           ) -> None:
    _claims(document.store)
    dialog = EditEventDialog(document, 1)
    qtbot.addWidget(dialog)
    dialog.claims.list.setCurrentRow(0)
    dialog.claims.run_child = lambda question: isinstance(question, PreferDialog)
    qtbot.mouseClick(dialog.claims.prefer_button, Qt.MouseButton.LeftButton)
    assert dialog.date_field.text() == "17 August 2023"
    assert not dialog.is_dirty()
    assert dialog.claims.list.item(0).text() == "Alternative: late December 2022"
    assert document.store.event(1).date == "17 August 2023"


def test_make_preferred_waits_for_unsaved_edits(document: Document, qtbot) -> None:
    _claims(document.store)
    dialog = EditEventDialog(document, 1)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Changed")
    dialog.claims.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.claims.prefer_button, Qt.MouseButton.LeftButton)
    assert document.store.event(1).date == "late December 2022"
    assert "Save or discard" in dialog.claims.why.text()


def test_relationship_dialog_adds_and_prefers_another_kind(document: Document, qtbot
                                                           ) -> None:
    store = document.store
    rel = store.relationships()[0]
    dialog = EditRelationshipDialog(document, rel.id)
    qtbot.addWidget(dialog)

    def fill(child: QDialog) -> bool:
        if isinstance(child, PreferDialog):  # its one citation stays with the record
            return True
        assert isinstance(child, ClaimDialog) and child.kind_edit.isVisibleTo(child)
        child.kind_edit.setText("adviser to")
        child.date_field.setText("1990")
        child.accept()
        return True

    dialog.claims.run_child = fill
    dialog.claims.add()
    dialog.claims.list.setCurrentRow(0)
    dialog.claims.prefer_current()
    assert (store.relationship(rel.id).kind, dialog.kind_combo.currentText()) == (
        "adviser to", "adviser to")
    assert dialog.claims.list.item(0).text() == "Alternative: member of, 1988–1991"


def test_relationship_page_shows_its_claims_and_a_source_page_its_claim(
        document: Document, qtbot) -> None:
    store = document.store
    rel = store.relationships()[0]
    source = store.add_source(Source(title="Source C", reliability="C"))
    ops.add_claim(store, ClaimEdit(Claim("relationship", rel.id, "1990", kind="adviser to"),
                                   (CitationDraft(source, confidence=3),)))
    detail = _detail(document, qtbot)
    document.selection.select("relationship", rel.id)
    text = detail.text()
    claims = text[text.index("Claims (2)"):]
    assert claims.index("member of") < claims.index("adviser to") < claims.index("C3")
    document.selection.select("source", source)
    assert "Cited by (1)\nAlternative claim adviser to, 1990 of relationship  C3" in \
        detail.text()
    assert "threadline:relationship/" in detail.html()


def test_event_dialog_deletes_a_claim_as_one_undo_step(document: Document, qtbot) -> None:
    _claims(document.store)
    before = dumps(export_data(document.store))
    dialog = EditEventDialog(document, 1)
    qtbot.addWidget(dialog)
    assert dialog.claims.list.count() == 2 and not dialog.claims.delete_button.isEnabled()
    dialog.claims.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.claims.delete_button, Qt.MouseButton.LeftButton)
    assert [c.date for c in document.store.claims_for("event", 1)] == ["17 August 2023"]
    assert dialog.claims.list.count() == 1
    document.undo_stack.undo()
    assert dumps(export_data(document.store)) == before


def test_reject_and_restore_in_detail_are_undoable(document: Document, qtbot) -> None:
    store = document.store
    _, alternative, rejected = _claims(store)
    before = dumps(export_data(store))
    detail = _detail(document, qtbot)
    document.selection.select("event", 1)
    detail.follow_link(QUrl(f"threadline:reject/{alternative}"))
    assert store.claim_by_id(alternative).status == "rejected"
    assert sorted(_struck_texts(detail)) == ["17 August 2023", "1999"]
    assert f"threadline:restore/{alternative}" in detail.html()
    detail.follow_link(QUrl(f"threadline:restore/{rejected}"))
    assert store.claim_by_id(rejected).status == "alternative"
    assert _struck_texts(detail) == ["17 August 2023"]
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert dumps(export_data(store)) == before
    assert _struck_texts(detail) == ["1999"]


@pytest.mark.parametrize("make, what", [
    (lambda document: EditEventDialog(document), "other dates"),
    (lambda document: EditRelationshipDialog(document), "other kind or dates"),
])
def test_a_new_record_says_where_its_other_claims_go(document: Document, qtbot, make,
                                                     what: str) -> None:
    dialog = make(document)
    qtbot.addWidget(dialog)
    dialog.show()
    hint = next(w for w in dialog.findChildren(QLabel) if w.accessibleName() == "Other claims")
    assert hint.isVisible() and what in hint.text() and "save this record" in hint.text()
    assert not hasattr(dialog, "claims")
