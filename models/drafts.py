"""The paste assistant's brain: proposes events and names from an article's plain text.

Nothing here is a fact until the user ticks it: every result is a *draft* for the
source dialog to show. ``propose_drafts`` splits the text into paragraphs (blocks
separated by blank lines; a short unpunctuated line before a paragraph is a section
heading) and sentences, then:

* **dates**: year-like tokens are anchors; around each, runs of date words
  ("late", "mid", months, days, "to", dashes, eras …) are tried longest first and the
  first that ``parse_date`` accepts is the date as written. ``parse_date`` is the judge,
  so no second grammar lives here. A sentence gives one draft per *distinct* date in it
  (the user unticks the ones that are only context).
* **known names**: every name of every known entity, whole-word and case-insensitive
  for Latin script (acronyms such as "US" case-sensitive, so "us" is no match),
  substring for CJK; the longest name wins where names overlap ("North Korea" is not
  "Korea").
* **new names**: runs of capitalised words (with "of", "for", "and", "the", "de" …
  inside), split at titles ("President", "General" …), with an acronym or a native
  script name in parentheses right after attached.

Regular expressions are linear (no nested quantifiers; possessive runs where a failed
match could restart inside a run). Input is capped at ``MAX_TEXT`` characters
(``TextTooLongError``); event drafts stop at ``MAX_EVENTS`` or after ``MAX_ATTEMPTS``
date readings (``Drafts.truncated``), so text made of nothing but years stays fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from models.dates import DateParseError, FuzzyDate, parse_date

__all__ = ["MAX_EVENTS", "MAX_TEXT", "Drafts", "EventDraft", "Match", "NameDraft", "Place",
           "TextTooLongError", "name_key", "propose_drafts", "short_excerpt"]

MAX_TEXT = 2_000_000
MAX_EVENTS = 2000
SENTENCE_CHARS = 300
TITLE_CHARS = 80


class TextTooLongError(ValueError):
    """The pasted text is longer than ``MAX_TEXT`` characters; nothing was proposed."""


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
    truncated: bool = False


@dataclass
class _Unit:
    """A sentence (or a heading) of the text and where it is."""

    text: str
    place: Place
    prose: bool  # new names are looked for in prose only, not in headings or title lines


_WORD = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af"
                  r"\uf900-\ufaff\U00020000-\U0002fa1f]")


def _words(text: str, separator: str | None = None) -> frozenset[str]:
    return frozenset(text.split(separator))


_MONTHS = _words("january february march april may june july august september october "
                 "november december jan feb mar apr jun jul aug sep sept oct nov dec")
_NOT_NAMES = _MONTHS | _words("monday tuesday wednesday thursday friday saturday sunday")
_DOCUMENTS = _words("policy strategy statement declaration agreement act treaty doctrine degree "
                    "intelligence war photo correction")
_DEMONYMS = _words("korean chinese japanese taiwanese american european asian western eastern "
                   "northern southern russian ukrainian indian vietnamese thai british french "
                   "german australian")
_ADJECTIVE_ENDINGS = _words("based sponsored led backed funded owned run born made style level "
                            "related affiliated aligned linked controlled oriented centered era")
_DATE_WORDS = _MONTHS | _words("early mid late c ca circa about around approximately before "
                               "after between and to the present bc ad bce ce century millennium")
_ABBREVIATIONS = _MONTHS | _words("mr mrs ms dr prof gen adm col lt sgt capt maj ret rep sen "
                                  "gov st jr sr no vs e.g i.e c ca approx inc corp co ltd dept "
                                  "univ fig vol pp p")
_FINAL_PUNCTUATION = frozenset(".,;:!?…\"”’)]。！？")
_CONNECTORS = _words("of for and the de du da von van der al")
_TITLES = _words(
    "President Vice General Admiral Commander Chairman Chairwoman Chair Secretary Minister "
    "Professor Prof Dr Mr Mrs Ms Director Chief Deputy Speaker Ambassador Senator "
    "Representative Colonel Lieutenant Captain Sergeant Premier Governor Mayor Sir Dame Lord "
    "Judge Justice Associate Fellow Advisor Adviser Analyst Researcher Spokesperson "
    "Spokesman Spokeswoman Envoy Officer Member Head Leader Former Retired Gen Adm Col Lt Sgt")
_PORTFOLIOS = _words("Defense Defence State Foreign Affairs Justice Finance Commerce Trade "
                     "Industry Interior Health Education Energy Labor Labour Agriculture "
                     "Unification Homeland Security National")
_STOPWORDS = _words(
    "the a an in on at as by for from with without after before during since while when where "
    "whereas if although though because but and or yet so also even however indeed meanwhile "
    "moreover furthermore nonetheless nevertheless accordingly thus therefore still then now "
    "here there this that these those it its he she they we i you his her their our my your "
    "such some many most all both each every other another no not one two three under over "
    "against among between through throughout toward towards beyond regardless similarly "
    "clearly once of to like unlike despite according further beginning")
_ORG_WORDS = _words(
    "institute association council ministry forum university company forces force party "
    "agency center centre times assembly department committee office bank group inc corp "
    "corporation electronics foundation society commission army navy government parliament staff "
    "court union alliance organization organisation college school academy news post herald "
    "journal ilbo shimbun daily press radio television service bureau administration embassy "
    "mission ltd llc holdings industries program programme network club federation league "
    "chiefs")
_PLACE_WORDS = _words("strait island islands mountain mountains sea river lake peninsula "
                      "province city county bay gulf ocean valley desert region republic "
                      "kingdom states emirates")
_PLACES = _words(
    "taiwan|korea|south korea|north korea|china|japan|united states|united kingdom|russia|"
    "india|vietnam|thailand|philippines|indonesia|malaysia|singapore|australia|new zealand|"
    "canada|mexico|brazil|france|germany|italy|spain|ukraine|poland|czech republic|mongolia|"
    "palau|hong kong|macau|taipei|kaohsiung|seoul|busan|tokyo|beijing|shanghai|moscow|"
    "pyongyang|washington|london|paris|berlin|brussels|hanoi|bangkok|manila|jakarta|canberra|"
    "new delhi|europe|asia|africa|america|indo pacific|southeast asia|east asia|pacific"
    , separator="|")


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def name_key(name: str) -> str:
    """A name compared loosely: words only, case-folded ("Woo-taik" is "woo taik")."""
    return " ".join(_WORD.findall(name)).casefold() or name.strip()


def short_excerpt(text: str, max_words: int = 25) -> str:
    """The first ``max_words`` words of ``text``, with "…" when cut."""
    parts = text.split()
    return " ".join(parts) if len(parts) <= max_words else " ".join(parts[:max_words]) + "…"


# ---------------------------------------------------------------------- segmentation

_BLANK = re.compile(r"\n[^\S\n]*\n")
_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\([^()\s]{0,500}\)")
_SPACE = re.compile(r"\s+")
_PROSE = re.compile(r"[.!?…。！？:][\"”’)\]]*+(?:\s|$)")
# The look-behind makes a run of full stops one attempt, not one per stop (linear time).
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"”’)\]]*+\s++(?=[\"“‘(\[]*+[^\W_a-z])|[。！？]++")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")


def _clean(text: str) -> str:
    """Plain text as pasted from a web page: Markdown links and bold marks removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("**", "")
    return _LINK.sub(r"\1", text)


