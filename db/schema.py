"""Schema of a Threadline database and the ordered migrations that build it.

A Threadline file is marked by ``PRAGMA application_id`` (``APPLICATION_ID``) and
versioned by ``PRAGMA user_version``. Each migration is one function taking the
database from version N-1 to N. ``db.migrate`` runs the pending ones in a single
transaction after copying the file aside. Never edit a migration once it has been
released: add a new one, and a fixture of the released schema in ``tests/db/fixtures``.

Integrity lives in the database, not in the app:

* foreign keys with ``ON DELETE CASCADE`` remove what cannot exist without its parent
  (a participant without its event, a relationship without one of its ends, a citation
  without its source or target);
* a citation points at exactly one of event, entity, relationship or claim (CHECK), each a real
  foreign key, so no citation can dangle;
* ``CHECK`` constraints refuse empty titles and names, unknown kinds, reversed date
  intervals and relationships from an entity to itself.

Full-text search: one FTS5 table with the trigram tokenizer, kept in sync by triggers,
so any substring of three characters or more is indexed in every script (Latin, Chinese,
Korean); shorter queries fall back to ``LIKE`` on the same table (see ``Store.search``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from models import limits

APPLICATION_ID = 0x54486C6E  # "THln": marks a file as a Threadline database

_V1_TABLES = """
CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (trim(title) <> ''),
    author      TEXT NOT NULL DEFAULT '',
    publisher   TEXT NOT NULL DEFAULT '',
    date        TEXT NOT NULL DEFAULT '',
    earliest    INTEGER,
    latest      INTEGER,
    url         TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT 'article',
    reliability TEXT NOT NULL DEFAULT ''
                CHECK (reliability IN ('', 'A', 'B', 'C', 'D', 'E', 'F')),
    notes       TEXT NOT NULL DEFAULT '',
    content     TEXT NOT NULL DEFAULT '',
    CHECK ((earliest IS NULL) = (latest IS NULL) AND (earliest IS NULL OR earliest <= latest))
);

CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'place')),
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    native_name TEXT NOT NULL DEFAULT '',
    aliases     TEXT NOT NULL DEFAULT '[]'
                CHECK (json_valid(aliases) AND json_type(aliases) = 'array'),
    description TEXT NOT NULL DEFAULT '',
    date        TEXT NOT NULL DEFAULT '',
    end_date    TEXT NOT NULL DEFAULT '',
    earliest    INTEGER,
    latest      INTEGER,
    notes       TEXT NOT NULL DEFAULT '',
    CHECK ((earliest IS NULL) = (latest IS NULL) AND (earliest IS NULL OR earliest <= latest))
);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (trim(title) <> ''),
    summary     TEXT NOT NULL DEFAULT '',
    date        TEXT NOT NULL CHECK (trim(date) <> ''),
    end_date    TEXT NOT NULL DEFAULT '',
    earliest    INTEGER NOT NULL,
    latest      INTEGER NOT NULL,
    core_start  INTEGER,
    core_end    INTEGER,
    category    TEXT NOT NULL DEFAULT '',
    location    TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    CHECK (earliest <= latest)
);
CREATE INDEX events_by_day ON events (earliest, latest);
CREATE INDEX events_by_category ON events (category);

CREATE TABLE event_participants (
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    entity_id   INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    role        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, entity_id, role)
) WITHOUT ROWID;
CREATE INDEX participants_by_entity ON event_participants (entity_id, event_id);

CREATE TABLE relationships (
    id          INTEGER PRIMARY KEY,
    from_id     INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    to_id       INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (trim(kind) <> ''),
    directed    INTEGER NOT NULL DEFAULT 1 CHECK (directed IN (0, 1)),
    date        TEXT NOT NULL DEFAULT '',
    end_date    TEXT NOT NULL DEFAULT '',
    earliest    INTEGER,
    latest      INTEGER,
    core_start  INTEGER,
    core_end    INTEGER,
    description TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    CHECK (from_id <> to_id),
    CHECK ((earliest IS NULL) = (latest IS NULL) AND (earliest IS NULL OR earliest <= latest))
);
CREATE INDEX relationships_by_from ON relationships (from_id);
CREATE INDEX relationships_by_to ON relationships (to_id);

