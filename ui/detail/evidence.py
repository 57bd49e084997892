"""The evidence on a Detail page: a record's sources with every locator, grade and
excerpt; its competing claims side by side; what a source is cited by.

``EvidenceHtml`` builds these parts for one page; every citation it lists is added to
the page's ``listed`` set, so the panel knows which changes concern what it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from db.errors import NotFoundError
from db.evidence import grade_code, support_of
from db.store import Store
from models.kinds import RecordKind
from models.labels import CREDIBILITY
from models.records import Citation, Claim, Event, Relationship, Source
from ui.detail.markup import APP_SCHEME, PREFER, UNCITED_FLAG, badge, clipped, link


class EvidenceHtml:
    """The evidence parts of one Detail page (see module doc)."""

    def __init__(self, store: Store, listed: set[tuple[str, int]],
                 long: Callable[[str, str], str], name: Callable[[int], str]) -> None:
        self.store = store
        self._listed = listed
        self.long = long  # a text escaped and cut, with "Show all" when longer
        self.name = name  # an entity's name by id

    def cited_by(self, source: Source) -> str:
        """One line per record the source supports, with every locator it is cited under."""
        grouped: dict[tuple[str, int], list[Citation]] = {}
        for citation in self.store.citations_of_source(source.id):
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
        store = self.store
        try:
            if citation.target_type == "event":
                return "Event: " + link("event", citation.target_id,
                                        store.event(citation.target_id).title)
            if citation.target_type == "entity":
                return link("entity", citation.target_id, self.name(citation.target_id))
            if citation.target_type == "claim":
                claim = store.claim_by_id(citation.target_id)
                return (f"{claim.status.capitalize()} claim {self._claim_value(claim, ', ')} of "
                        + link(claim.target_type, claim.target_id, claim.target_type))
            rel = store.relationship(citation.target_id)
        except NotFoundError:
            return escape(f"{citation.target_type} #{citation.target_id}")
        return (f"{clipped(self.name(rel.from_id))} "
                f"{link('relationship', rel.id, rel.kind)} {clipped(self.name(rel.to_id))}")

    def claims(self, record: Event | Relationship) -> str:
        """The record's competing claims side by side: the preferred one (the record's
        own values) first, then the alternatives, then the rejected ones struck through;
        each with the sources that give it and their grades."""
        kind = "event" if isinstance(record, Event) else "relationship"
        others = self.store.claims_for(kind, record.id or 0)
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
        store = self.store
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

    def citations(self, target: str, record_id: int | None) -> str:
        """The record's sources, each listed once with all its locators and grades."""
        store = self.store
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
            source = self.store.source(source_id)
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
        excerpts = "".join(f"<div class='excerpt'>“{self.long(c.excerpt, 'Excerpt')}”</div>"
                           for c in citations if c.excerpt)
        return f"<div class='cite'>{' · '.join(p for p in parts if p)}{excerpts}</div>"




def _status_link(claim: Claim) -> str:
    """Reject an alternative, or restore a rejected claim as an alternative."""
    if claim.status == "rejected":
        return f'<a href="{APP_SCHEME}:restore/{claim.id}">Restore</a>'
    return f'<a href="{APP_SCHEME}:reject/{claim.id}">Reject</a>'