def _is_heading(lines: list[str]) -> bool:
    if len(lines) != 1:
        return False
    line = lines[0]
    return (len(line) <= 80 and len(line.split()) <= 10 and (line[0].isupper() or
            line[0].isdigit()) and line[-1] not in _FINAL_PUNCTUATION
            and not line.lower().startswith("by "))


def _blocks(text: str) -> list[tuple[str, bool]]:
    """(block text on one line, is a heading) for each block between blank lines."""
    raw: list[list[str]] = []
    for block in _BLANK.split(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines and raw and lines[0][0].islower() and raw[-1][-1][-1] not in _FINAL_PUNCTUATION:
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
            if before.lower() in _ABBREVIATIONS or _INITIALS.fullmatch(before):
                continue
        found.append(paragraph[start:match.end()].strip())
        start = match.end()
    found.append(paragraph[start:].strip())
    return [s for s in found if s]


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    section, number, in_section = "", 0, 0
    for block, heading in _blocks(text):
        if heading:
            section, in_section = block, 0
            units.append(_Unit(block, Place(number + 1, section, 0), prose=False))
            continue
        number, in_section = number + 1, in_section + 1
        place = Place(number, section, in_section if section else 0)
        prose = bool(_PROSE.search(block))
        units.extend(_Unit(s, place, prose) for s in _sentences(block))
    return units


def _window(text: str, start: int, end: int, limit: int = SENTENCE_CHARS) -> str:
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


# --------------------------------------------------------------------------- dates

_TOKEN = re.compile(r"[^\W_]+(?:['’]s)?\.?|[–—/~-]")
_ANCHOR = re.compile(r"(?:1\d{3}|20\d{2}|21\d{2})(?:s|['’]s)?\.?|[12]\d[\dX]X\.?|"
                     r"\d{1,4}(?:st|nd|rd|th)\.?")
_DATE_WORD = re.compile(r"\d{1,4}(?:st|nd|rd|th|s|['’]s)?|\d{1,3}x{1,3}|[–—/~-]")
_LEAD_IN = re.compile(
    r"(?:(?:for instance|for example|more recently|most recently|however|indeed|later|then|"
    r"also|again|by contrast)[, ]\s*)?(?:(?:in|on|during|by|since|from|until|around|as of|"
    r"beginning|starting|through|throughout|at)\s+)?(?:the\s+)?", re.IGNORECASE)
MAX_SPREAD = 5  # date words tried on each side of an anchor
MAX_ATTEMPTS = 200_000  # dates tried (at most ~3 s of parse_date); then drafts are truncated
_NO_START = _words("the and to – — - /")
_ERAS = _words("bc ad bce ce")
_ENDS = _ERAS | _words("present century millennium ~")


def _bare(token: str) -> str:
    return token.lower().rstrip(".")


def _is_date_word(token: str) -> bool:
    bare = _bare(token)
    return bare in _DATE_WORDS or bool(_DATE_WORD.fullmatch(bare))


def _is_anchor(tokens: list[re.Match[str]], i: int) -> bool:
    """A year ("2022", "1990s", "19XX"), a year with an era ("44 BC") or "20th century"."""
    token = tokens[i].group()
    if _bare(token).isdigit() and len(_bare(token)) <= 4 and (
            (i + 1 < len(tokens) and _bare(tokens[i + 1].group()) in _ERAS)
            or (i > 0 and _bare(tokens[i - 1].group()) in ("ad", "ce"))):
        return True
    if not _ANCHOR.fullmatch(token):
        return False
    if token[0].isdigit() and _bare(token)[-2:] in ("st", "nd", "rd", "th"):
        return i + 1 < len(tokens) and _bare(tokens[i + 1].group()) in ("century", "millennium")
    return True


class _DateReader:
    """``parse_date`` with a cache and a budget: text made of years cannot take minutes."""

    def __init__(self, budget: int = MAX_ATTEMPTS) -> None:
        self.budget = budget
        self._cache: dict[str, FuzzyDate | None] = {}

    def parse(self, text: str) -> FuzzyDate | None:
        if self.budget <= 0:
            return None
        self.budget -= 1
        if text in self._cache:
            return self._cache[text]
        try:
            date: FuzzyDate | None = parse_date(text)
        except DateParseError:
            date = None
        if len(self._cache) < 50_000:
            self._cache[text] = date
        return date

    def window(self, sentence: str, tokens: list[re.Match[str]], lo: int, anchor: int,
               hi: int) -> tuple[int, int, FuzzyDate] | None:
        """The longest run of tokens[lo..hi] with the anchor that parses: (start, end, date)."""
        for size in range(hi - lo + 1, 0, -1):
            for i in range(max(lo, anchor - size + 1), min(anchor, hi - size + 1) + 1):
                first, last = tokens[i], tokens[i + size - 1]
                if _bare(first.group()) in _NO_START or not _can_end(last.group()):
                    continue
                end = last.end() - (1 if last.group().endswith(".") else 0)
                date = self.parse(sentence[first.start():end])
                if date is not None:
                    return first.start(), end, date
        return None

    def dates_in(self, sentence: str) -> list[tuple[int, int, FuzzyDate]]:
        """Distinct dates of a sentence as (start, end, date), in order."""
        tokens = list(_TOKEN.finditer(sentence))
        found: list[tuple[int, int, FuzzyDate]] = []
        seen: set[tuple[int, int, bool]] = set()
        i = 0
        while i < len(tokens) and self.budget > 0:
            hit = self.window(sentence, tokens, *_spread(tokens, i)) if _is_anchor(
                tokens, i) else None
            if hit is None:
                i += 1
                continue
            key = (hit[2].earliest, hit[2].latest, hit[2].span)
            if key not in seen:
                seen.add(key)
                found.append(hit)
            while i < len(tokens) and tokens[i].start() < hit[1]:
                i += 1
        return found


def _can_end(token: str) -> bool:
    return any(c.isdigit() for c in token) or _bare(token) in _ENDS


def _spread(tokens: list[re.Match[str]], anchor: int) -> tuple[int, int, int]:
    """(lo, anchor, hi): the date words around an anchor, at most MAX_SPREAD a side."""
    lo = anchor
    while lo > 0 and anchor - lo < MAX_SPREAD and _is_date_word(tokens[lo - 1].group()):
        lo -= 1
    hi = anchor
    while (hi + 1 < len(tokens) and hi - anchor < MAX_SPREAD
           and _is_date_word(tokens[hi + 1].group())):
        hi += 1
    return lo, anchor, hi


def _title(sentence: str, start: int, end: int) -> str:
    """The sentence as a short title, without the date phrase it opens with ("In late
    December 2022, …"; a date that is the subject, "The 1990s were …", stays)."""
    title = sentence
    rest = sentence[end:].lstrip(" ")
    if start <= 40 and rest.startswith(",") and _LEAD_IN.fullmatch(sentence[:start]):
        rest = rest.lstrip(" ,;:–—-")
        if rest:
            title = rest[0].upper() + rest[1:]
    title = re.sub(r"^\[\d{1,3}\]\s*", "", title).rstrip(" .")
    if len(title) > TITLE_CHARS:
        cut = title.rfind(" ", 0, TITLE_CHARS - 1)
        title = title[:cut if cut > TITLE_CHARS // 2 else TITLE_CHARS - 1].rstrip(" ,;:–—-") + "…"
    return title


# ------------------------------------------------------------------------ matching


class _Matcher:
    """Finds names in text: token runs for Latin script, substrings for CJK."""

    def __init__(self) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], object, bool]]] = {}
        self._cjk: list[tuple[str, object]] = []
        self._sorted = True

    def add(self, key: object, names: list[str]) -> None:
        for name in names:
            if _CJK.search(name):
                self._cjk.append((name.strip(), key))
                continue
            tokens = _WORD.findall(name)
            if not tokens:
                continue
            exact = _is_acronym(name)
            entry = (tuple(tokens if exact else [t.casefold() for t in tokens]), key, exact)
            self._index.setdefault(tokens[0].casefold(), []).append(entry)
        self._sorted = False

    def find(self, text: str) -> dict[object, int]:
        """Mentions per key in ``text``; a name and its native form count once."""
        if not self._sorted:
            for bucket in self._index.values():
                bucket.sort(key=lambda e: -len(e[0]))  # stable: the first added wins a tie
            self._sorted = True
        latin: dict[object, int] = {}
        tokens = _WORD.findall(text)
        folded = [t.casefold() for t in tokens]
        i = 0
        while i < len(tokens):
            size = 1
            for names, key, exact in self._index.get(folded[i], ()):
                if tuple((tokens if exact else folded)[i:i + len(names)]) == names:
                    latin[key] = latin.get(key, 0) + 1
                    size = len(names)
                    break
            i += size
        if self._cjk and _CJK.search(text):
            cjk: dict[object, int] = {}
            for name, key in self._cjk:
                cjk[key] = cjk.get(key, 0) + text.count(name)
            for key, n in cjk.items():
                if n:
                    latin[key] = max(latin.get(key, 0), n)
        return latin


