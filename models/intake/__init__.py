"""The intake assistant: proposes events and names from an article's plain text.

Nothing here is a fact until the user ticks it: every result is a *draft* for the
source dialog (or the ``extract`` command) to show. The pipeline (``propose``):
text ► blocks and sentences with their places (``text``) ► dates as written
(``datereader``) ► names, known and new (``names``) ► drafts (``records``).

Regular expressions are linear (no nested quantifiers; possessive runs where a failed
match could restart inside a run). Input is capped at ``MAX_TEXT`` characters
(``TextTooLongError``); event drafts stop at ``MAX_EVENTS`` or after ``MAX_ATTEMPTS``
date readings (``Drafts.truncated``), so text made of nothing but years stays fast.
"""

from __future__ import annotations

from models.intake.datereader import MAX_ATTEMPTS
from models.intake.propose import MAX_EVENTS, MAX_TEXT, propose_drafts
from models.intake.records import Drafts, EventDraft, Match, NameDraft, TextTooLongError
from models.intake.relations import RelationshipDraft
from models.intake.text import Place
from models.intake.words import name_key, short_excerpt

__all__ = ["MAX_ATTEMPTS", "MAX_EVENTS", "MAX_TEXT", "Drafts", "EventDraft", "Match", "NameDraft",
           "Place", "RelationshipDraft", "TextTooLongError", "name_key", "propose_drafts",
           "short_excerpt"]
