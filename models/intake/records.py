"""What the assistant proposes: drafts for the user to tick, never facts."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.dates import FuzzyDate
from models.intake.relations import RelationshipDraft
from models.intake.text import Place
from models.intake.words import name_key


class TextTooLongError(ValueError):
    """The pasted text is longer than ``MAX_TEXT`` characters; nothing was proposed."""


@dataclass(frozen=True)
class EventDraft:
    """A dated sentence: the date as written and read, and a title to start from."""

    date_text: str
    date: FuzzyDate
    sentence: str
    place: Place
    title: str
    entity_ids: tuple[int, ...] = ()
    new_names: tuple[str, ...] = ()  # ``NameDraft.key`` of the new names the sentence has
    written: str = ""  # the date phrase as written, when it is not ``date_text`` itself
    how: str = ""  # how an implied date was resolved ("on Friday → 11 October 2024, …")
    category: str = ""  # a proposed category (one of ``EVENT_CATEGORIES``) or ""

    @property
    def inferred(self) -> bool:
        """The date is the assistant's reading of context, not written in the sentence."""
        return bool(self.how)

    @property
    def paragraph(self) -> int:
        return self.place.paragraph

    @property
    def locator(self) -> str:
        return self.place.locator


@dataclass(frozen=True)
class Match:
    """A known entity the text names: how often, and where first."""

    entity_id: int
    name: str
    count: int
    place: Place
    context: str


@dataclass(frozen=True)
class NameDraft:
    """A name the file does not know yet, with a guessed kind; ``count`` is its mentions."""

    name: str
    kind: str  # "person", "organization" or "place"
    count: int
    place: Place
    context: str
    native_name: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return name_key(self.name)


@dataclass
class Drafts:
    """What ``propose_drafts`` found; ``truncated``: the text had too many dates to read."""

    events: list[EventDraft] = field(default_factory=list)
    known_matches: list[Match] = field(default_factory=list)
    new_names: list[NameDraft] = field(default_factory=list)
    relationships: list[RelationshipDraft] = field(default_factory=list)
    truncated: bool = False
