"""Pure steps of the graph panel's rebuild: the ego cut and the selection's highlight.

Kept out of the panel so each reads alone: given what is shown and what is chosen, they say
what to draw (and the note to show), and touch no widget.
"""

from __future__ import annotations

from db.errors import NotFoundError
from db.evidence import supported_by
from db.store import Store
from models.graph import NetworkData, ego


def cut_to_ego(network: NetworkData, on: bool, centre: int | None, depth: int
               ) -> tuple[NetworkData, str]:
    """The ego network of ``centre`` when Ego is on, and the note to show ("" for none)."""
    if not on:
        return network, ""
    if centre is None:
        return network, "Ego: select an entity shown here to see its neighbourhood."
    if centre not in network.index():
        return NetworkData(), "Ego: the selected entity is not shown here."
    return ego(network, centre, depth), ""


def lens_of_source(store: Store, source_id: int) -> set[int]:
    """The entities a source supports: those it cites, and the ends of relationships."""
    cited = supported_by(store, source_id)
    ends = set(cited["entity"])
    for rel_id in cited["relationship"]:
        rel = store.relationship(rel_id)
        ends.update((rel.from_id, rel.to_id))
    return ends


def highlight_for(store: Store, shown: NetworkData, current: tuple[str, int] | None
                  ) -> set[int]:
    """The nodes a selection singles out: an entity and its neighbours, an event's
    participants, a relationship's two ends (those shown)."""
    kind, record = current if current else ("", 0)
    ids = set(shown.ids)
    try:
        if kind == "entity" and record in ids:
            return {record} | shown.neighbours()[record]
        if kind == "event":
            return {p.entity_id for p in store.event(record).participants} & ids
        if kind == "relationship":
            rel = store.relationship(record)
            return {rel.from_id, rel.to_id} & ids
        if kind == "source":  # a source as a lens: whom it is cited for, and both ends
            return lens_of_source(store, record) & ids  # of each relationship it supports
    except NotFoundError:
        pass
    return set()
