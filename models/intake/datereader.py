"""Dates as written in a sentence, read by ``parse_date`` (the one grammar).

Year-like tokens are anchors; around each, runs of date words ("late", "mid", months,
days, "to", dashes, eras …) are tried longest first and the first that ``parse_date``
accepts is the date as written, so no second grammar lives here. A sentence gives one
reading per *distinct* date in it.
"""

from __future__ import annotations

import re

from models.dates import DateParseError, FuzzyDate, parse_date
from models.intake.words import DATE_WORDS, word_set

# --------------------------------------------------------------------------- dates

_CJK_DATE = r"\d{3,4}年(?:\d{1,2}月(?:\d{1,2}日)?)?"  # "2022年12月", "2022年12月5日"
_TOKEN = re.compile(_CJK_DATE + r"|[^\W_]+(?:['’]s)?\.?|[–—/~-]")
_ANCHOR = re.compile(_CJK_DATE + r"\.?|(?:1\d{3}|20\d{2}|21\d{2})(?:s|['’]s)?\.?|[12]\d[\dX]X\.?|"
                     r"\d{1,4}(?:st|nd|rd|th)\.?")
_DATE_WORD = re.compile(r"\d{1,4}(?:st|nd|rd|th|s|['’]s)?|\d{1,3}x{1,3}|[–—/~-]")
LEAD_IN = re.compile(
    r"(?:(?:for instance|for example|more recently|most recently|however|indeed|later|then|"
    r"also|again|by contrast)[, ]\s*)?(?:(?:in|on|during|by|since|from|until|around|as of|"
    r"beginning|starting|through|throughout|at)\s+)?(?:the\s+)?", re.IGNORECASE)
MAX_SPREAD = 5  # date words tried on each side of an anchor
MAX_ATTEMPTS = 200_000  # dates tried (at most ~3 s of parse_date); then drafts are truncated
_NO_START = word_set("the and to of – — - /")
_ERAS = word_set("bc ad bce ce")
_ENDS = _ERAS | word_set("present century millennium ~")


def _bare(token: str) -> str:
    return token.lower().rstrip(".")


def _is_date_word(token: str) -> bool:
    bare = _bare(token)
    return bare in DATE_WORDS or bool(_DATE_WORD.fullmatch(bare))


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


class DateReader:
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