# ----------------------------------------------------------------------- new names

MAX_RUN = 30  # capitalised words in a row beyond this are a headline, not names
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
_PAREN = re.compile(r" ?\(([^()]{1,80})\)")
_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&.-]{1,11}")
_Run = list[re.Match[str]]


def _base(word: str) -> str:
    """A word without a possessive ending: "Taiwan’s" is "Taiwan"."""
    for ending in ("'s", "’s", "'", "’"):
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


def _is_cap(word: str) -> bool:
    """A capitalised word that may be part of a name ("US-based" and "May" are not)."""
    parts = word.split("-")
    if len(parts) > 1 and (parts[-1].lower() in _ADJECTIVE_ENDINGS or _is_acronym(parts[0])):
        return False
    return word[0].isupper() and _base(word).lower() not in _NOT_NAMES


def _is_joined(text: str, before: re.Match[str], token: re.Match[str]) -> bool:
    """One space between, or ". " after an initial or title: "Daniel K. Inouye"."""
    gap = text[before.end():token.start()]
    word = before.group()
    return gap == " " or (gap == ". " and (len(word) == 1 or word in _TITLES))


def _ends_run(text: str, token: re.Match[str]) -> bool:
    """A full stop (not of an initial or a title) or a place's possessive ends a name."""
    word = token.group()
    if text[token.end():token.end() + 1] == ".":
        return len(word) > 1 and word not in _TITLES and word.lower() not in _ABBREVIATIONS
    return _base(word) != word and _base(word).lower() in _PLACES


