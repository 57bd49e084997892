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
    statement: bool = True  # False for headings and titles: they are not events


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


def _raw_blocks(text: str) -> list[list[str]]:
    raw: list[list[str]] = []
    for block in _BLANK.split(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines and raw and lines[0][0].islower() and raw[-1][-1][-1] not in FINAL_PUNCTUATION:
            raw[-1].extend(lines)  # a sentence broken by a blank line goes on
        elif lines:
            raw.append(lines)
    return raw


def _blocks(text: str) -> list[tuple[str, bool]]:
    """(block text on one line, is a heading) for each block between blank lines; a line
    that repeats an earlier block (a title shown twice) is no heading."""
    raw = _raw_blocks(text)
    heading = [_is_heading(lines) for lines in raw]
    joined = [_SPACE.sub(" ", " ".join(lines)) for lines in raw]
    found = [heading[i] and i + 1 < len(raw) and not heading[i + 1] and block not in joined[:i]
             for i, block in enumerate(joined)]
    if found[:1] == [True] and not any(found[1:]):
        found[0] = False  # the one heading-like line, first: the article's title
    return list(zip(joined, found, strict=True))


_NOTE = re.compile(r"\[(\d{1,3})\]\s")
_LABEL = re.compile(r"(photo|caption|correction|editor['’]s note|update|clarification)s?:\s",
                    re.IGNORECASE)
_BYLINE = re.compile(r"by\s+[^\W\d_]", re.IGNORECASE)
_AUTHOR_NOTE = re.compile(r"(?:[A-Z][\w'’.-]*\s){1,4}is\s(?:an?|the)\s")
_THANKS = re.compile(r"(?:would like to thank|thanks? (?:go|are due)|acknowledge?ments?\b)",
                     re.IGNORECASE)


def _label(block: str, after_byline: bool) -> str:
    """The name a block is cited by instead of a number ("Note [1]", "Byline",
    "Photo caption", "Correction", "Author note", "Acknowledgement"), or ""."""
    note = _NOTE.match(block)
    if note:
        return f"Note [{note[1]}]"
    label = _LABEL.match(block)
    if label:
        word = label[1].casefold()
        return "Photo caption" if word in ("photo", "caption") else word.capitalize()
    if _BYLINE.match(block) and len(block.split()) <= 12 and not _PROSE.search(block):
        return "Byline"
    if after_byline and _AUTHOR_NOTE.match(block):
        return "Author note"
    if _THANKS.search(block[:120]) and len(block) < 400:
        return "Acknowledgement"
    return ""


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
    """Sentences with their places. Paragraphs are numbered within their section (those
    before the first heading in "Introduction" when the text has headings); notes,
    bylines and captions are cited by name; title lines are neither numbered nor cited."""
    blocks = _blocks(text)
    section = "Introduction" if any(heading for _, heading in blocks) else ""
    units: list[Unit] = []
    number, in_section, label = 0, 0, ""
    for block, heading in blocks:
        if heading:
            section, in_section = block, 0
            units.append(Unit(block, Place(number + 1, section, 0), prose=False,
                              statement=False))
            continue
        prose = bool(_PROSE.search(block))
        label = _label(block, label == "Byline")
        if label:
            place = Place(number + 1, label, 0)
        elif not prose:
            units.append(Unit(block, Place(number + 1, "Title", 0), False, statement=False))
            continue
        else:
            number, in_section = number + 1, in_section + 1
            place = Place(number, section, in_section if section else 0)
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
