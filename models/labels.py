"""Words shown to the user about records, shared by the operations and the UI."""

from __future__ import annotations

from collections.abc import Iterable

MAX_LABEL = 40


def short(text: str) -> str:
    """A record's name short enough for a menu label ("Undo Edit event ‘…’")."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1] + "…"


def distinct_names(parts: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """The parts stripped, blanks dropped, each name once ignoring case (as the file
    compares tags and aliases), and none of ``taken``."""
    seen = {t.strip().casefold() for t in taken}
    names = []
    for part in parts:
        name = part.strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def plural(n: int, word: str) -> str:
    """"1 event", "3 events"."""
    return f"{n} {word}{'' if n == 1 else 's'}"
