"""Full-text search over events, entities and sources.

The index is an FTS5 table with the trigram tokenizer (``db.schema``), which matches
any substring of three characters or more in any script, so 金東明 is found by 東明.
What a user types is never passed to FTS as query syntax: every word is quoted, so
``"``, ``*``, ``AND``, ``NEAR(`` or a lone quote are searched for as text. Words shorter
than three characters (such as the two-character Korean or Chinese query 金東) cannot
use trigrams and are matched with ``LIKE`` on the same rows.
"""

from __future__ import annotations

import sqlite3

from models.records import SearchHit

MAX_QUERY_CHARS = 200
SNIPPET_CHARS = 80


def search_index(conn: sqlite3.Connection, text: str, limit: int = 50) -> list[SearchHit]:
    """Records containing every word of ``text``; title matches first, then FTS rank."""
    words = text[:MAX_QUERY_CHARS].replace("\x00", "").split()  # no record holds NUL
    if not words:
        return []
    long_words = [w for w in words if len(w) >= 3]
    short_words = [w for w in words if len(w) < 3]
    try:
        found = _query(conn, long_words, short_words, limit)
    except sqlite3.OperationalError:
        found = _query(conn, [], words, limit)
    return [SearchHit(kind, ref_id, title, _snippet(title, body, words))
            for kind, ref_id, title, body in found]


def _query(conn: sqlite3.Connection, long_words: list[str], short_words: list[str],
           limit: int) -> list[tuple[str, int, str, str]]:
    clauses, params = [], []
    if long_words:
        clauses.append("search_index MATCH ?")
        params.append(" ".join(_quoted(w) for w in long_words))
    for word in short_words:
        clauses.append("(title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\')")
        params += [_like(word)] * 2
    first = words_in_title(long_words + short_words)
    order = f"({first}) DESC, " + ("rank" if long_words else "title")
    sql = (f"SELECT kind, ref_id, title, body FROM search_index "
           f"WHERE {' AND '.join(clauses)} ORDER BY {order} LIMIT ?")
    title_params = [_like(w) for w in long_words + short_words]
    return conn.execute(sql, [*params, *title_params, limit]).fetchall()


def words_in_title(words: list[str]) -> str:
    return " AND ".join(["title LIKE ? ESCAPE '\\'"] * len(words))


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
