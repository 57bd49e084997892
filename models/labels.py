"""Words shown to the user about records, shared by the operations and the UI."""

from __future__ import annotations

MAX_LABEL = 40


def short(text: str) -> str:
    """A record's name short enough for a menu label ("Undo Edit event ‘…’")."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1] + "…"


def plural(n: int, word: str) -> str:
    """"1 event", "3 events"."""
    return f"{n} {word}{'' if n == 1 else 's'}"
