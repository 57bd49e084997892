"""The intake assistant under its first name: ``models.intake`` holds it now; importers
that say ``models.drafts`` (the write path's edits and operations) keep working."""

from __future__ import annotations

from models.intake import (
    MAX_EVENTS,
    MAX_TEXT,
    Drafts,
    EventDraft,
    Match,
    NameDraft,
    Place,
    RelationshipDraft,
    TextTooLongError,
    name_key,
    propose_drafts,
    short_excerpt,
)

__all__ = ["MAX_EVENTS", "MAX_TEXT", "Drafts", "EventDraft", "Match", "NameDraft", "Place",
           "RelationshipDraft", "TextTooLongError", "name_key", "propose_drafts", "short_excerpt"]
