"""The bulk path runs only the app's own trigger SQL, never text read from the file.

A file can carry a trigger of the very shape the bulk path defers (one ``INSERT ...
VALUES`` of ``NEW``); re-running its stored text would execute whatever the file's
author wrote, and record it in the undo journal. Every statement the connection runs is
traced: the planted marker must never appear in one.
"""

from __future__ import annotations

from db import bulk, ops
from db.store import Store

MARK = "planted_by_file"
CRAFTED = ("CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN "
           "INSERT INTO search_index (rowid, kind, ref_id, title, body) VALUES "
           f"(NEW.id * 4 + 1, 'event', NEW.id, NEW.title, '{MARK}'); END")
CSV = "date,title\n" + "".join(f"2000-01-{d:02d},Meeting {d}\n" for d in range(1, 21))


def _plant(store: Store) -> None:
    store.conn.execute("DROP TRIGGER events_search_insert")
    store.conn.execute(CRAFTED)


def _traced(store: Store) -> list[str]:
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    return seen


def test_the_bulk_path_never_runs_trigger_text_from_the_file(store: Store) -> None:
    _plant(store)
    assert bulk.deferrable_triggers(store.conn, "events") == []  # not ours: not deferred
    seen = _traced(store)
    changes = ops.import_csv(store, CSV)
    assert changes.counts["events"] == 20
    assert not [s for s in seen if MARK in s]
    seen.clear()
    store.replay(list(changes.undo))  # "Undo import"
    assert not [s for s in seen if MARK in s]
    assert store.conn.execute("SELECT count(*) FROM events").fetchone() == (0,)


def test_our_own_triggers_are_still_deferred_and_recreated_as_we_write_them(
        store: Store) -> None:
    from db import schema

    (trigger,) = bulk.deferrable_triggers(store.conn, "events")
    assert trigger.sql == schema.search_insert_trigger("events")
    ops.import_csv(store, CSV)
    stored = store.conn.execute("SELECT sql FROM sqlite_master WHERE name = ?",
                                [trigger.name]).fetchone()[0]
    assert " ".join(stored.split()) == " ".join(trigger.sql.split())
