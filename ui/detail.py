"""The Detail panel: every field of the selected record, its links and its evidence.

The page is HTML built here, and every piece of text from the data goes through
``html.escape`` first, so a record holding ``<img src=…>`` or ``<script>`` shows those
characters and loads nothing. Links are of two kinds: ``threadline:KIND/ID`` navigates
inside the app; ``http(s)`` addresses of sources open in the browser only when clicked.
Anything else is shown as text. ``loadResource`` refuses every resource as a backstop.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from db import ops
from db.errors import NotFoundError, StoreError
from db.evidence import grade_code, support_of
from models.dates import DateParseError, parse_span
from models.edits import ClaimEdit
from models.kinds import RecordKind
from models.labels import CREDIBILITY, RELIABILITY
from models.records import Citation, Claim, Entity, Event, Relationship, Source
from ui.document import Changes, Document
from ui.long_text import LongTextDialog
from ui.prefer import RunDialog, prefer_claim
from ui.theme import PALETTE_EVENTS, EvidenceColours, evidence_colours

APP_SCHEME = "threadline"
PREFER = "prefer"  # threadline:prefer/CLAIM_ID makes that claim the record's own
# threadline:reject/CLAIM_ID and threadline:restore/CLAIM_ID set an alternative's status
STATUS_LINKS = {"reject": "rejected", "restore": "alternative"}
_LINKED = re.compile(APP_SCHEME + r":([a-z]+)/([0-9]+)")
SHOWN_CHARS = 4000  # of one text on the page; "Show all" opens the whole of a longer one
NAME_CHARS = 300  # of a title or a name (a link, a heading)


def style(colours: EvidenceColours) -> str:
    """The page's CSS with colours computed for the panel's palette (Qt's rich text knows
    no ``palette()`` roles, so a fixed grey was unreadable on one palette or the other)."""
    return f"""
<style>
h2 {{ margin: 0 0 2px 0; }}
.sub {{ color: {colours.muted}; }}
.k {{ color: {colours.muted}; padding-right: 8px; }}
.cite {{ margin: 4px 0 8px 12px; }}
.excerpt {{ font-style: italic; }}
.badge {{ color: {colours.badge_text}; background-color: {colours.badge_ground};
          font-weight: bold; }}
.flag {{ color: {colours.flag_text}; background-color: {colours.flag_ground};
         font-weight: bold; }}
