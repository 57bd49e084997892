"""Where a citation's passage is in its source's text: the excerpt itself when the text
has it, otherwise the paragraph its locator names ("Military Exchanges, para. 2",
"Note [1]") as the assistant counts paragraphs. A reader shows it highlighted, so a
locator can be checked against the words it stands for."""

from __future__ import annotations

import re

from models.intake.text import clean_text, text_units

_WORDS = 8  # words of a sentence's start or end that find it in the text


def _pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def _find(text: str, phrase: str, start: int = 0) -> re.Match[str] | None:
    words = phrase.split()
    return _pattern(words).search(text, start) if words else None


def find_passage(text: str, locator: str, excerpt: str = "") -> tuple[int, int] | None:
    """(start, end) of the passage in ``text``, or None when it cannot be found."""
    found = _find(text, excerpt.strip().rstrip("…").strip())
    if found is not None:
        return found.start(), found.end()
    sentences = [u.text for u in text_units(clean_text(text)) if u.place.locator == locator]
    if not sentences or not locator:
        return None
    first = _find(text, " ".join(sentences[0].split()[:_WORDS]))
    if first is None:
        return None
    last = _find(text, " ".join(sentences[-1].split()[-_WORDS:]), first.start())
    return first.start(), last.end() if last is not None else first.end()
