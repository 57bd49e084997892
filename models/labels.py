"""Words shown to the user about records, shared by the operations and the UI."""

from __future__ import annotations

from collections.abc import Iterable

from models.kinds import RecordKind

MAX_LABEL = 40

# The Admiralty code's two grades, as the Detail panel shows them and the dialogs offer them.
CREDIBILITY = {1: "1 – confirmed", 2: "2 – probably true", 3: "3 – possibly true",
               4: "4 – doubtful", 5: "5 – improbable", 6: "6 – cannot be judged"}
RELIABILITY = {"A": "A – completely reliable", "B": "B – usually reliable",
               "C": "C – fairly reliable", "D": "D – not usually reliable",
               "E": "E – unreliable", "F": "F – reliability cannot be judged"}
# A record's kind in a short list (search results).
KIND_LABELS = {RecordKind.EVENT: "Event", RecordKind.ENTITY: "Person/org",
               RecordKind.SOURCE: "Source"}


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
