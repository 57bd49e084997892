"""CSV import of events: mapping, matching, and all-or-nothing errors named by row."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db import cancel
from db.csvio import ImportCancelled, import_events_csv
from db.errors import FileMissingError, ReadOnlyError, ValidationError
from db.export.csvformat import format_participant, join_list, parse_participant, split_list
from db.jsonio import dumps, export_data
from db.store import Store


def _snapshot(store: Store) -> tuple[str, dict[str, int], list]:
    triggers = store.conn.execute("SELECT name, sql FROM sqlite_master "
                                  "WHERE type = 'trigger' ORDER BY name").fetchall()
    return dumps(export_data(store)), store.counts(), triggers


def _titles(store: Store) -> list[str]:
    return [e.title for e in store.events()]


# -- what is read ----------------------------------------------------------------------

def test_default_mapping_ignores_case_spaces_and_unknown_columns(store: Store) -> None:
    text = (" DATE ,Title,Description,Category,Location,End Date,Tags,Notes,Extra\n"
            "late December 2022,Visit,\"Went, and saw\",parliamentary,Taipei,,a; b,n1,x\n"
            "1974,Exchange,,military,,2011,,,y\n")
    counts = import_events_csv(store, text)
    assert counts["events"] == 2
    visit, exchange = store.events()
    assert (visit.title, visit.date, visit.summary, visit.category, visit.location,
            visit.tags, visit.notes) == ("Visit", "late December 2022", "Went, and saw",
                                         "parliamentary", "Taipei", ["a", "b"], "n1")
    assert (exchange.date, exchange.end_date) == ("1974", "2011")
    assert exchange.core_start is not None  # a span


def test_custom_mapping_and_skipping_a_field(store: Store) -> None:
    text = "When,What,summary\n2020,Launch,not wanted\n"
    import_events_csv(store, text, {"date": "When", "title": "what", "summary": ""})
    [event] = store.events()
    assert (event.date, event.title, event.summary) == ("2020", "Launch", "")


def test_mapping_errors_are_named(store: Store) -> None:
    with pytest.raises(ValidationError, match="unknown field 'colour'"):
        import_events_csv(store, "date,title\n", {"colour": "x"})
    with pytest.raises(ValidationError, match=r"column 'When' \(mapped to date\) is not in"):
        import_events_csv(store, "date,title\n", {"date": "When"})


def test_participants_link_by_name_alias_and_kind_or_are_created(filled: Store) -> None:
    before = {e.name for e in filled.entities()}
    text = ('date,title,participants\n'
            '2023,One,"kim d. (speaker); organization:Atlantic Council (host); Taipei; '
            'New Person (guest (late)); Alishan Society"\n'
            '2024,Two,"New Person; place:Atlantic Council"\n')
    counts = import_events_csv(filled, text)
    assert counts["entities"] == 3  # Atlantic Council twice (two kinds), New Person once
    made = {(e.name, e.kind) for e in filled.entities() if e.name not in before}
    assert made == {("Atlantic Council", "organization"), ("Atlantic Council", "place"),
                    ("New Person", "person")}
    names = {e.id: e.name for e in filled.entities()}
    one, two = (e for e in filled.events() if e.title in ("One", "Two"))
    assert sorted((names[p.entity_id], p.role) for p in one.participants) == [
        ("Alishan Society", ""), ("Atlantic Council", "host"),
        ("Kim Dong-myung", "speaker"), ("New Person", "guest (late)"), ("Taipei", "")]
    assert {names[p.entity_id] for p in two.participants} == {"New Person", "Atlantic Council"}


def test_a_name_with_brackets_is_found_whole_before_reading_a_role(store: Store) -> None:
    from models.records import Entity

    kmt = store.add_entity(Entity(kind="organization", name="Kuomintang (KMT)"))
    import_events_csv(store, 'date,title,participants\n2020,A,"Kuomintang (KMT); '
                             'Kuomintang (KMT) (ruling party)"\n')
    [event] = store.events()
    assert sorted((p.entity_id, p.role) for p in event.participants) == [
        (kmt, ""), (kmt, "ruling party")]


def test_source_and_locator_make_citations(filled: Store) -> None:
    text = ("date,title,source title,locator,excerpt,confidence\n"
            "2023,One,ARTICLE ONE,\"p. 3; fn. 2\",quoted,2\n"
            "2023,Two,New report; Article one,p. 1; ,first; second,3; \n")
    counts = import_events_csv(filled, text)
    assert counts == {"sources": 1, "entities": 0, "events": 2, "citations": 3}
    titles = {s.id: s.title for s in filled.sources()}
    new = next(s for s in filled.sources() if s.title == "New report")
    assert new.kind == "other"
    cited = {e.title: [(titles[c.source_id], c.locator, c.excerpt, c.confidence)
                       for c in filled.citations_for("event", e.id)]
             for e in filled.events() if e.title in ("One", "Two")}
    assert cited["One"] == [("Article one", "p. 3; fn. 2", "quoted", 2)]
    assert cited["Two"] == [("New report", "p. 1", "first", 3),
                            ("Article one", "", "second", None)]


def test_bom_crlf_bytes_and_quoted_newlines_are_accepted(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes("\ufeffDate,Title,Summary\r\n2020,\"Café\",\"two\r\nlines\"\r\n"
                     "\r\n2021,Next,\r\n".encode())
    assert import_events_csv(store, path)["events"] == 2
    first = store.events()[0]
    assert (first.title, first.summary) == ("Café", "two\r\nlines")
    assert import_events_csv(store, path.read_bytes())["events"] == 2


def test_search_index_and_triggers_are_as_row_by_row_inserts_leave_them(store: Store) -> None:
    before = _snapshot(store)[2]
    import_events_csv(store, "date,title,summary,participants,source\n"
                             "2020,Alpha,findable words,Someone New,A Source\n")
    assert _snapshot(store)[2] == before
    indexed = store.conn.execute("SELECT kind, ref_id, title, body FROM search_index "
                                 "ORDER BY kind, ref_id").fetchall()
    with store.transaction():  # the update triggers re-index every record
        for table, column in (("events", "title"), ("entities", "name"), ("sources", "title")):
            store.conn.execute(f"UPDATE {table} SET {column} = {column}")
    assert store.conn.execute("SELECT kind, ref_id, title, body FROM search_index "
                              "ORDER BY kind, ref_id").fetchall() == indexed
    assert [h.title for h in store.search("findable")] == ["Alpha"]


def test_other_insert_triggers_fire_for_every_imported_row(store: Store) -> None:
    store.conn.executescript("""
        CREATE TABLE audit (event_id INTEGER, what TEXT);
        CREATE TRIGGER audit_one AFTER INSERT ON events BEGIN
            INSERT INTO audit (event_id, what) VALUES (NEW.id, upper(NEW.title)); END;
        CREATE TRIGGER audit_two AFTER INSERT ON events BEGIN
            INSERT INTO audit (event_id, what) VALUES (NEW.id, 'a;b');
            INSERT INTO audit (event_id, what) VALUES (-NEW.id, 'second'); END;
    """)
    import_events_csv(store, "date,title\n2020,Alpha\n2021,Beta\n")
    audit = sorted(store.conn.execute("SELECT event_id, what FROM audit").fetchall())
    ids = [e.id for e in store.events()]
    assert audit == sorted([(i, t) for i, t in zip(ids, ["ALPHA", "BETA"], strict=True)]
                           + [(i, "a;b") for i in ids] + [(-i, "second") for i in ids])
    names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master "
                                              "WHERE type = 'trigger'")}
    assert {"audit_one", "audit_two", "events_search_insert"} <= names


# -- errors: named, and nothing written ------------------------------------------------

BAD = [
    ("date,title\n2020,Fine\n31 April 2023,Bad\n", "row 2 (line 3)", "April"),
    ("date,summary\n2020,no title column\n", "missing required column 'title'", "--map"),
    ("title\nNo date\n", "missing required column 'date'", "'date'"),
    ("date,title\n2020,A,extra\n", "row 1 (line 2)", "ragged"),
    ("date,title\n2020,A\n2021\n", "row 2 (line 3)", "has 1 fields"),
    ("date,title\n2020,   \n", "row 1 (line 2)", "title is empty"),
    ("date,title\n,No date\n", "row 1 (line 2)", "is empty"),
    ('date,title\n2020,"A\n"x,y\n', "line 3 (a record from line 2)", "not valid CSV"),
    ("", "empty", "header"),
    ("date,title,source,locator\n2020,A,,p. 3\n", "row 1", "locator given without a source"),
    ("date,title,source,locator\n2020,A,S1; S2,p. 1; p. 2; p. 3\n", "row 1",
     "2 sources but 3 locator"),
    ("date,title,source,confidence\n2020,A,S,9\n", "row 1", "confidence must be 1–6"),
    ("date,title,participants\n2020,A,(chair)\n", "row 1", "has no name"),
]


@pytest.mark.parametrize("text, where, what", BAD)
def test_invalid_csv_names_the_problem_and_writes_nothing(filled: Store, text: str,
                                                          where: str, what: str) -> None:
    before = _snapshot(filled)
    with pytest.raises(ValidationError) as info:
        import_events_csv(filled, text)
    assert where in str(info.value) and what in str(info.value)
    assert _snapshot(filled) == before


def test_every_bad_row_is_listed(store: Store) -> None:
    text = "date,title\nnot a date,A\n2020,B\n2021,\n"
    with pytest.raises(ValidationError) as info:
        import_events_csv(store, text)
    assert [p.split(":")[0] for p in info.value.problems] == ["row 1 (line 2)",
                                                              "row 3 (line 4)"]
    assert store.counts()["events"] == 0


def test_wrong_encoding_is_named_with_its_line(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("date,title\n2020,Café\n".encode("latin-1"))
    with pytest.raises(ValidationError, match=r"not UTF-8 text \(line 2"):
        import_events_csv(store, path)
    assert store.counts()["events"] == 0


def test_a_10_mb_field_is_refused_clearly(store: Store) -> None:
    text = 'date,title,summary\n2020,Big,"' + "x" * 10_000_000 + '"\n'
    with pytest.raises(ValidationError, match="line 2: field too large"):
        import_events_csv(store, text)
    assert store.counts()["events"] == 0


def test_a_missing_file_and_a_read_only_store_are_refused(store: Store, tmp_path: Path,
                                                          sample_path: Path) -> None:
    with pytest.raises(FileMissingError, match="no such file"):
        import_events_csv(store, tmp_path / "missing.csv")
    with Store.open(sample_path, readonly=True) as readonly, \
            pytest.raises(ReadOnlyError):
        import_events_csv(readonly, "date,title\n2020,A\n")


# -- progress and cancel ---------------------------------------------------------------

def _many(n: int) -> str:
    rows = (f"{1900 + i % 100},Event {i},Person {i % 7} (role),Source {i % 3},p. {i}"
            for i in range(n))
    return "date,title,participants,source,locator\n" + "\n".join(rows) + "\n"


def test_progress_is_reported_every_thousand_rows(store: Store) -> None:
    calls: list[tuple[int, int]] = []
    import_events_csv(store, _many(2500), progress=lambda done, total: calls.append(
        (done, total)))
    assert calls == [(1000, 2500), (2000, 2500), (2500, 2500)]


class _CancelOnCall:
    """``cancelled`` that says stop on its n-th call (never when ``stop_at`` is None)."""

    def __init__(self, stop_at: int | None = None) -> None:
        self.stop_at, self.calls = stop_at, 0

    def __call__(self) -> bool:
        self.calls += 1
        return self.calls == self.stop_at


def test_cancel_at_any_point_leaves_the_database_as_it_was(filled: Store,
                                                           tmp_path: Path) -> None:
    counter = _CancelOnCall()
    with Store.create(tmp_path / "count.db") as counting:
        import_events_csv(counting, _many(2500), cancelled=counter)
    assert counter.calls >= 5  # while checking rows, between the writes, and at the end
    before = _snapshot(filled)
    for stop_at in range(1, counter.calls + 1):
        with pytest.raises(ImportCancelled, match="nothing was written"):
            import_events_csv(filled, _many(2500), cancelled=_CancelOnCall(stop_at))
        assert _snapshot(filled) == before, stop_at
    assert import_events_csv(filled, _many(10))["events"] == 10  # and it still works


def test_cancel_is_heard_inside_a_long_statement(filled: Store, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The search index of a big import is filled by one statement: a cancel stops it."""
    calls = []
    for steps, name in ((cancel.CANCEL_CHECK_STEPS, "plain.db"), (5000, "often.db")):
        monkeypatch.setattr(cancel, "CANCEL_CHECK_STEPS", steps)
        counter = _CancelOnCall()
        with Store.create(tmp_path / name) as counting:
            import_events_csv(counting, _many(2500), cancelled=counter)
        calls.append(counter.calls)
    assert calls[1] > calls[0] + 5, calls  # asked while statements ran
    before = _snapshot(filled)
    for stop_at in range(calls[0], calls[1], max(1, (calls[1] - calls[0]) // 6)):  # writing
        with pytest.raises(ImportCancelled, match="nothing was written"):
            import_events_csv(filled, _many(2500), cancelled=_CancelOnCall(stop_at))
        assert _snapshot(filled) == before, stop_at


# -- the cell formats ------------------------------------------------------------------

items = st.lists(st.text(alphabet=st.sampled_from("ab ;\\()x:é"), min_size=1)
                 .map(str.strip).filter(bool), max_size=5)


@given(items)
def test_lists_round_trip(values: list[str]) -> None:
    assert split_list(join_list(values)) == values


@given(st.text(alphabet=st.sampled_from("ab ()x:é-"), min_size=1).map(str.strip)
       .filter(lambda s: s and not s.startswith("(")),
       st.sampled_from(["person", "organization", "place"]),
       st.tuples(st.text(alphabet=st.sampled_from("ab x"), max_size=4), st.booleans())
       .map(lambda r: (f"{r[0]} (acting)" if r[1] else r[0]).strip()))
def test_participants_round_trip(name: str, kind: str, role: str) -> None:
    parsed_kind, parsed_name, parsed_role = parse_participant(
        format_participant(name, kind, role))
    assert (parsed_kind or "person", parsed_name, parsed_role) == (kind, name, role)


def test_cells_read_hand_written_text_literally() -> None:
    assert split_list(r"C:\path; a\;b ;; ") == ["C:\\path", "a;b"]
    assert split_list("a; ; c", keep_blank=True) == ["a", "", "c"]
    assert parse_participant("Organization : Atlantic Council (host)") == (
        "organization", "Atlantic Council", "host")
