"""Near matches: a new name that is a known organisation's or place's name written a
little differently ("Korea Institute for Defense Analyses" for the file's "Korean
Institute of Defense Analyses") is the known entity, not a new one to merge later.

People are left out: their names differ by a letter from other people's ("Park In-ho",
"Park Jin-ho"), so a near spelling says nothing. rapidfuzz compares the loose forms
(``name_key``) of every known name at C speed.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from models.intake.records import NameDraft
from models.intake.words import name_key

CUTOFF = 90.0  # similarity (0–100) from which two organisation or place names are one


def near_known(candidates: list[NameDraft], known: list[tuple[int, list[str]]]
               ) -> dict[str, int]:
    """New name key → the known entity id it is a near spelling of."""
    keys: list[str] = []
    owners: list[int] = []
    for entity_id, names in known:
        for name in names:
            keys.append(name_key(name))
            owners.append(entity_id)
    if not keys:
        return {}
    found = {}
    for draft in candidates:
        if draft.kind == "person" or len(draft.key.split()) < 2:
            continue
        best = process.extractOne(draft.key, keys, scorer=fuzz.ratio, processor=None,
                                  score_cutoff=CUTOFF)
        if best is not None:
            found[draft.key] = owners[best[2]]
    return found