def _runs(text: str) -> list[_Run]:
    """Runs of capitalised words joined by single spaces and connector words."""
    runs: list[_Run] = []
    run: _Run = []
    for token in _NAME_TOKEN.finditer(text):
        word = token.group()
        joined = bool(run) and _is_joined(text, run[-1], token)
        if _is_cap(word) or (joined and word in _CONNECTORS):
            if not joined and run:
                runs.append(run)
                run = []
            run.append(token)
        elif run:
            runs.append(run)
            run = []
        if run and _ends_run(text, token):
            runs.append(run)
            run = []
    return [*runs, run] if run else runs


def _split_titles(run: _Run) -> list[_Run]:
    """Pieces of a run without titles: "Secretary of Defense Mark Esper" → "Mark Esper"."""
    pieces: list[_Run] = [[]]
    i = 0
    while i < len(run):
        if _base(run[i].group()) not in _TITLES:
            pieces[-1].append(run[i])
            i += 1
            continue
        pieces.append([])
        i += 1
        j = i + 1 + (i + 1 < len(run) and run[i + 1].group() == "the")
        if i < len(run) and run[i].group() == "of" and j < len(run) and (
                run[j].group() in _PORTFOLIOS):
            while j < len(run) and run[j].group() in _PORTFOLIOS:
                j += 1
            i = j
    return [p for p in pieces if p]


