"""The canned queries a colleague needs, as Datasette runs them (named ``:parameters``).

Each is plain SQL over the schema, with its parameters bound by Datasette, never pasted
in. They read the file as the app does: events in date order (``earliest, latest, id``,
as ``Store`` sorts them), and search through the app's own trigram index.

Search cannot be Datasette's table search: that looks a record up by a column of its
table (``fts_pk``), and the index is keyed ``id * 4 + kind`` (``db.schema``), which no
column holds. So ``search`` is a query. As ``db.search`` does, it splits the text into
words, asks the index for the words of three characters or more (each quoted, so
nothing typed is query syntax; 金東明 is three characters) and checks shorter words
(金東, "Ko") with ``LIKE`` on the same rows; text made only of short words reads the
index's stored text with ``LIKE``. Title matches come first.
"""

from __future__ import annotations

from typing import NamedTuple


class Query(NamedTuple):
    title: str
    description: str
    sql: str


_CITED = """(SELECT json_group_array(json_object('source_id', source_id, 'source', source,
        'locator', locator, 'excerpt', excerpt, 'confidence', confidence))
     FROM (SELECT c.source_id, s.title AS source, c.locator, c.excerpt, c.confidence
           FROM citations c JOIN sources s ON s.id = c.source_id
           WHERE c.{key} = {alias}.id ORDER BY c.id))"""

_SOURCES_TEXT = """(SELECT group_concat(cited, '; ')
     FROM (SELECT s.title || CASE WHEN c.locator <> '' THEN ' (' || c.locator || ')'
                                  ELSE '' END AS cited
           FROM citations c JOIN sources s ON s.id = c.source_id
           WHERE c.{key} = {alias}.id ORDER BY c.id))"""


def _cited(key: str, alias: str) -> str:
    return (f"{_SOURCES_TEXT.format(key=key, alias=alias)} AS sources,\n  "
            f"{_CITED.format(key=key, alias=alias)} AS citations")


CHRONOLOGY = f"""SELECT e.id, e.date, e.end_date, e.title, e.category, e.location, e.summary,
  (SELECT group_concat(name, '; ') FROM (
     SELECT n.name || CASE WHEN p.role <> '' THEN ' (' || p.role || ')' ELSE '' END AS name
     FROM event_participants p JOIN entities n ON n.id = p.entity_id
     WHERE p.event_id = e.id ORDER BY n.name, p.role)) AS participants,
  {_cited("event_id", "e")}
FROM events e
ORDER BY e.earliest, e.latest, e.id"""

CONNECTIONS = f"""SELECT r.id, a.name AS from_name, a.kind AS from_kind, r.kind,
  b.name AS to_name, b.kind AS to_kind,
  CASE r.directed WHEN 1 THEN 'one way' ELSE 'both ways' END AS direction,
  r.date, r.end_date, r.description,
  {_cited("relationship_id", "r")}
FROM relationships r
JOIN entities a ON a.id = r.from_id
JOIN entities b ON b.id = r.to_id
ORDER BY r.earliest IS NULL, r.earliest, r.latest, a.name, b.name, r.id"""

SOURCE_SUPPORTS = """WITH chosen AS (
  SELECT id, title FROM sources
  WHERE CAST(id AS TEXT) = trim(:source) OR title = trim(:source) COLLATE NOCASE
),
cited AS (
SELECT s.id AS source_id, s.title AS source, 'event' AS kind, e.id AS record_id,
  e.title AS record, e.date, c.locator, c.excerpt, c.confidence, e.earliest AS day
FROM chosen s JOIN citations c ON c.source_id = s.id JOIN events e ON e.id = c.event_id
UNION ALL
SELECT s.id, s.title, 'entity', n.id, n.name, n.date, c.locator, c.excerpt, c.confidence,
  n.earliest
FROM chosen s JOIN citations c ON c.source_id = s.id JOIN entities n ON n.id = c.entity_id
UNION ALL
SELECT s.id, s.title, 'relationship', r.id, a.name || ' — ' || r.kind || ' — ' || b.name,
  r.date, c.locator, c.excerpt, c.confidence, r.earliest
FROM chosen s JOIN citations c ON c.source_id = s.id
JOIN relationships r ON r.id = c.relationship_id
JOIN entities a ON a.id = r.from_id JOIN entities b ON b.id = r.to_id
)
SELECT source_id, source, kind, record_id, record, date, locator, excerpt, confidence
FROM cited ORDER BY source_id, kind, day IS NULL, day, record_id, locator"""

