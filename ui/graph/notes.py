"""The panel's notes on what part of a big file it shows."""

from __future__ import annotations

from db.network import NetworkSlice
from models.graph import NetworkData, is_undated


def size_note(loaded: NetworkSlice, names: dict[int, str]) -> str:
    """What part of a big file is shown, and how to see another; "" for a whole file.

    Two short lines, so the note stays clear of the legend.
    """
    if loaded.whole:
        return ""
    if loaded.centre is None:
        return (f"Showing the {len(loaded.nodes):,} most connected of {loaded.total:,} "
                "people, organizations and places.\n"
                "Choose one elsewhere, or turn on Ego, to see its neighbourhood.")
    name = names.get(loaded.centre, "?")
    near = len(loaded.nodes) - 1
    steps = f"{loaded.depth} step{'s' if loaded.depth != 1 else ''}"
    if near == 0:
        reach = f"Showing {name}, who has no relationships"
    else:
        entities = f"{near:,} entit{'ies' if near != 1 else 'y'}"
        closest = "the closest " if loaded.cut else "the "
        reach = f"Showing {name} and {closest}{entities} within {steps}"
    return (f"{reach} (of {loaded.total:,}).\n"
            f"\N{LEFT DOUBLE QUOTATION MARK}Most connected\N{RIGHT DOUBLE QUOTATION MARK} "
            f"shows the {len(loaded.top):,} most connected again.")


def undated_note(network: NetworkData) -> str:
    """How many relationships have no date, in the time-window mode: they stay whatever
    the window (nothing says when they held) and are drawn dashed."""
    total = sum(e.relationship_id is not None for e in network.edges)
    undated = sum(is_undated(e) for e in network.edges)
    if not undated:
        return ""
    return (f"{undated:,} of {total:,} relationships shown have no date: they stay in every "
            "window, drawn dashed.")