def _trim(piece: _Run) -> _Run:
    first, last = 0, len(piece)
    while first < last and piece[first].group() in _CONNECTORS:
        first += 1
    while last > first and piece[last - 1].group() in _CONNECTORS:
        last -= 1
    return piece[first:last]


_OPENERS = " \"“‘(["


def _is_initial(text: str, token: re.Match[str], lead: int) -> bool:
    """Whether a word opens the sentence (after ``lead`` quotes) or a clause after ":"."""
    before = text[max(0, token.start() - 3):token.start()].rstrip(_OPENERS)
    return token.start() <= lead or not before or before[-1] in ":“\"—–"


def _refine(text: str, piece: _Run, common: set[str], lead: int) -> list[_Run]:
    """Drop a common word opening a sentence; split at "and" unless it joins the words
    of an organisation ("Institute for National Defense and Security Research"), and at
    "of" between a person and an organisation."""
    piece = _trim(piece)
    if piece and _is_initial(text, piece[0], lead) and (
            piece[0].group().lower() in _STOPWORDS or piece[0].group().lower() in common):
        piece = _trim(piece[1:])
    parts: list[_Run] = [[]]
    for i, token in enumerate(piece):
        word = token.group()
        if (word == "and" and not _joins(parts[-1])) or (
                word in ("of", "for") and _is_affiliation(parts[-1], piece[i + 1:])):
            parts.append([])
        else:
            parts[-1].append(token)
    return [p for p in map(_trim, parts) if p]


