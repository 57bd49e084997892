"""The named operations on competing claims (re-exported by ``db.ops``).

Each runs in one journaled transaction (``db.oprun.run``) and returns a ``Changes``
naming the event or relationship the claim belongs to (the journal owns a claim's rows
by that record), so the panels showing it read it again.
"""

from __future__ import annotations

from collections.abc import Sequence

from db.errors import NotFoundError, ValidationError
from db.oprun import run, write_citations
from db.store import Store
from models.changes import Changes
from models.edits import ClaimEdit
from models.labels import short
from models.records import Claim


def _about(store: Store, claim: Claim) -> str:
    """The record a claim is about, for an undo label ("event ‘Summit’")."""
    try:
        if claim.target_type == "event":
            return f"event ‘{short(store.event(claim.target_id).title)}’"
        if claim.target_type == "relationship":
            return f"relationship ‘{short(store.relationship(claim.target_id).kind)}’"
    except NotFoundError:
        raise ValidationError(f"a claim refers to {claim.target_type} "
                              f"{claim.target_id!r}, which does not exist") from None
    raise ValidationError(f"a claim is about an event or a relationship, "
                          f"not {claim.target_type!r}")


def _what(claim: Claim) -> str:
    """What the claim says, briefly: its dates, or its kind and dates."""
    dates = " – ".join(d for d in (claim.date, claim.end_date) if d)
    return " ".join(p for p in (claim.kind, dates) if p) or "claim"


def _save(store: Store, edit: ClaimEdit) -> int:
    claim = edit.claim
    if claim.id is None:
        claim_id = store.add_claim(claim)
    else:
        store.update_claim(claim)
        claim_id = claim.id
    write_citations(store, "claim", claim_id, edit.citations)
    return claim_id


def add_claim(store: Store, edit: ClaimEdit) -> Changes:
    """An alternative (or rejected) claim about an event or a relationship, with its
    citations; the record itself is not changed."""
    label = f"Add claim ‘{short(_what(edit.claim))}’ to {_about(store, edit.claim)}"
    return run(store, label, lambda: _save(store, edit))


def update_claim(store: Store, edit: ClaimEdit) -> Changes:
    """A claim's values, status, note and (unless None) citations."""
    label = f"Edit claim ‘{short(_what(edit.claim))}’ of {_about(store, edit.claim)}"
    return run(store, label, lambda: _save(store, edit))


def set_preferred_claim(store: Store, claim_id: int, demoted: Sequence[int] = ()
                        ) -> Changes:
    """Make a claim what its record holds; the record's values become an alternative,
    taking along the record's citations in ``demoted`` (those that give those values)."""
    claim = store.claim_by_id(claim_id)
    label = f"Prefer ‘{short(_what(claim))}’ for {_about(store, claim)}"

    def write() -> int:
        store.prefer_claim(claim_id, demoted)
        return claim.target_id

    return run(store, label, write)


def delete_claim(store: Store, claim_id: int) -> Changes:
    """A claim with its citations."""
    claim = store.claim_by_id(claim_id)
    label = f"Delete claim ‘{short(_what(claim))}’ of {_about(store, claim)}"

    def write() -> int:
        store.delete_claim(claim_id)
        return claim.target_id

    return run(store, label, write)
