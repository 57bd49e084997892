"""The metadata Datasette is given for a Threadline file, built from the file itself.

The file is opened exactly as Threadline opens it (``Store.open``, read-only), so a file
the app would refuse is refused here with the same message before anything is served or
written. Only the title, the description and the names of the file's tables are read
from it; table names are used as keys of the metadata (to hide what is not labelled),
never as SQL.

Datasette 0.65 reads everything from one metadata file. Datasette 1.0 moved what changes
behaviour (hidden tables, facets, sorting, label columns, canned queries) to a separate
configuration file (``datasette.yaml``/``.json``, ``-c``) and keeps descriptions in the
metadata; ``split_for`` makes the two files for that version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.serve.labels import INTERNAL, SHARED, TableLabel
from db.serve.queries import QUERIES
from db.store import Store

# Per-table keys that configure behaviour: Datasette 1.0 reads them from its config file.
_CONFIG_TABLE_KEYS = ("hidden", "facets", "sort", "label_column")


@dataclass(frozen=True)
class FileFacts:
    """What the metadata is made from: the file's title, description and tables."""

    name: str  # the database's name in Datasette: the file's stem
    title: str
    description: str
    tables: tuple[str, ...]


def read_facts(path: Path) -> FileFacts:
    """Open ``path`` as Threadline does (read-only); a ``StoreError`` says why not."""
    with Store.open(path, readonly=True) as store:
        tables = tuple(row[0] for row in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        return FileFacts(path.stem, store.title(), store.description(), tables)


def build_metadata(facts: FileFacts) -> dict[str, Any]:
    """Datasette 0.65's metadata for the file: one dict, as ``metadata.json`` holds it."""
    tables: dict[str, Any] = {}
    for table in facts.tables:
        label = SHARED.get(table)
        tables[table] = _table(label) if label else {"hidden": True}
    for table in INTERNAL:  # hidden even before the file has them (sqlite_stat1 …)
        tables.setdefault(table, {"hidden": True})
    database: dict[str, Any] = {
        "title": facts.title,
        "tables": tables,
        "queries": {name: {"title": q.title, "description": q.description, "sql": q.sql}
                    for name, q in QUERIES.items()},
    }
    if facts.description:
        database["description"] = facts.description
    meta: dict[str, Any] = {"title": facts.title, "databases": {facts.name: database}}
    if facts.description:
        meta["description"] = facts.description
    return meta


def _table(label: TableLabel) -> dict[str, Any]:
    table: dict[str, Any] = {"title": label.title, "description": label.description,
                             "columns": dict(label.columns)}
    if label.label_column:
        table["label_column"] = label.label_column
    if label.facets:
        table["facets"] = list(label.facets)
    if label.sort:
        table["sort"] = label.sort
    return table


def split_for(meta: dict[str, Any], major: int) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """(metadata, configuration) for Datasette ``major``: 0.x takes one file, 1.x two."""
    if major < 1:
        return meta, None
    meta = json.loads(json.dumps(meta))  # a deep copy: the caller's dict is left alone
    config: dict[str, Any] = {"databases": {}}
    for name, database in meta.get("databases", {}).items():
        db_config: dict[str, Any] = {"tables": {}}
        if "queries" in database:
            db_config["queries"] = database.pop("queries")
        for table, settings in database.get("tables", {}).items():
            moved = {k: settings.pop(k) for k in _CONFIG_TABLE_KEYS if k in settings}
            if moved:
                db_config["tables"][table] = moved
        config["databases"][name] = db_config
    return meta, config


def write_json(data: dict[str, Any], target: Path) -> None:
    """Write ``data`` whole or not at all (a partial file is never left as ``target``)."""
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    partial.replace(target)