CREATE TABLE citations (
    id              INTEGER PRIMARY KEY,
    source_id       INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    event_id        INTEGER REFERENCES events (id) ON DELETE CASCADE,
    entity_id       INTEGER REFERENCES entities (id) ON DELETE CASCADE,
    relationship_id INTEGER REFERENCES relationships (id) ON DELETE CASCADE,
    locator         TEXT NOT NULL DEFAULT '',
    excerpt         TEXT NOT NULL DEFAULT '',
    confidence      INTEGER CHECK (confidence IS NULL OR confidence BETWEEN 1 AND 6),
    CHECK ((event_id IS NOT NULL) + (entity_id IS NOT NULL)
           + (relationship_id IS NOT NULL) = 1)
);
CREATE INDEX citations_by_source ON citations (source_id);
CREATE INDEX citations_by_event ON citations (event_id) WHERE event_id IS NOT NULL;
CREATE INDEX citations_by_entity ON citations (entity_id) WHERE entity_id IS NOT NULL;
CREATE INDEX citations_by_relationship ON citations (relationship_id)
    WHERE relationship_id IS NOT NULL;

CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> '')
);

CREATE TABLE event_tags (
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX event_tags_by_tag ON event_tags (tag_id);

CREATE TABLE entity_positions (
    entity_id   INTEGER PRIMARY KEY REFERENCES entities (id) ON DELETE CASCADE,
    x           REAL NOT NULL,
    y           REAL NOT NULL,
    pinned      INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1))
);

CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
);
"""

# One row per searchable record. ``kind`` and ``ref_id`` say which record it is.
_V1_SEARCH = """
CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED, ref_id UNINDEXED, title, body, tokenize = 'trigram'
);
"""

# The largest record id: the search index keys a row ``id * 4 + code`` (code up to 3) in
# a 64-bit integer, and the next id (max + 1) must still fit.
MAX_ID = 2**61 - 2
# The longest text one field may hold (every write route: imports, the Store, the
# dialogs): a longer one would freeze the panels that show it.
MAX_TEXT_CHARS = limits.MAX_TEXT_CHARS

# (table, kind, code, title expression, body expression) for the sync triggers. A row's
# rowid in the index is ``id * 4 + code``, so a trigger finds it by key, not by a scan.
_SEARCH_SOURCES = (
    ("events", "event", 1, "NEW.title",
     "NEW.summary || ' ' || NEW.date || ' ' || NEW.category || ' ' || NEW.location"
     " || ' ' || NEW.notes"),
    ("entities", "entity", 2, "NEW.name",
     "NEW.native_name || ' ' || coalesce((SELECT group_concat(value, ' ') "
     "FROM json_each(NEW.aliases)), '')"
     " || ' ' || NEW.description || ' ' || NEW.notes"),
    ("sources", "source", 3, "NEW.title",
     "NEW.author || ' ' || NEW.publisher || ' ' || NEW.date || ' ' || NEW.notes"),
)


def _search_statements(table: str) -> tuple[str, str, str]:
    """(insert, delete, the insert's target table) that keep ``table``'s index rows."""
    for name, kind, code, title, body in _SEARCH_SOURCES:
        if name == table:
            insert = (
                f"INSERT INTO search_index (rowid, kind, ref_id, title, body) "
                f"VALUES (NEW.id * 4 + {code}, '{kind}', NEW.id, {title}, coalesce({body}, ''));"
            )
            delete = f"DELETE FROM search_index WHERE rowid = OLD.id * 4 + {code};"
            return insert, delete, "search_index"
    raise KeyError(table)


def search_insert_trigger(table: str) -> str:
    """The AFTER INSERT trigger that indexes ``table``, exactly as this app creates it.

    ``db.bulk`` re-creates the trigger from this text (never from the file's own copy),
    so no SQL read from a file is ever run."""
    insert, _, _ = _search_statements(table)
    return f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {insert} END"


def _search_triggers() -> str:
    parts = []
    for table, *_ in _SEARCH_SOURCES:
        insert, delete, _ = _search_statements(table)
        parts.append(
            f"{search_insert_trigger(table)};\n"
            f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {delete} END;\n"
            f"CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table} "
            f"BEGIN {delete} {insert} END;\n"
        )
    return "\n".join(parts)


def _v1_initial(conn: sqlite3.Connection) -> None:
    """Create sources, entities, events, relationships, citations, tags and search."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for script in (_V1_TABLES, _V1_SEARCH, _search_triggers()):
        for statement in _statements(script):
            conn.execute(statement)


def _statements(script: str) -> list[str]:
    """Split a script into statements; ``sqlite3.complete_statement`` knows trigger bodies."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return [s for s in statements if s]


# A date or a fact the sources imply rather than state is marked, not only explained in
# its notes, so the charts can draw it apart from what a source says outright.
_V2_INFERRED = """
ALTER TABLE events ADD COLUMN inferred INTEGER NOT NULL DEFAULT 0 CHECK (inferred IN (0, 1));
ALTER TABLE relationships ADD COLUMN inferred INTEGER NOT NULL DEFAULT 0
    CHECK (inferred IN (0, 1));
"""


def _v2_inferred(conn: sqlite3.Connection) -> None:
    """Add ``inferred`` (0 or 1) to events and relationships; every existing row is stated."""
    for statement in _statements(_V2_INFERRED):
        conn.execute(statement)


# Competing claims: another date of an event, or another kind or dates of a relationship,
# that some source asserts. The event's or relationship's own row holds the preferred
# claim (so the timeline and every query read it as before); the claims table holds the
# others, each "alternative" or "rejected", with citations of its own. A citation now
# points at exactly one of event, entity, relationship or claim: SQLite cannot change a
# CHECK in place, so the citations table is rebuilt with the same rows and ids.
_V3_CLAIMS = """
CREATE TABLE claims (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER REFERENCES events (id) ON DELETE CASCADE,
    relationship_id INTEGER REFERENCES relationships (id) ON DELETE CASCADE,
    status          TEXT NOT NULL DEFAULT 'alternative'
                    CHECK (status IN ('alternative', 'rejected')),
    kind            TEXT NOT NULL DEFAULT '',
    date            TEXT NOT NULL DEFAULT '',
    end_date        TEXT NOT NULL DEFAULT '',
    earliest        INTEGER,
    latest          INTEGER,
    core_start      INTEGER,
    core_end        INTEGER,
    note            TEXT NOT NULL DEFAULT '',
    CHECK ((event_id IS NOT NULL) + (relationship_id IS NOT NULL) = 1),
    CHECK (event_id IS NULL OR (trim(date) <> '' AND earliest IS NOT NULL AND kind = '')),
    CHECK (relationship_id IS NULL OR trim(kind) <> ''),
    CHECK ((earliest IS NULL) = (latest IS NULL) AND (earliest IS NULL OR earliest <= latest))
);
CREATE INDEX claims_by_event ON claims (event_id) WHERE event_id IS NOT NULL;
CREATE INDEX claims_by_relationship ON claims (relationship_id)
    WHERE relationship_id IS NOT NULL;

CREATE TABLE citations_v3 (
    id              INTEGER PRIMARY KEY,
    source_id       INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    event_id        INTEGER REFERENCES events (id) ON DELETE CASCADE,
    entity_id       INTEGER REFERENCES entities (id) ON DELETE CASCADE,
    relationship_id INTEGER REFERENCES relationships (id) ON DELETE CASCADE,
    locator         TEXT NOT NULL DEFAULT '',
    excerpt         TEXT NOT NULL DEFAULT '',
    confidence      INTEGER CHECK (confidence IS NULL OR confidence BETWEEN 1 AND 6),
    claim_id        INTEGER REFERENCES claims (id) ON DELETE CASCADE,
    CHECK ((event_id IS NOT NULL) + (entity_id IS NOT NULL)
           + (relationship_id IS NOT NULL) + (claim_id IS NOT NULL) = 1)
);
INSERT INTO citations_v3 (id, source_id, event_id, entity_id, relationship_id, locator,
                          excerpt, confidence)
    SELECT id, source_id, event_id, entity_id, relationship_id, locator, excerpt, confidence
    FROM citations;
DROP TABLE citations;
ALTER TABLE citations_v3 RENAME TO citations;
CREATE INDEX citations_by_source ON citations (source_id);
CREATE INDEX citations_by_event ON citations (event_id) WHERE event_id IS NOT NULL;
CREATE INDEX citations_by_entity ON citations (entity_id) WHERE entity_id IS NOT NULL;
CREATE INDEX citations_by_relationship ON citations (relationship_id)
    WHERE relationship_id IS NOT NULL;
CREATE INDEX citations_by_claim ON citations (claim_id) WHERE claim_id IS NOT NULL;
"""


def _v3_claims(conn: sqlite3.Connection) -> None:
    """Add the claims table and let a citation point at a claim (citations rebuilt)."""
    for statement in _statements(_V3_CLAIMS):
        conn.execute(statement)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1_initial, _v2_inferred,
                                                           _v3_claims]


def current_version() -> int:
    """The schema version this Threadline writes: one per migration."""
    return len(MIGRATIONS)
