"""Measurements without Qt: search, JSON and CSV import, graph layout.

Each function runs in a fresh worker process (``bench/worker.py``) and returns a
JSON-ready dict. Baselines are bare SQLite (or networkx) on the same data in the same run.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import PHASE, emit, summary

QUERIES = ("Institute", "Kim", "東明", "金", "Ki")
SEARCH_LIMIT = 50  # Store.search's default
SEARCH_BUDGET_S = 20.0  # per query and side: stop repeating after this long (min 5 runs)
EDGES_PER_NODE = 2.5
# Tables in the order their rows can be inserted (parents first).
TABLES = ("sources", "entities", "tags", "events", "event_participants", "event_tags",
          "relationships", "citations", "entity_positions")


# -- search ----------------------------------------------------------------------------

def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def bare_search(conn: sqlite3.Connection, text: str, limit: int) -> list[tuple]:
    """The floor: one FTS5 MATCH (words of 3+ characters) or LIKE scan, unranked, LIMITed."""
    words = text.split()
    if all(len(w) >= 3 for w in words):
        sql = ("SELECT kind, ref_id, title FROM search_index WHERE search_index MATCH ? "
               "LIMIT ?")
        return conn.execute(sql, [" ".join(_quoted(w) for w in words), limit]).fetchall()
    clauses = " AND ".join(["(title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\')"] * len(words))
    params = [p for w in words for p in (_like(w), _like(w))]
    sql = f"SELECT kind, ref_id, title FROM search_index WHERE {clauses} LIMIT ?"
    return conn.execute(sql, [*params, limit]).fetchall()


def _repeat(run: Callable[[], Any], repeats: int) -> list[float]:
    """Time ``run`` after one untimed call: ``repeats`` times, or fewer (>= 5) if slow."""
    run()
    times: list[float] = []
    while len(times) < repeats and (len(times) < 5 or sum(times) < SEARCH_BUDGET_S):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def _matches(conn: sqlite3.Connection, text: str) -> int:
    """How many index rows contain the query (what the ranking has to sort)."""
    return len(bare_search(conn, text, -1))


def search(db: Path, repeats: int) -> dict[str, Any]:
    """``Store.search`` against ``bare_search`` for each query, interleaved by query."""
    from db.store import Store

    store = Store.open(db, readonly=True)
    found = {}
    for query in QUERIES:
        app_times = _repeat(lambda q=query: store.search(q, SEARCH_LIMIT), repeats)
        bare_times = _repeat(lambda q=query: bare_search(store.conn, q, SEARCH_LIMIT), repeats)
        found[query] = {"timeline": summary(app_times), "baseline": summary(bare_times),
                        "hits": len(store.search(query, SEARCH_LIMIT)),
                        "matches": _matches(store.conn, query)}
        emit(PHASE, {"name": f"search {query}", "seconds": sum(app_times)})
    return {"queries": found}


# -- copying rows, the import baseline ---------------------------------------------------

def table_rows(conn: sqlite3.Connection) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every row of every table, with the column names, in insertable order."""
    found = {}
    for table in TABLES:
        cursor = conn.execute(f"SELECT * FROM {table}")
        found[table] = ([d[0] for d in cursor.description], cursor.fetchall())
    return found


def bare_insert(path: Path, rows: dict[str, tuple[list[str], list[tuple]]],
                staged: bool = False) -> float:
    """Seconds to insert ``rows`` into a new file (``Store.create``) in one transaction:
    ``executemany`` straight into each table, or (``staged``) through a TEMP copy and one
    INSERT ... SELECT per table, which is how the search triggers fire fastest."""
    from db.store import Store

    store = Store.create(path)
    conn = store.conn
    start = time.perf_counter()
    conn.execute("BEGIN")
    for table, (columns, values) in rows.items():
        if not values:
            continue
        names, marks = ", ".join(columns), ", ".join("?" * len(columns))
        if staged:
            conn.execute(f"CREATE TEMP TABLE stage AS SELECT {names} FROM main.{table} WHERE 0")
            conn.executemany(f"INSERT INTO temp.stage VALUES ({marks})", values)
            conn.execute(f"INSERT INTO main.{table} ({names}) SELECT * FROM temp.stage")
            conn.execute("DROP TABLE temp.stage")
        else:
            conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", values)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    store.close()
    return seconds


def _baselines(imported: Path, scratch: Path, name: str) -> dict[str, float]:
    """The rows the import wrote, inserted again bare (plain and staged), into new files."""
    conn = sqlite3.connect(str(imported))
    rows = table_rows(conn)
    conn.close()
    return {"seconds": bare_insert(scratch / f"{name}-bare.db", rows),
            "staged_seconds": bare_insert(scratch / f"{name}-staged.db", rows, staged=True)}


# -- JSON import -------------------------------------------------------------------------

def import_json(db: Path, scratch: Path) -> dict[str, Any]:
    """``db.jsonio.import_data`` of the whole database exported as JSON, into a new file."""
    from db.jsonio import dumps, export_data, import_data, loads
    from db.store import Store

    start = time.perf_counter()
    with Store.open(db, readonly=True) as source:
        text = dumps(export_data(source))
    prepared = time.perf_counter()
    data = loads(text)
    parsed = time.perf_counter()
    emit(PHASE, {"name": "json exported and parsed", "seconds": parsed - start})
    target = Store.create(scratch / "json.db")
    counts = import_data(target, data)
    seconds = time.perf_counter() - parsed
    target.close()
    return {"records": sum(counts.values()), "counts": counts, "seconds": seconds,
            "export_seconds": prepared - start, "loads_seconds": parsed - prepared,
            "json_mb": len(text.encode()) / 2**20,
            "baseline": _baselines(scratch / "json.db", scratch, "json")}


