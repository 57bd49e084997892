"""Text as blocks and sentences, each with its place (section and paragraph) for a locator."""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.intake.words import ABBREVIATIONS, FINAL_PUNCTUATION

SENTENCE_CHARS = 300


@dataclass(frozen=True)
class Place:
    """Where in the text: the paragraph (1-based, whole text) and its section."""

    paragraph: int
    section: str = ""
    section_paragraph: int = 0  # 0: the heading itself

    @property
    def locator(self) -> str:
        """A citation locator: "Parliamentary Diplomacy, para. 1", or "para. 4"."""
        if not self.section:
            return f"para. {self.paragraph}"
        if self.section_paragraph == 0:
            return self.section
        return f"{self.section}, para. {self.section_paragraph}"


@dataclass
class Unit:
    """A sentence (or a heading) of the text and where it is."""

    text: str
    place: Place
    prose: bool  # new names are looked for in prose only, not in headings or title lines


# ---------------------------------------------------------------------- segmentation

_BLANK = re.compile(r"\n[^\S\n]*\n")
_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\([^()\s]{0,500}\)")
_SPACE = re.compile(r"\s+")
_PROSE = re.compile(r"[.!?…。！？:][\"”’)\]]*+(?:\s|$)")
# The look-behind makes a run of full stops one attempt, not one per stop (linear time).
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"”’)\]]*+\s++(?=[\"“‘(\[]*+[^\W_a-z])|[。！？]++")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")


def clean_text(text: str) -> str:
    """Plain text as pasted from a web page: Markdown links and bold marks removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("**", "")
    return _LINK.sub(r"\1", text)


def _is_heading(lines: list[str]) -> bool:
    if len(lines) != 1:
        return False
    line = lines[0]
    return (len(line) <= 80 and len(line.split()) <= 10 and (line[0].isupper() or
            line[0].isdigit()) and line[-1] not in FINAL_PUNCTUATION
            and not line.lower().startswith("by "))


def _blocks(text: str) -> list[tuple[str, bool]]:
    """(block text on one line, is a heading) for each block between blank lines."""
    raw: list[list[str]] = []
    for block in _BLANK.split(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines and raw and lines[0][0].islower() and raw[-1][-1][-1] not in FINAL_PUNCTUATION:
            raw[-1].extend(lines)  # a sentence broken by a blank line goes on
        elif lines:
            raw.append(lines)
    heading = [_is_heading(lines) for lines in raw]
    return [(_SPACE.sub(" ", " ".join(lines)),
             heading[i] and i + 1 < len(raw) and not heading[i + 1])
            for i, lines in enumerate(raw)]


def _sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph; a full stop after an abbreviation or initial is none."""
    found, start = [], 0
    for match in _BOUNDARY.finditer(paragraph):
        if match.group().startswith(".") and not match.group().startswith(".."):
            before = paragraph[paragraph.rfind(" ", start, match.start()) + 1:match.start()]
            before = before.lstrip("([\"“‘")
            if before.lower() in ABBREVIATIONS or _INITIALS.fullmatch(before):
                continue
        found.append(paragraph[start:match.end()].strip())
        start = match.end()
    found.append(paragraph[start:].strip())
    return [s for s in found if s]


def text_units(text: str) -> list[Unit]:
    units: list[Unit] = []
    section, number, in_section = "", 0, 0
    for block, heading in _blocks(text):
        if heading:
            section, in_section = block, 0
            units.append(Unit(block, Place(number + 1, section, 0), prose=False))
            continue
        number, in_section = number + 1, in_section + 1
        place = Place(number, section, in_section if section else 0)
        prose = bool(_PROSE.search(block))
        units.extend(Unit(s, place, prose) for s in _sentences(block))
    return units


def window(text: str, start: int, end: int, limit: int = SENTENCE_CHARS) -> str:
    """``text`` cut to about ``limit`` characters around [start, end), at spaces."""
    if len(text) <= limit:
        return text
    first = max(0, min(start - limit // 3, len(text) - limit))
    last = first + limit
    if first > 0:
        first = text.find(" ", first) + 1 or first
    if last < len(text):
        last = text.rfind(" ", first, last) if text.rfind(" ", first, last) > first else last
    return ("…" if first > 0 else "") + text[first:last].strip() + ("…" if last < len(text) else "")
