"""Names in text: known ones matched anywhere, new ones from runs of capitalised words.

* **known names**: every name of every known entity, whole-word and case-insensitive for
  Latin script (acronyms such as "US" case-sensitive, so "us" is no match), substring for
  CJK; the longest name wins where names overlap ("North Korea" is not "Korea").
* **new names**: runs of capitalised words (with "of", "for", "and", "the", "de" …
  inside), split at titles ("President", "General" …), with an acronym or a native
  script name in parentheses right after attached.
"""

from __future__ import annotations

import re
from dataclasses import replace

from models.intake.context import dateline_place
from models.intake.cues import guess_kind, has_plural_head, inner_places, is_not_a_name, unit_of
from models.intake.heads import (
    head_after,
    hyphened_names,
    is_backdrop,
    is_period,
    lone_word_kind,
)
from models.intake.records import NameDraft
from models.intake.text import Unit, window
from models.intake.words import (
    ABBREVIATIONS,
    ADJECTIVE_ENDINGS,
    CJK,
    CONNECTORS,
    DEMONYMS,
    DOCUMENTS,
    NOT_NAMES,
    ORG_WORDS,
    PLACE_WORDS,
    PLACES,
    PORTFOLIOS,
    STOPWORDS,
    TITLES,
    WORD,
    is_acronym,
    name_key,
    word_set,
)

# ------------------------------------------------------------------------ matching


class Matcher:
    """Finds names in text: token runs for Latin script, substrings for CJK."""

    def __init__(self) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], object, bool]]] = {}
        self._cjk: list[tuple[str, object]] = []
        self._sorted = True

    def add(self, key: object, names: list[str], exact_case: bool = False) -> None:
        """Names of ``key``; ``exact_case`` for short forms ("Mark" is a name, "mark" not)."""
        for name in names:
            if CJK.search(name):
                self._cjk.append((name.strip(), key))
                continue
            tokens = WORD.findall(name)
            if not tokens:
                continue
            exact = is_acronym(name) or exact_case
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
        tokens = WORD.findall(text)
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
        if self._cjk and CJK.search(text):
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
    if len(parts) > 1 and (parts[-1].lower() in ADJECTIVE_ENDINGS or is_acronym(parts[0])):
        return False
    return word[0].isupper() and _base(word).lower() not in NOT_NAMES


def _is_joined(text: str, before: re.Match[str], token: re.Match[str]) -> bool:
    """One space between, or ". " after an initial or title: "Daniel K. Inouye"."""
    gap = text[before.end():token.start()]
    word = before.group()
    return gap == " " or (gap == ". " and (len(word) == 1 or word in TITLES))


def _ends_run(text: str, token: re.Match[str]) -> bool:
    """A full stop (not of an initial or a title) or a place's possessive ends a name."""
    word = token.group()
    if text[token.end():token.end() + 1] == ".":
        return len(word) > 1 and word not in TITLES and word.lower() not in ABBREVIATIONS
    return _base(word) != word and _base(word).lower() in PLACES


def _runs(text: str) -> list[_Run]:
    """Runs of capitalised words joined by single spaces and connector words."""
    runs: list[_Run] = []
    run: _Run = []
    for token in _NAME_TOKEN.finditer(text):
        word = token.group()
        joined = bool(run) and _is_joined(text, run[-1], token)
        if _is_cap(word) or (joined and word in CONNECTORS):
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
        if run[i].group() not in TITLES or _is_regnal(run, i):  # "King's College": no title
            pieces[-1].append(run[i])
            i += 1
            continue
        pieces.append([])
        i += 1
        j = i + 1 + (i + 1 < len(run) and run[i + 1].group() == "the")
        if i < len(run) and run[i].group() == "of" and j < len(run) and (
                run[j].group() in PORTFOLIOS):
            while j < len(run) and run[j].group() in PORTFOLIOS:
                j += 1
            i = j
    return [p for p in pieces if p]


_REGNAL = word_set("King Queen Emperor Empress Pope Tsar Sultan Shah Pharaoh Kaiser")


def _is_regnal(run: _Run, i: int) -> bool:
    """"Queen Victoria", "Pope Francis": a monarch's one name is known with the title."""
    return run[i].group() in _REGNAL and i + 2 == len(run) and run[i + 1].group()[0].isupper()


def _trim(piece: _Run) -> _Run:
    first, last = 0, len(piece)
    while first < last and piece[first].group() in CONNECTORS:
        first += 1
    while last > first and piece[last - 1].group() in CONNECTORS:
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
            piece[0].group().lower() in STOPWORDS or piece[0].group().lower() in common):
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
    return bool(words & DOCUMENTS) and not words & ORG_WORDS


def _is_affiliation(before: _Run, after: _Run) -> bool:
    """"Park In-ho of the Korean Institute …": a name, then the organisation it is of."""
    return not _lower_words(before) & (ORG_WORDS | PLACE_WORDS) and bool(
        _lower_words(after) & ORG_WORDS)


def _joins(before: _Run) -> bool:
    """Whether "and" after ``before`` continues an organisation's "of …"/"for …" part."""
    words = _lower_words(before)
    return bool(words & ORG_WORDS) and bool({"of", "for"} & words)


def _kind(name: str) -> str:
    folded = [w.casefold() for w in WORD.findall(name)]
    if set(folded) & ORG_WORDS:
        return "organization"
    if " ".join(folded) in PLACES or set(folded) & PLACE_WORDS:
        return "place"
    return "person"


