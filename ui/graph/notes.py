"""The panel's notes on what part of a big file it shows."""

from __future__ import annotations

from db.network import NetworkSlice


def size_note(loaded: NetworkSlice, names: dict[int, str]) -> str:
    """What part of a big file is shown, and how to see another; "" for a whole file."""
    if loaded.whole:
        return ""
    everyone = f"{loaded.total:,} people, organizations and places"
    if loaded.centre is None:
        return (f"Showing the {len(loaded.nodes):,} most connected of {everyone}. "
                "Choose one in another panel, or turn on Ego, to see its neighbourhood.")
    steps = f"{loaded.depth} step{'s' if loaded.depth != 1 else ''}"
    near = len(loaded.nodes) - 1
    cut = f" (the closest {near:,} of more)" if loaded.cut else ""
    name = names.get(loaded.centre, "?")
    return (f"Showing {name} and the {near:,} entities within {steps}{cut}, "
            f"of {everyone}. \"Most connected\" goes back.")