# -- CSV import --------------------------------------------------------------------------

CSV_HEADER = ("date", "end date", "title", "summary", "category", "location", "participants",
              "tags", "notes", "source", "locator", "confidence")


def _participant_text(name: str, kind: str, role: str) -> str:
    try:
        from db.export.cells import format_participant
    except ImportError:
        text = name if kind == "person" else f"{kind}:{name}"
        return f"{text} ({role})" if role else text
    return format_participant(name, kind, role)


def _grouped(conn: sqlite3.Connection, sql: str) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = {}
    for event_id, *rest in conn.execute(sql):
        found.setdefault(event_id, []).append(tuple(rest))
    return found


def events_csv(db: Path) -> tuple[str, int]:
    """The database's events as the CSV a spreadsheet would hold; (text, data rows)."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    people = _grouped(conn, "SELECT p.event_id, e.name, e.kind, p.role FROM event_participants p "
                            "JOIN entities e ON e.id = p.entity_id ORDER BY p.event_id")
    tags = _grouped(conn, "SELECT event_id, name FROM event_tags JOIN tags ON id = tag_id")
    cited = _grouped(conn, "SELECT c.event_id, s.title, c.locator, c.confidence FROM citations c "
                           "JOIN sources s ON s.id = c.source_id WHERE c.event_id IS NOT NULL "
                           "ORDER BY c.id")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    sql = ("SELECT id, date, end_date, title, summary, category, location, notes FROM events "
           "ORDER BY id")
    count = 0
    for event_id, date, end, title, summary_, category, location, notes in conn.execute(sql):
        source = cited.get(event_id, [("", "", None)])[0]
        writer.writerow([date, end, title, summary_, category, location,
                         "; ".join(_participant_text(*p) for p in people.get(event_id, [])),
                         "; ".join(t for (t,) in tags.get(event_id, [])), notes, source[0],
                         source[1], "" if source[2] is None else source[2]])
        count += 1
    conn.close()
    return out.getvalue(), count


def import_csv(db: Path, scratch: Path) -> dict[str, Any]:
    """``db.csvio.import_events_csv`` of every event as CSV text, into a new file."""
    try:
        from db.csvio import import_events_csv
    except ImportError as exc:
        return {"skipped": f"db.csvio.import_events_csv is not available ({exc})"}
    from db.store import Store

    text, count = events_csv(db)
    target = Store.create(scratch / "csv.db")
    start = time.perf_counter()
    counts = import_events_csv(target, text)
    seconds = time.perf_counter() - start
    target.close()
    return {"rows": count, "counts": counts, "seconds": seconds,
            "csv_mb": len(text.encode()) / 2**20,
            "baseline": _baselines(scratch / "csv.db", scratch, "csv")}


# -- graph layout --------------------------------------------------------------------------

def random_edges(nodes: int, seed: int = 0) -> list[tuple[int, int]]:
    """About 2.5 distinct undirected edges per node, no loops (node ids from 1)."""
    rng = np.random.default_rng(seed)
    wanted = round(EDGES_PER_NODE * nodes)
    a = rng.integers(1, nodes + 1, wanted * 2)
    b = (a - 1 + rng.integers(1, nodes, wanted * 2)) % nodes + 1
    pairs = dict.fromkeys(zip(np.minimum(a, b).tolist(), np.maximum(a, b).tolist(),
                              strict=True))
    return list(pairs)[:wanted]


def graph_layout(nodes: int, nx_max: int) -> dict[str, Any]:
    """``models.graph.layout`` of a random network; networkx ``spring_layout`` up to
    ``nx_max`` nodes."""
    from models.graph import build_network, layout
    from models.records import Entity, Relationship

    edges = random_edges(nodes)
    entities = [Entity(kind="person", name=f"Person {i}", id=i) for i in range(1, nodes + 1)]
    relationships = [Relationship(a, b, "knows", id=i) for i, (a, b) in enumerate(edges, 1)]
    network = build_network(entities, relationships)
    start = time.perf_counter()
    layout(network)
    found: dict[str, Any] = {"nodes": nodes, "edges": len(edges),
                             "seconds": time.perf_counter() - start}
    emit(PHASE, {"name": f"layout {nodes}", "seconds": found["seconds"]})
    if nodes <= nx_max:
        found.update(networkx_layout(nodes, edges))
    return found


def networkx_layout(nodes: int, edges: list[tuple[int, int]]) -> dict[str, Any]:
    """networkx's Fruchterman–Reingold (50 iterations) on the same graph.

    ``spring_layout`` needs scipy from 500 nodes on; without it, networkx's dense solver
    (what ``spring_layout`` itself runs below 500 nodes) is called directly.
    """
    import importlib.util

    import networkx as nx
    from networkx.drawing import layout as nx_layout

    graph = nx.Graph(edges)
    graph.add_nodes_from(range(1, nodes + 1))
    start = time.perf_counter()
    if nodes < 500 or importlib.util.find_spec("scipy") is not None:
        nx.spring_layout(graph, seed=0)
        how = "networkx.spring_layout"
    elif hasattr(nx_layout, "_fruchterman_reingold"):
        positions = nx_layout._fruchterman_reingold(nx.to_numpy_array(graph), seed=0)
        nx_layout.rescale_layout(positions)
        how = "networkx dense Fruchterman-Reingold (spring_layout needs scipy from 500 nodes)"
    else:
        return {"baseline_skipped": "networkx needs scipy for 500+ nodes"}
    return {"baseline_seconds": time.perf_counter() - start, "baseline_how": how}