def _lower_words(piece: _Run) -> set[str]:
    return {_base(t.group()).lower() for t in piece}


def _is_document(run: _Run) -> bool:
    """"Joint Statement", "New Southbound Policy": named things, not entities (unless an
    organisation's name: "Institute for National Security Strategy")."""
    words = _lower_words(run)
    return bool(words & _DOCUMENTS) and not words & _ORG_WORDS


def _is_affiliation(before: _Run, after: _Run) -> bool:
    """"Park In-ho of the Korean Institute …": a name, then the organisation it is of."""
    return not _lower_words(before) & (_ORG_WORDS | _PLACE_WORDS) and bool(
        _lower_words(after) & _ORG_WORDS)


def _joins(before: _Run) -> bool:
    """Whether "and" after ``before`` continues an organisation's "of …"/"for …" part."""
    words = _lower_words(before)
    return bool(words & _ORG_WORDS) and bool({"of", "for"} & words)


def _kind(name: str) -> str:
    folded = [w.casefold() for w in _WORD.findall(name)]
    if set(folded) & _ORG_WORDS:
        return "organization"
    if " ".join(folded) in _PLACES or set(folded) & _PLACE_WORDS:
        return "place"
    return "person"


def _is_name(name: str, piece: _Run, known: set[str]) -> bool:
    capitals = [t.group() for t in piece if t.group() not in _CONNECTORS]
    if name_key(name) in known or len(capitals) > 7 or _base(capitals[-1]).lower() in _DEMONYMS:
        return False
    if len(capitals) == 1:
        return name_key(name) in _PLACES
    return not all(c.isupper() for c in capitals)  # a shouted headline, not a name


def _extras(text: str, end: int) -> tuple[str, tuple[str, ...]]:
    """(native name, acronyms) from parentheses right after a name."""
    match = _PAREN.match(text, end)
    if match is None:
        return "", ()
    native, aliases = "", []
    for part in (p.strip() for p in re.split(r"[,;]", match[1])):
        if _CJK.search(part) and not native:
            native = part
        elif _ACRONYM.fullmatch(part) and sum(c.isupper() for c in part) >= 2:
            aliases.append(part)
    return native, tuple(aliases)


def _names_in(unit: _Unit, common: set[str], known: set[str]) -> list[NameDraft]:
    found = []
    text = unit.text
    lead = len(text) - len(text.lstrip(_OPENERS))
    for run in _runs(text):
        if len(run) > MAX_RUN or _is_document(run):
            continue
        for piece in (p for t in _split_titles(run) for p in _refine(text, t, common, lead)):
            name = _base(text[piece[0].start():piece[-1].end()])
            if not _is_name(name, piece, known):
                continue
            native, aliases = _extras(text, piece[-1].end()) if piece[-1] is run[-1] else ("", ())
            found.append(NameDraft(name, _kind(name), 1, unit.place, _window(text, 0, 0),
                                   native, aliases))
    return found


