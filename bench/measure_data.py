"""Measurements without Qt: search, JSON and CSV import, graph layout.

Each function runs in a fresh worker process (``bench/worker.py``) and returns a
JSON-ready dict. Baselines are bare SQLite (or networkx) on the same data in the same run.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import PHASE, ROOT, emit, max_rss_mb, summary

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


# -- JSON and CSV import ----------------------------------------------------------------

EXPORT_CODE = ("import sys; from pathlib import Path; from db.store import Store; "
               "from db.export import export_to; "
               "store = Store.open(Path(sys.argv[1]), readonly=True); "
               "export_to(store, Path(sys.argv[2]), sys.argv[3], title='Benchmark'); "
               "store.close()")
SUFFIXES = {"json": ".export.json", "csv-events": ".events.csv"}


def exported(db: Path, fmt: str) -> Path:
    """The database exported as ``fmt`` by the app's own export, in a child process (so
    its memory is not the import's), kept beside the cached database for the next run."""
    out = db.with_suffix(SUFFIXES[fmt])
    if not out.exists():
        partial = out.with_name(out.name + ".partial" + out.suffix)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", EXPORT_CODE, str(db), str(partial), fmt],
                       check=True, cwd=ROOT, capture_output=True)
        partial.replace(out)
        emit(PHASE, {"name": f"{fmt} exported", "seconds": time.perf_counter() - start})
    return out


def _timed_import(scratch: Path, name: str, run: Callable[[Any], dict[str, int]]
                  ) -> dict[str, Any]:
    """``run(store)`` into a new file: seconds, counts, and this process's peak RSS (the
    process is fresh: the peak is the import's)."""
    from db.store import Store

    target = Store.create(scratch / f"{name}.db")
    rss_before = max_rss_mb()
    start = time.perf_counter()
    counts = run(target)
    seconds = time.perf_counter() - start
    peak = max_rss_mb()
    target.close()
    return {"counts": counts, "seconds": seconds, "peak_rss_mb": peak,
            "start_rss_mb": rss_before}


def import_json(db: Path, scratch: Path) -> dict[str, Any]:
    """``db.jsonimport.import_file`` of the database's JSON export (read as a stream), into
    a new file, as File > Import Threadline JSON does."""
    from db.jsonimport import import_file

    source = exported(db, "json")
    found = _timed_import(scratch, "json", lambda store: import_file(store, source))
    found.update(records=sum(found["counts"].values()), json_mb=source.stat().st_size / 2**20,
                 baseline=_baselines(scratch / "json.db", scratch, "json"))
    return found


def import_csv(db: Path, scratch: Path) -> dict[str, Any]:
    """``db.csvio.import_events_csv`` of the database's ``events.csv`` export (read a row at
    a time from the file), into a new file."""
    from db.csvio import import_events_csv

    source = exported(db, "csv-events")
    found = _timed_import(scratch, "csv", lambda store: import_events_csv(store, source))
    added = found["counts"]
    found.update(rows=added["events"], records=sum(added.values()),
                 csv_mb=source.stat().st_size / 2**20,
                 baseline=_baselines(scratch / "csv.db", scratch, "csv"))
    return found


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
