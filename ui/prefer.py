"""Making a claim preferred, asking which citations go with the values set aside.

A record's citations support it as a whole (its title, its people) or the very values a
claim would replace: the article's "not until 2011" backs the end date, not the event.
Preferring a claim swaps the values; without asking, the values set aside would keep no
citation, and the reader would see an uncited alternative where a source had given it.
So "Make preferred" (in Detail and in the record dialogs) lists the record's citations,
and those the user ticks go with the old values to the claim, in the same undo step
(``db.ops.set_preferred_claim``). A record with no citation is changed at once.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import ops
from db.evidence import grade_code
from db.store import Store
from models.labels import short
from models.records import Citation, Claim, Event
from ui.document import Document

RunDialog = Callable[[QDialog], bool]
EXCERPT_CHARS = 400  # of an excerpt shown in the list (the tooltip has it all)


def claim_text(claim: Claim) -> str:
    """What a claim says, briefly: '1974 – 2011', or 'advises, 2019'."""
    dates = " – ".join(d for d in (claim.date, claim.end_date) if d)
    return ", ".join(p for p in (claim.kind, dates) if p) or "undated"


def citation_line(store: Store, citation: Citation) -> str:
    """What a citation says, then where: '“the excerpt”\nSource B2 — para. 4'."""
    source = store.source(citation.source_id)
    code = grade_code(source.reliability, citation.confidence)
    where = " — ".join(p for p in (f"{short(source.title)} {code}".strip(),
                                   citation.locator) if p)
    return f"“{citation.excerpt[:EXCERPT_CHARS]}”\n{where}" if citation.excerpt else where


class PreferDialog(QDialog):
    """"Make … preferred?" with the record's citations to tick (see module doc)."""

    def __init__(self, store: Store, claim_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        claim = store.claim_by_id(claim_id)
        kind = claim.target_type
        record = (store.event(claim.target_id) if kind == "event"
                  else store.relationship(claim.target_id))
        held = claim_text(Claim.preferred_of(record))
        name = record.title if isinstance(record, Event) else record.kind
        self.setWindowTitle("Make preferred")
        question = QLabel(f"Make <b>{escape(claim_text(claim))}</b> what the {kind} "
                          f"‘{escape(short(name))}’ holds? What it holds now, "
                          f"<b>{escape(held)}</b>, becomes an alternative.")
        question.setWordWrap(True)
        advice = QLabel(f"Tick the citations that give {escape(held)} rather than the {kind} "
                        "as a whole: they go with it. The others stay with the "
                        f"{kind}.")
        advice.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Citations that go with the values set aside")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for citation in store.citations_for(kind, claim.target_id):
            item = QListWidgetItem(citation_line(store, citation))
            item.setData(Qt.ItemDataRole.UserRole, citation.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(citation.excerpt)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton("Make preferred",
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (question, advice, self.list, buttons):
            layout.addWidget(widget)
        self.resize(640, 360)

    def demoted(self) -> list[int]:
        """The ids of the ticked citations."""
        items = (self.list.item(i) for i in range(self.list.count()))
        return [int(item.data(Qt.ItemDataRole.UserRole)) for item in items
                if item.checkState() == Qt.CheckState.Checked]


def prefer_claim(document: Document, claim_id: int, parent: QWidget | None,
                 run: RunDialog, origin: object = None) -> bool:
    """Make the claim preferred, asking first which citations go with the values set
    aside (when the record has any); False if the user cancelled."""
    store = document.store
    claim = store.claim_by_id(claim_id)
    demoted: list[int] = []
    if store.citations_for(claim.target_type, claim.target_id):
        dialog = PreferDialog(store, claim_id, parent)
        if not run(dialog):
            return False
        demoted = dialog.demoted()
    document.apply(lambda s: ops.set_preferred_claim(s, claim_id, demoted), origin=origin)
    return True
