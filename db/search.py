"""Full-text search over events, entities and sources.

The index is an FTS5 table with the trigram tokenizer (``db.schema``), which matches
any substring of three characters or more in any script, so 金東明 is found by 東明.
What a user types is never passed to FTS as query syntax: every word is quoted, so
``"``, ``*``, ``AND``, ``NEAR(`` or a lone quote are searched for as text. Words shorter
than three characters (such as the two-character Korean or Chinese query 金東) cannot
use trigrams and are matched with ``LIKE`` on the same rows.

The work is bounded by the number of hits asked for (``limit``), not by the number of
records that match: the thousands of matches of "Kim" in a large file are never all
ranked. Only ``CANDIDATES_PER_HIT`` records per hit asked for are read and ordered: records
whose title holds every word first, then titles that begin with the first word, shorter
titles, and position in the index, so the same query always gives the same list.

A query with a word of three characters or more reads up to that many matches from the
index. If that was all of them, they are ordered as above. If there are more, the index
is asked again for matches in the title alone (a ``{title}`` column filter), which then
come before every body-only match, however many there are.

A query made only of short words cannot use the index. It reads the stored text in index
order until it has that many matches and orders those, so a title match that comes after
many body matches may be left out. It is quick when the words are common and reads every
record when they are rare (0.3-0.6 s at a million events).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from models.kinds import RecordKind
from models.records import SearchHit

MAX_QUERY_CHARS = 200
SNIPPET_CHARS = 80
CANDIDATES_PER_HIT = 8  # records ordered per hit asked for; bounds the cost of ordering

# FTS5 keeps the indexed text of ``search_index`` in this ordinary table, one row per
# index row with the same rowid, columns c0..c3 = kind, ref_id, title, body. Scanning it
# directly reads the same text as a scan of the virtual table at a third to half the cost.
_CONTENT_TABLE = "search_index_content"

Row = tuple[int, str, int, str, str]  # rowid, kind, ref_id, title, body


def search_index(conn: sqlite3.Connection, text: str, limit: int = 50) -> list[SearchHit]:
    """Records containing every word of ``text``; title matches first (see module doc)."""
    words = text[:MAX_QUERY_CHARS].replace("\x00", "").split()  # no record holds NUL
    if not words or limit <= 0:
        return []
    try:
        found = _find(conn, words, limit)
    except sqlite3.OperationalError as exc:  # anything FTS5 refuses is searched as text
        if "interrupt" in str(exc):  # stopped by the caller (a newer search): not a refusal
            raise
        found = _scan(conn, words, limit)
    return [SearchHit(RecordKind(kind), ref_id, title, _snippet(title, body, words))
            for _, kind, ref_id, title, body in found]


def _find(conn: sqlite3.Connection, words: list[str], limit: int) -> list[Row]:
    if not any(len(w) >= 3 for w in words):
        return _scan(conn, words, limit)
    cap = limit * CANDIDATES_PER_HIT
    anywhere = _match(conn, words, cap, title_only=False)
    if len(anywhere) < cap:  # that is every match: one pass, ordered here
        return _ordered(anywhere, words)[:limit]
    in_title = _ordered(_match(conn, words, cap, title_only=True), words)
    seen = {row[0] for row in in_title}  # if fewer than limit, every title match
    elsewhere = [row for row in anywhere if row[0] not in seen]
    return (in_title + _ordered(elsewhere, words))[:limit]


_TITLE_HAS = "+title LIKE ? ESCAPE '\\'"
_BODY_HAS = "+body LIKE ? ESCAPE '\\'"


def _match(conn: sqlite3.Connection, words: list[str], cap: int, title_only: bool
           ) -> list[Row]:
    """Up to ``cap`` index rows, in rowid order, holding every word (in the title)."""
    long_words = [w for w in words if len(w) >= 3]
    short_words = [w for w in words if len(w) < 3]
    query = " AND ".join(_quoted(w) for w in long_words)
    if title_only:
        query = "{title} : (" + query + ")"
    # A LIKE handed to FTS5 with a pattern of under three characters but three or more
    # bytes (東明) finds no rows at all in SQLite 3.40; ``ESCAPE`` and ``+`` each keep
    # these LIKEs in SQLite, which tests them on the rows the MATCH found.
    where = ["search_index MATCH ?"] + [
        _TITLE_HAS if title_only else f"({_TITLE_HAS} OR {_BODY_HAS})" for _ in short_words]
    params: list[object] = [query]
    for word in short_words:
        params += [_like(word)] * (1 if title_only else 2)
    sql = (f"SELECT rowid, kind, ref_id, title, body FROM search_index "
           f"WHERE {' AND '.join(where)} LIMIT ?")
    return conn.execute(sql, [*params, cap]).fetchall()


def _scan(conn: sqlite3.Connection, words: list[str], limit: int) -> list[Row]:
    """Rows holding every word, found by reading the stored text (no trigram to use)."""
    where = " AND ".join(["(c2 LIKE ? ESCAPE '\\' OR c3 LIKE ? ESCAPE '\\')"] * len(words))
    sql = (f"SELECT rowid, c0, c1, c2, c3 FROM {_CONTENT_TABLE} WHERE {where} "
           f"ORDER BY rowid LIMIT ?")
    params = [p for w in words for p in (_like(w), _like(w))]
    rows = conn.execute(sql, [*params, limit * CANDIDATES_PER_HIT]).fetchall()
    return _ordered(rows, words)[:limit]


def _ordered(rows: Iterable[Row], words: list[str]) -> list[Row]:
    """Titles holding every word first; then titles that begin with the first word,
    shorter titles, and index order."""
    folded = [w.casefold() for w in words]

    def key(row: Row) -> tuple[bool, bool, int, int]:
        title = row[3].casefold()
        return (not all(w in title for w in folded), not title.startswith(folded[0]),
                len(title), row[0])

    return sorted(rows, key=key)


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _snippet(title: str, body: str, words: list[str]) -> str:
    """A short stretch of the body around the first word found in it (not in the title)."""
    folded = body.casefold()
    positions = [folded.find(w.casefold()) for w in words]
    hits = [p for p in positions if p >= 0]
    if not hits:
        return body[:SNIPPET_CHARS].strip()
    start = max(0, min(hits) - SNIPPET_CHARS // 3)
    piece = " ".join(body[start:start + SNIPPET_CHARS].split())
    return ("…" if start else "") + piece + ("…" if start + SNIPPET_CHARS < len(body) else "")
