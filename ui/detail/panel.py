"""The Detail panel: every field of the selected record, its links and its evidence.

The page is HTML built here (``ui.detail.markup``, ``ui.detail.evidence``), and every
piece of text from the data goes through ``html.escape`` first, so a record holding
``<img src=…>`` or ``<script>`` shows those characters and loads nothing. Links are of
two kinds: ``threadline:KIND/ID`` navigates inside the app; ``http(s)`` addresses of
sources open in the browser only when clicked. Anything else is shown as text.
``loadResource`` refuses every resource as a backstop.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from db import ops
from db.errors import NotFoundError, StoreError
from models.edits import ClaimEdit
from models.kinds import RecordKind
from models.labels import RELIABILITY
from models.records import Entity, Event, Relationship, Source
from ui.detail.evidence import EvidenceHtml
from ui.detail.markup import (
    _LINKED,
    APP_SCHEME,
    PREFER,
    SHOWN_CHARS,
    STATUS_LINKS,
    SafeTextBrowser,
    clipped,
    interpretation,
    link,
    safe_url,
    style,
)
from ui.document import Changes, Document
from ui.long_text import LongTextDialog
from ui.prefer import RunDialog, prefer_claim
from ui.theme import PALETTE_EVENTS, evidence_colours


class DetailPanel(QWidget):
    """Shows the current selection; its links navigate the shared selection."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.view = SafeTextBrowser()
        self.view.setAccessibleName("Detail")
        self.view.anchorClicked.connect(self.follow_link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        document.selection.current_changed.connect(self.show_record)
        document.changed.connect(self._refresh)
        self._current: tuple[str, int] | None = None
        self._listed: set[tuple[str, int]] = set()  # records the page shows, by kind
        self._texts: list[tuple[str, str]] = []  # long texts the page cut short
        # runs a question (which citations go with a claim set aside); tests answer it
        self.run_child: RunDialog = lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted
        self._empty()

    def text(self) -> str:
        """What the panel shows, as plain text."""
        return self.view.toPlainText()

    def html(self) -> str:
        return self.view.toHtml()

    def setHtml(self, html: str) -> None:
        self.view.setHtml(style(evidence_colours(self.view.palette())) + html)

    def changeEvent(self, event: QEvent) -> None:
        """A palette switch redraws the page in colours readable on the new ground."""
        super().changeEvent(event)
        if event.type() in PALETTE_EVENTS and hasattr(self, "_current"):
            self._refresh(None)

    def _empty(self) -> None:
        self.setHtml("<p class='sub'>Choose an event, a person or organization, or a "
                     "source — on the timeline, in the graph, in the lists or by searching "
                     "(Ctrl+F) — to see everything known about it and where it comes from.</p>")

    def show_record(self, kind: str, record_id: int) -> None:
        self._current = (kind, record_id) if kind else None
        self._listed = set()
        self._texts = []
        if not kind:
            self._empty()
            return
        store = self.document.store
        try:
            page = {
                "event": lambda: self._event_page(store.event(record_id)),
                "entity": lambda: self._entity_page(store.entity(record_id)),
                "source": lambda: self._source_page(store.source(record_id)),
                "relationship": lambda: self._relationship_page(store.relationship(record_id)),
            }[kind]()
        except NotFoundError:
            self._empty()
            return
        self._listed |= {(k, int(i)) for k, i in _LINKED.findall(page)}
        self.setHtml(page)

    def _refresh(self, changes: Changes | None) -> None:
        """Render again only when the change concerns the page: the record shown, one it
        lists (a participant's name, a source's title, a citation), or one it would now
        list (an event given this entity as participant, a new citation of this record).
        None (the palette changed): render again whatever is shown."""
        if self._current and (changes is None or self._concerns(changes, *self._current)):
            self.show_record(*self._current)
        elif not self._current:
            self._empty()  # the hint, in the palette's colours

    def _concerns(self, changes: Changes, kind: str, record_id: int) -> bool:
        if changes.everything:
            return True
        touched = {(k.value, i) for k in RecordKind for i in changes.touched(k)}
        if (kind, record_id) in touched or touched & self._listed:
            return True
        return bool(touched & self._would_list(changes, kind, record_id))

    def _would_list(self, changes: Changes, kind: str, record_id: int
                    ) -> set[tuple[str, int]]:
        """Records the page would list now, of the kinds the change touched."""
        store, found = self.document.store, set()
        if changes.citations:
            cited = (store.citations_of_source(record_id) if kind == RecordKind.SOURCE
                     else store.citations_for(kind, record_id))
            found |= {(RecordKind.CITATION.value, c.id) for c in cited if c.id is not None}
        if kind == RecordKind.ENTITY and changes.events:
            found |= {(RecordKind.EVENT.value, i) for i in store.event_ids_of_entity(record_id)}
        if kind == RecordKind.ENTITY and changes.relationships:
            found |= {(RecordKind.RELATIONSHIP.value, r.id)
                      for r in store.relationships_of(record_id) if r.id is not None}
        return found

    def follow_link(self, url: QUrl) -> None:
        if url.scheme() == APP_SCHEME:
            kind, _, record_id = url.path().partition("/")
            if kind == "text" and record_id.isdigit():
                self.show_text(int(record_id))
            elif kind == PREFER and record_id.isdigit():
                self.prefer_claim(int(record_id))
            elif kind in STATUS_LINKS and record_id.isdigit():
                self.set_claim_status(int(record_id), STATUS_LINKS[kind])
            elif record_id.isdigit():
                self.document.selection.select(kind, int(record_id))
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def prefer_claim(self, claim_id: int) -> None:
        """Make a claim what its record holds, asking which citations go with the values
        set aside (``ui.prefer``): one undoable step (Edit › Undo)."""
        try:
            prefer_claim(self.document, claim_id, self, self.run_child, origin=self)
        except StoreError as exc:
            self.view.setToolTip(str(exc))

    def set_claim_status(self, claim_id: int, status: str) -> None:
        """Reject an alternative claim, or restore a rejected one: one undoable step."""
        try:
            claim = self.document.store.claim_by_id(claim_id)
            edit = ClaimEdit(replace(claim, status=status))
            self.document.apply(lambda s: ops.update_claim(s, edit), origin=self)
        except StoreError as exc:
            self.view.setToolTip(str(exc))

    # -- pages -------------------------------------------------------------------------

    def _fields(self, pairs: list[tuple[str, str]]) -> str:
        rows = "".join(f"<tr><td class='k'>{escape(k)}</td><td>{v}</td></tr>"
                       for k, v in pairs if v)
        return f"<table>{rows}</table>" if rows else ""

    def _name(self, entity_id: int) -> str:
        try:
            return self.document.store.entity(entity_id).name
        except NotFoundError:
            return f"#{entity_id}"

    def _dates(self, date: str, end_date: str) -> str:
        if not date:
            return ""
        written = f"{date} – {end_date}" if end_date else date
        meaning = escape(interpretation(date, end_date))
        return f"{escape(written)} <span class='sub'>({meaning})</span>"

    def _event_page(self, event: Event) -> str:
        people = "<br>".join(
            link("entity", p.entity_id, self._name(p.entity_id))
            + (f" <span class='sub'>— {clipped(p.role)}</span>" if p.role else "")
            for p in event.participants)
        head = f"<h2>{clipped(event.title)}</h2><p class='sub'>Event</p>"
        return head + self._fields([
            ("Date", self._dates(event.date, event.end_date)),
            ("Category", clipped(event.category)),
            ("Location", clipped(event.location)),
            ("Tags", clipped(", ".join(event.tags), SHOWN_CHARS)),
            ("Participants", people),
        ]) + self._paragraphs(event.summary, event.notes) + self._evidence().claims(event) + (
            self._evidence().citations("event", event.id))

    def _entity_page(self, entity: Entity) -> str:
        store = self.document.store
        head = (f"<h2>{clipped(entity.name)}</h2><p class='sub'>{escape(entity.kind.capitalize())}"
                + (f" · {clipped(entity.native_name)}" if entity.native_name else "") + "</p>")
        events = "<br>".join(f"{escape(e.date)} — {link('event', e.id, e.title)}"
                             for e in store.events_of_entity(entity.id))
        rels = "<br>".join(self._relationship_line(r, entity.id)
                           for r in store.relationships_of(entity.id))
        return head + self._fields([
            ("Aliases", clipped(", ".join(entity.aliases), SHOWN_CHARS)),
            ("Dates", self._dates(entity.date, entity.end_date)),
            ("Relationships", rels),
            ("Events", events),
        ]) + self._paragraphs(entity.description, entity.notes) + self._evidence().citations(
            "entity", entity.id)

    def _relationship_line(self, rel: Relationship, seen_from: int) -> str:
        outgoing = rel.from_id == seen_from
        other = rel.to_id if outgoing else rel.from_id
        arrow = "" if outgoing or not rel.directed else "← "
        when = f" <span class='sub'>({escape(rel.date)})</span>" if rel.date else ""
        return (f"{arrow}{link('relationship', rel.id, rel.kind)} "
                f"{link('entity', other, self._name(other))}{when}")

    def _relationship_page(self, rel: Relationship) -> str:
        arrow = "→" if rel.directed else "↔"
        head = (f"<h2>{clipped(self._name(rel.from_id))} {arrow} {clipped(self._name(rel.to_id))}"
                f"</h2><p class='sub'>Relationship: {clipped(rel.kind)}</p>")
        return head + self._fields([
            ("From", link("entity", rel.from_id, self._name(rel.from_id))),
            ("Kind", clipped(rel.kind) + ("" if rel.directed else " (mutual)")),
            ("To", link("entity", rel.to_id, self._name(rel.to_id))),
            ("When", self._dates(rel.date, rel.end_date)),
        ]) + self._paragraphs(rel.description, rel.notes) + self._evidence().claims(rel) + (
            self._evidence().citations("relationship", rel.id))

    def _source_page(self, source: Source) -> str:
        head = f"<h2>{clipped(source.title)}</h2><p class='sub'>Source · {clipped(source.kind)}</p>"
        fields = self._fields([
            ("Author", clipped(source.author)),
            ("Publisher", clipped(source.publisher)),
            ("Date", self._dates(source.date, "")),
            ("Reliability", escape(RELIABILITY.get(source.reliability, source.reliability))),
            ("Address", safe_url(source.url) if source.url else ""),
        ])
        return (head + fields + self._paragraphs(source.notes, "")
                + self._evidence().cited_by(source))

    def _paragraphs(self, text: str, notes: str) -> str:
        shown = text[:SHOWN_CHARS]
        parts = [f"<p>{escape(p)}</p>" for p in shown.split("\n\n") if p.strip()]
        if len(text) > SHOWN_CHARS:
            parts.append(f"<p>… {self._show_all(text, 'Text')}</p>")
        if notes.strip():
            parts.append(f"<p class='sub'><b>Note:</b> {self._long(notes, 'Note')}</p>")
        return "".join(parts)

    def _long(self, text: str, what: str) -> str:
        """A text escaped, cut to ``SHOWN_CHARS`` with a "Show all" link if longer."""
        if len(text) <= SHOWN_CHARS:
            return escape(text)
        return f"{escape(text[:SHOWN_CHARS])}… {self._show_all(text, what)}"

    def _show_all(self, text: str, what: str) -> str:
        """A link that opens the whole text (``show_text``), remembered for this page."""
        self._texts.append((what, text))
        return (f'<a href="{APP_SCHEME}:text/{len(self._texts) - 1}">Show all '
                f'({len(text):,} characters)</a>')

    def show_text(self, index: int) -> LongTextDialog | None:
        """Open the whole of a text the page cut short, in a plain, scrollable window."""
        if not 0 <= index < len(self._texts):
            return None
        what, text = self._texts[index]
        dialog = LongTextDialog(f"{what} — the whole text", text, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _evidence(self) -> EvidenceHtml:
        """The evidence parts of the page being built (they add to what it lists)."""
        return EvidenceHtml(self.document.store, self._listed, self._long, self._name)