</style>
"""


def badge(code: str) -> str:
    """A compact Admiralty grade ("B2") set off from the text around it."""
    return f"<span class='badge'>&nbsp;{escape(code)}&nbsp;</span>" if code else ""


UNCITED_FLAG = "<span class='flag'>&nbsp;Uncited&nbsp;</span>"


def clipped(text: str, limit: int = NAME_CHARS) -> str:
    """``text`` escaped, cut to ``limit`` characters with an ellipsis: a field of a
    megabyte (the cap, ``models.limits``) would take seconds to lay out."""
    return escape(text if len(text) <= limit else text[:limit] + "…")


def link(kind: str, record_id: int | None, text: str) -> str:
    return f'<a href="{APP_SCHEME}:{kind}/{record_id}">{clipped(text)}</a>'


def safe_url(url: str) -> str:
    """An http(s) address as a link; anything else as inert text."""
    target = QUrl(url.strip())
    if (len(url) <= SHOWN_CHARS and target.isValid() and target.scheme() in ("http", "https")
            and target.host()):
        return f'<a href="{escape(target.toString(), quote=True)}">{clipped(url)}</a>'
    return clipped(url)


def interpretation(date: str, end_date: str = "") -> str:
    if not date:
        return ""
    try:
        return parse_span(date, end_date).describe()
    except DateParseError as exc:
        return f"unreadable date: {exc}"


class SafeTextBrowser(QTextBrowser):
    """A text browser that follows no link by itself and loads no resource at all."""

    def __init__(self) -> None:
        super().__init__()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, _type: int, _name: QUrl) -> Any:
        return None


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
        ]) + self._paragraphs(event.summary, event.notes) + self._claims(event) + (
            self._citations("event", event.id))

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
        ]) + self._paragraphs(entity.description, entity.notes) + self._citations(
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
        ]) + self._paragraphs(rel.description, rel.notes) + self._claims(rel) + (
            self._citations("relationship", rel.id))

    def _source_page(self, source: Source) -> str:
        head = f"<h2>{clipped(source.title)}</h2><p class='sub'>Source · {clipped(source.kind)}</p>"
        fields = self._fields([
            ("Author", clipped(source.author)),
            ("Publisher", clipped(source.publisher)),
            ("Date", self._dates(source.date, "")),
            ("Reliability", escape(RELIABILITY.get(source.reliability, source.reliability))),
            ("Address", safe_url(source.url) if source.url else ""),
        ])
        return head + fields + self._paragraphs(source.notes, "") + self._cited_by(source)

    def _cited_by(self, source: Source) -> str:
        """One line per record the source supports, with every locator it is cited under."""
        grouped: dict[tuple[str, int], list[Citation]] = {}
        for citation in self.document.store.citations_of_source(source.id):
            self._listed.add((RecordKind.CITATION.value, citation.id or 0))
            grouped.setdefault((citation.target_type, citation.target_id), []).append(citation)
        if not grouped:
            return "<p class='sub'>Nothing cites this source yet.</p>"
        items = []
        for citations in grouped.values():
            where = "; ".join(clipped(c.locator) for c in citations if c.locator)
            codes = dict.fromkeys(grade_code(source.reliability, c.confidence)
                                  for c in citations)  # each grade once
            grades = " ".join(badge(code) for code in codes)
            where = f" <span class='sub'>— {where}</span>" if where else ""
            items.append(f"<li>{self._target_link(citations[0])}{where} {grades}</li>")
        return f"<h3>Cited by ({len(items)})</h3><ul>{''.join(items)}</ul>"

    def _target_link(self, citation: Citation) -> str:
        store = self.document.store
        try:
            if citation.target_type == "event":
                return "Event: " + link("event", citation.target_id,
                                        store.event(citation.target_id).title)
            if citation.target_type == "entity":
                return link("entity", citation.target_id, self._name(citation.target_id))
            if citation.target_type == "claim":
                claim = store.claim_by_id(citation.target_id)
                return (f"{claim.status.capitalize()} claim {self._claim_value(claim, ', ')} of "
                        + link(claim.target_type, claim.target_id, claim.target_type))
            rel = store.relationship(citation.target_id)
        except NotFoundError:
            return escape(f"{citation.target_type} #{citation.target_id}")
        return (f"{clipped(self._name(rel.from_id))} "
                f"{link('relationship', rel.id, rel.kind)} {clipped(self._name(rel.to_id))}")

    def _claims(self, record: Event | Relationship) -> str:
        """The record's competing claims side by side: the preferred one (the record's
        own values) first, then the alternatives, then the rejected ones struck through;
        each with the sources that give it and their grades."""
        kind = "event" if isinstance(record, Event) else "relationship"
        others = self.document.store.claims_for(kind, record.id or 0)
        if not others:
            return ""
        claims = [Claim.preferred_of(record), *others]
        heads = "".join(f"<th align='left'>{c.status.capitalize()}</th>" for c in claims)
        said = "".join(f"<td>{self._claim_value(c)}</td>" for c in claims)
        cited = "".join(f"<td>{self._claim_sources(c, kind)}</td>" for c in claims)
        actions = "".join(
            "<td></td>" if c.id is None else
            f'<td><a href="{APP_SCHEME}:{PREFER}/{c.id}">Make preferred</a> · '
            f'{_status_link(c)}</td>'
            for c in claims)
        notes = "".join(f"<td class='sub'>{escape(c.note)}</td>" for c in claims)
        return (f"<h3>Claims ({len(claims)})</h3><table class='claims' cellpadding='3'>"
                f"<tr>{heads}</tr><tr>{said}</tr><tr>{cited}</tr><tr>{notes}</tr>"
                f"<tr>{actions}</tr></table>")

    def _claim_value(self, claim: Claim, between: str = "<br>") -> str:
        written = " – ".join(escape(d) for d in (claim.date, claim.end_date) if d)
        text = between.join(p for p in (escape(claim.kind), written) if p) or "undated"
        return f"<s>{text}</s>" if claim.status == "rejected" else f"<b>{text}</b>"

    def _claim_sources(self, claim: Claim, kind: str) -> str:
        store = self.document.store
        if claim.id is None:
            support = support_of(store, kind, claim.target_id)
            return (f"<span class='sub'>{escape(support.describe())}</span> "
                    f"{badge(support.best)}")
        parts = []
        for citation in store.citations_for("claim", claim.id):
            self._listed.add((RecordKind.CITATION.value, citation.id or 0))
            source = store.source(citation.source_id)
            parts.append(f"{link('source', source.id, source.title)} "
                         f"{badge(grade_code(source.reliability, citation.confidence))}")
        return "<br>".join(parts) or UNCITED_FLAG

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

    def _citations(self, target: str, record_id: int | None) -> str:
        """The record's sources, each listed once with all its locators and grades."""
        store = self.document.store
        support = support_of(store, target, record_id or 0)
        if support.uncited:
            return (f"<h3>Sources</h3><p>{UNCITED_FLAG} "
                    "<span class='sub'>No source cited.</span></p>")
        grouped: dict[int, list[Citation]] = {}
        for c in store.citations_for(target, record_id or 0):
            grouped.setdefault(c.source_id, []).append(c)
        items = [self._source_citations(source_id, cs) for source_id, cs in grouped.items()]
        summary = f" <span class='sub'>— {escape(support.describe())}</span>"
        return f"<h3>Sources ({len(grouped)}){summary}</h3>{''.join(items)}"

    def _source_citations(self, source_id: int, citations: list[Citation]) -> str:
        try:
            source = self.document.store.source(source_id)
            title, reliability = source.title, source.reliability
        except NotFoundError:
            title, reliability = f"#{source_id}", ""
        parts = [link("source", source_id, title)]
        for c in citations:
            self._listed.add((RecordKind.CITATION.value, c.id or 0))
            code = grade_code(reliability, c.confidence)
            words = [clipped(c.locator)] if c.locator else []
            if c.confidence:
                words.append(f"credibility {escape(CREDIBILITY[c.confidence])}")
            text = f"<span class='sub'>{', '.join(words)}</span>" if words else ""
            part = " ".join(p for p in (badge(code), text) if p)
            if part not in parts:  # two excerpts of one paragraph: its locator once
                parts.append(part)
        excerpts = "".join(f"<div class='excerpt'>“{self._long(c.excerpt, 'Excerpt')}”</div>"
                           for c in citations if c.excerpt)
        return f"<div class='cite'>{' · '.join(p for p in parts if p)}{excerpts}</div>"


def _status_link(claim: Claim) -> str:
    """Reject an alternative, or restore a rejected claim as an alternative."""
    if claim.status == "rejected":
        return f'<a href="{APP_SCHEME}:restore/{claim.id}">Restore</a>'
    return f'<a href="{APP_SCHEME}:reject/{claim.id}">Reject</a>'