UNCITED = """SELECT 'event' AS kind, e.id, e.title AS record, e.date FROM events e
WHERE NOT EXISTS (SELECT 1 FROM citations c WHERE c.event_id = e.id)
UNION ALL
SELECT 'entity', n.id, n.name, n.date FROM entities n
WHERE NOT EXISTS (SELECT 1 FROM citations c WHERE c.entity_id = n.id)
UNION ALL
SELECT 'relationship', r.id, a.name || ' — ' || r.kind || ' — ' || b.name, r.date
FROM relationships r JOIN entities a ON a.id = r.from_id JOIN entities b ON b.id = r.to_id
WHERE NOT EXISTS (SELECT 1 FROM citations c WHERE c.relationship_id = r.id)
ORDER BY kind, id"""

# Words of :q (split on spaces by a recursive CTE); the index query quotes each long word.
_WORDS = """WITH RECURSIVE split(word, rest) AS (
  SELECT '', trim(substr(:q, 1, 200)) || ' '
  UNION ALL
  SELECT substr(rest, 1, instr(rest, ' ') - 1), ltrim(substr(rest, instr(rest, ' ') + 1))
  FROM split WHERE rest <> ''
),
words(word, pattern) AS (
  SELECT word, '%' || replace(replace(replace(word, '\\', '\\\\'), '%', '\\%'), '_', '\\_')
               || '%'
  FROM split WHERE word <> ''
),
fts(query) AS (
  SELECT group_concat('"' || replace(word, '"', '""') || '"', ' AND ')
  FROM words WHERE length(word) >= 3
),
hits(rowid, kind, ref_id, title, body) AS (
  SELECT i.rowid, i.kind, i.ref_id, i.title, i.body FROM search_index i
  WHERE (SELECT query FROM fts) IS NOT NULL
    AND i.search_index MATCH (SELECT coalesce(query, '""') FROM fts)
    AND NOT EXISTS (SELECT 1 FROM words w WHERE length(w.word) < 3
                    AND NOT (i.title LIKE w.pattern ESCAPE '\\'
                             OR i.body LIKE w.pattern ESCAPE '\\'))
  UNION ALL
  SELECT t.rowid, t.c0, t.c1, t.c2, t.c3 FROM search_index_content t
  WHERE (SELECT query FROM fts) IS NULL AND EXISTS (SELECT 1 FROM words)
    AND NOT EXISTS (SELECT 1 FROM words w
                    WHERE NOT (t.c2 LIKE w.pattern ESCAPE '\\'
                               OR t.c3 LIKE w.pattern ESCAPE '\\'))
)"""

SEARCH = _WORDS + """
SELECT h.kind, h.ref_id AS id, h.title, substr(h.body, 1, 200) AS text
FROM hits h
ORDER BY EXISTS (SELECT 1 FROM words w WHERE h.title NOT LIKE w.pattern ESCAPE '\\'),
  length(h.title), h.rowid
LIMIT 200"""

QUERIES: dict[str, Query] = {
    "chronology": Query(
        "Chronology", "Every event in date order, with the people in it and the sources "
        "that support it (title and locator; citations as JSON).", CHRONOLOGY),
    "connections": Query(
        "Who is connected to whom", "Every relationship with both names, its kind and "
        "its dates, and the sources that support it.", CONNECTIONS),
    "source_supports": Query(
        "Everything a source supports", "Give a source's number or its exact title: "
        "the events, people, organizations and relationships it is cited for, with "
        "locators and excerpts.", SOURCE_SUPPORTS),
    "uncited": Query(
        "Uncited records", "Events, entities and relationships no source supports yet.",
        UNCITED),
    "search": Query(
        "Search", "Events, people, organizations and sources holding every word of q "
        "(any script, Chinese and Korean included; words of one or two characters are "
        "matched too). Titles that hold every word come first.", SEARCH),
}