def _candidates(units: list[_Unit], known: set[str]) -> list[NameDraft]:
    """New names in prose, one per key, keeping the first context and any native name."""
    common = {w for unit in units for w in _WORD.findall(unit.text) if w.islower()}
    by_key: dict[str, NameDraft] = {}
    for unit in units:
        if not unit.prose:
            continue
        for draft in _names_in(unit, common, known):
            seen = by_key.get(draft.key)
            if seen is None:
                by_key[draft.key] = draft
            elif not (seen.native_name and seen.aliases):
                by_key[draft.key] = replace(
                    seen, native_name=seen.native_name or draft.native_name,
                    aliases=seen.aliases or draft.aliases)
    return list(by_key.values())


# ----------------------------------------------------------------------- proposing


def propose_drafts(text: str, known: list[tuple[int, list[str]]]) -> Drafts:
    """Draft events, known-name matches and new names for an article's text.

    ``known`` is (entity id, all its names) for each entity already in the database;
    the first name is the one shown. Raises ``TextTooLongError`` only.
    """
    if len(text) > MAX_TEXT:
        raise TextTooLongError(
            f"the text is too long to look through ({len(text):,} characters; "
            f"at most {MAX_TEXT:,})")
    units = _units(_clean(text))
    known_keys = {name_key(n) for _, names in known for n in names}
    candidates = _candidates(units, known_keys)
    matcher = _Matcher()
    for entity_id, names in known:
        matcher.add(entity_id, names)
    for candidate in candidates:
        matcher.add(candidate.key, [candidate.name, candidate.native_name, *candidate.aliases])
    mentions = [matcher.find(unit.text) for unit in units]
    drafts = Drafts()
    drafts.known_matches = _known_matches(known, units, mentions)
    drafts.new_names = _new_names(candidates, units, mentions)
    drafts.events, drafts.truncated = _events(units, mentions)
    return drafts


def _firsts(units: list[_Unit], mentions: list[dict[object, int]]
            ) -> tuple[dict[object, int], dict[object, int]]:
    """(total mentions, index of the first unit) per key."""
    counts: dict[object, int] = {}
    first: dict[object, int] = {}
    for index, found in enumerate(mentions):
        for key, n in found.items():
            counts[key] = counts.get(key, 0) + n
            first.setdefault(key, index)
    return counts, first


def _known_matches(known: list[tuple[int, list[str]]], units: list[_Unit],
                   mentions: list[dict[object, int]]) -> list[Match]:
    counts, first = _firsts(units, mentions)
    found = [Match(entity_id, names[0] if names else str(entity_id), counts[entity_id],
                   units[first[entity_id]].place, _window(units[first[entity_id]].text, 0, 0))
             for entity_id, names in known if entity_id in counts]
    order = {m.entity_id: first[m.entity_id] for m in found}
    return sorted(found, key=lambda m: (-m.count, order[m.entity_id]))


def _new_names(candidates: list[NameDraft], units: list[_Unit],
               mentions: list[dict[object, int]]) -> list[NameDraft]:
    counts, first = _firsts(units, mentions)
    found = []
    for c in candidates:
        if c.key in counts:
            unit = units[first[c.key]]
            found.append(NameDraft(c.name, c.kind, counts[c.key], unit.place,
                                   _window(unit.text, 0, 0), c.native_name, c.aliases))
        else:
            found.append(c)
    order = {c.key: first.get(c.key, len(units)) for c in found}
    return sorted(found, key=lambda c: (-c.count, order[c.key]))


def _events(units: list[_Unit], mentions: list[dict[object, int]]
            ) -> tuple[list[EventDraft], bool]:
    events: list[EventDraft] = []
    reader = _DateReader()
    for unit, found in zip(units, mentions, strict=True):
        if unit.place.section_paragraph == 0 and unit.place.section:
            continue  # headings name sections; they are not statements
        ids = tuple(k for k in found if isinstance(k, int))
        names = tuple(k for k in found if isinstance(k, str))
        for start, end, date in reader.dates_in(unit.text):
            if len(events) >= MAX_EVENTS:
                return events, True
            events.append(EventDraft(
                date_text=unit.text[start:end], date=date,
                sentence=_window(unit.text, start, end), place=unit.place,
                title=_title(unit.text, start, end), entity_ids=ids, new_names=names))
        if reader.budget <= 0:
            return events, True
    return events, False