def _is_name(name: str, piece: _Run, known: set[str]) -> bool:
    capitals = [t.group() for t in piece if t.group() not in CONNECTORS]
    if name_key(name) in known or len(capitals) > 7 or _base(capitals[-1]).lower() in DEMONYMS:
        return False
    if all(_base(c).lower() in DEMONYMS or c in PORTFOLIOS for c in capitals):
        return False  # "Japanese Foreign" (Minister …): a title's qualifiers, not a name
    if len(capitals) == 1:
        return name_key(name) in PLACES
    return not all(c.isupper() for c in capitals)  # a shouted headline, not a name


def _extras(text: str, end: int) -> tuple[str, tuple[str, ...]]:
    """(native name, acronyms) from parentheses right after a name."""
    match = _PAREN.match(text, end)
    if match is None:
        return "", ()
    native, aliases = "", []
    for part in (p.strip() for p in re.split(r"[,;]", match[1])):
        if CJK.search(part) and not native:
            native = part
        elif _ACRONYM.fullmatch(part) and sum(c.isupper() for c in part) >= 2:
            aliases.append(part)
    return native, tuple(aliases)


def _names_in(unit: Unit, common: set[str], known: set[str]) -> list[NameDraft]:
    found = []
    text = unit.text
    lead = len(text) - len(text.lstrip(_OPENERS))
    for run in _runs(text):
        if len(run) > MAX_RUN or _is_document(run):
            continue
        for piece in (p for t in _split_titles(run) for p in _refine(text, t, common, lead)):
            found.extend(_piece_names(unit, piece, run, known, (lead, common)))
    context = window(text, 0, 0)
    found += [NameDraft(name, kind, 1, unit.place, context)
              for name, kind, _ in hyphened_names(text) if name_key(name) not in known]
    return found


def _piece_names(unit: Unit, piece: _Run, run: _Run, known: set[str],
                 reading: tuple[int, set[str]]) -> list[NameDraft]:
    """The name a piece of a run is, or the names inside it when it is a phrase;
    ``reading`` is (quotes opening the sentence, the text's lower-case words)."""
    text, (lead, common) = unit.text, reading
    start, end = piece[0].start(), piece[-1].end()
    name = _base(text[start:end])
    context = window(text, 0, 0)
    initial = _is_initial(text, piece[0], lead)
    headed = head_after(text, end, text[start:end], initial)
    if headed and name_key(headed[0]) not in known and not is_period(text, start, headed[0]):
        return [NameDraft(headed[0], headed[1], 1, unit.place, context)]
    if is_period(text, start, name) or is_backdrop(name):
        return []
    acronym = unit_of(name)
    if acronym:
        return [NameDraft(acronym, "organization", 1, unit.place, context)]
    if has_plural_head(name, initial):
        return _piece_names(unit, piece[2:], run, known, reading)
    if is_not_a_name(text, start, end, name, initial):
        return [NameDraft(p, "place", 1, unit.place, context) for p in inner_places(name)
                if name_key(p) not in known]
    if not _is_name(name, piece, known):
        lone = lone_word_kind(text, start, name, common) if len(piece) == 1 and not (
            initial or name_key(name) in known) else ""
        return [NameDraft(name, lone, 1, unit.place, context)] if lone else []
    native, aliases = _extras(text, end) if piece[-1] is run[-1] else ("", ())
    return [NameDraft(name, guess_kind(name, text, start), 1, unit.place, context, native,
                      aliases)]


_BYLINE = re.compile(r"by\s+", re.IGNORECASE)


def _byline_names(unit: Unit) -> list[NameDraft]:
    """The authors a byline names ("BY JANE ROE AND JO PARK"), as people."""
    text = _BYLINE.sub("", unit.text, count=1)
    names = [" ".join(w.capitalize() if w.isupper() else w for w in part.split())
             for part in re.split(r"\s*(?:,|\band\b|&)\s*", text, flags=re.IGNORECASE)]
    return [NameDraft(n, "person", 1, unit.place, unit.text) for n in names
            if 2 <= len(n.split()) <= 4]


def _dateline_names(unit: Unit, known: set[str]) -> list[NameDraft]:
    """The place of a news dateline ("KISUMU, 7 March 2025 — …")."""
    place = dateline_place(unit.text)
    if not place or name_key(place) in known:
        return []
    return [NameDraft(place, "place", 1, unit.place, window(unit.text, 0, 0))]


def name_candidates(units: list[Unit], known: set[str]) -> list[NameDraft]:
    """New names in prose, one per key, keeping the first context and any native name."""
    common = {w for unit in units for w in WORD.findall(unit.text) if w.islower()}
    by_key: dict[str, NameDraft] = {}
    first = next((u for u in units if u.prose and u.statement and not (
        u.place.section and u.place.section_paragraph == 0)), None)
    for unit in units:
        if not unit.prose and unit.place.locator != "Byline":
            continue
        found = _byline_names(unit) if not unit.prose else _names_in(unit, common, known)
        if unit is first:
            found = _dateline_names(unit, known) + found
        for draft in found:
            seen = by_key.get(draft.key)
            if seen is None:
                by_key[draft.key] = draft
            elif not (seen.native_name and seen.aliases):
                by_key[draft.key] = replace(
                    seen, native_name=seen.native_name or draft.native_name,
                    aliases=seen.aliases or draft.aliases)
    return list(by_key.values())
