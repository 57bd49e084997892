"""CSV import, pinned where a spreadsheet user would notice: which columns are read,
who a participant is, which source a citation names, and what a refusal says."""

from __future__ import annotations

import pytest

from db.csvio import MAX_PROBLEMS, import_events_csv
from db.errors import ValidationError
from db.store import Store
from models.records import Entity, Source


def _refusal(store: Store, text: str, mapping: dict[str, str] | None = None
             ) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        import_events_csv(store, text, mapping)
    return info.value


def _problems(store: Store, text: str, mapping: dict[str, str] | None = None) -> str:
    return str(_refusal(store, text, mapping))


def _people(store: Store, title: str) -> list[tuple[str, str, str]]:
    names = {e.id: (e.name, e.kind) for e in store.entities()}
    [event] = [e for e in store.events() if e.title == title]
    return sorted((*names[p.entity_id], p.role) for p in event.participants)


def test_headers_match_ignoring_case_underscores_and_spacing(store: Store) -> None:
    text = ("  END_DATE ,date,  TITLE ,Source   Title,Summary,Location,Notes,Excerpt,"
            "Confidence,Locator\n"
            "1991,1988,Exchange,Report,what,Seoul,n,\"said so\",4,p. 2\n")
    assert import_events_csv(store, text) == {"sources": 1, "entities": 0, "events": 1,
                                              "citations": 1}
    [event] = store.events()
    assert (event.date, event.end_date, event.title, event.summary, event.location,
            event.notes) == ("1988", "1991", "Exchange", "what", "Seoul", "n")
    [citation] = store.citations()
    assert (citation.locator, citation.excerpt, citation.confidence) == ("p. 2", "said so", 4)


def test_the_same_participant_twice_in_a_row_is_one_link_per_role(store: Store) -> None:
    text = "date,title,participants\n2001,Talks,Kim; kim; Kim (host); Kim\n2002,Later,Kim\n"
    assert import_events_csv(store, text)["entities"] == 1
    assert _people(store, "Talks") == [("Kim", "person", ""), ("Kim", "person", "host")]
    assert _people(store, "Later") == [("Kim", "person", "")]


def test_repeated_and_differently_cased_tags_become_one_tag(store: Store) -> None:
    import_events_csv(store, "date,title,tags\n2001,A,Visit; visit; Visit\n2002,B,VISIT\n")
    a, b = store.events()
    assert len(a.tags) == 1 and a.tags == b.tags and a.tags[0].lower() == "visit"
    assert store.conn.execute("SELECT count(*) FROM tags").fetchone()[0] == 1


def test_participants_match_native_names_but_only_ascii_case(store: Store) -> None:
    kim = store.add_entity(Entity(kind="person", name="Kim Dong-myung", native_name="金東明",
                                  aliases=["KDM", " "]))
    emile = store.add_entity(Entity(kind="person", name="Émile"))
    text = "date,title,participants\n2001,A,\"金東明 (guest); kdm; émile; ÉMILE\"\n"
    assert import_events_csv(store, text)["entities"] == 1  # é is not É to SQLite's NOCASE
    [event] = store.events()
    ids = sorted(p.entity_id for p in event.participants)
    assert ids.count(kim) == 2 and ids.count(emile) == 1
    assert {e.name for e in store.entities()} == {"Kim Dong-myung", "Émile", "émile"}


def test_a_named_kind_finds_or_makes_an_entity_of_that_kind(store: Store) -> None:
    store.add_entity(Entity(kind="place", name="Seoul"))
    text = ("date,title,participants\n"
            "2001,A,\"organization:Seoul (host); place:Seoul; Seoul\"\n"
            "2002,B,organization:Seoul\n")
    assert import_events_csv(store, text)["entities"] == 1
    assert _people(store, "A") == [("Seoul", "organization", "host"), ("Seoul", "place", "")]
    assert _people(store, "B") == [("Seoul", "organization", "")]


def test_new_ids_follow_the_highest_existing_ones(store: Store) -> None:
    store.add_source(Source(title="Old", id=40))
    store.add_entity(Entity(kind="person", name="Old", id=7))
    text = "date,title,participants,source\n2001,A,New,Fresh\n2002,B,New,old\n"
    import_events_csv(store, text)
    assert [s.id for s in store.sources()] == [40, 41]
    assert [e.id for e in store.entities()] == [7, 8]
    assert [c.source_id for c in store.citations()] == [41, 40]  # "old" is "Old"
    assert {s.title: s.kind for s in store.sources()}["Fresh"] == "other"


def test_a_new_source_named_twice_is_made_once(store: Store) -> None:
    text = "date,title,source\n2001,A,Report\n2002,B,report; Other\n"
    assert import_events_csv(store, text) == {"sources": 2, "entities": 0, "events": 2,
                                              "citations": 3}
    assert [s.title for s in store.sources()] == ["Report", "Other"]


@pytest.mark.parametrize(("cell", "confidence"), [("1", 1), (" 6 ", 6), ("", None),
                                                  ("  ", None)])
def test_confidence_from_one_to_six_or_blank(store: Store, cell: str,
                                             confidence: int | None) -> None:
    import_events_csv(store, f"date,title,source,confidence\n2001,A,S,{cell}\n")
    assert [c.confidence for c in store.citations()] == [confidence]


@pytest.mark.parametrize("cell", ["0", "7", "2.5", "-1", "high"])
def test_other_confidences_are_refused(store: Store, cell: str) -> None:
    message = _problems(store, f"date,title,source,confidence\n2001,A,S,{cell}\n")
    assert f"row 1 (line 2): confidence must be 1–6 or empty, not {cell!r}" in message
    assert store.counts()["citations"] == 0


def test_several_sources_pair_with_lists_or_blanks(store: Store) -> None:
    text = ("date,title,source,locator,excerpt,confidence\n"
            "2001,A,S1; S2,,; quoted,\n")
    import_events_csv(store, text)
    assert [(c.locator, c.excerpt, c.confidence) for c in store.citations()] == [
        ("", "", None), ("", "quoted", None)]


@pytest.mark.parametrize(("cells", "message"), [
    ("S1; S2,p. 1,,", "2 sources but 1 locator entries"),
    ("S1; S2,,x; y; z,", "2 sources but 3 excerpt entries"),
    ("S1; S2,,,1", "2 sources but 1 confidence entries"),
    (",,quoted,", "excerpt given without a source"),
    (",,,3", "confidence given without a source"),
])
def test_citation_cells_that_do_not_match_the_sources(store: Store, cells: str,
                                                      message: str) -> None:
    text = f"date,title,source,locator,excerpt,confidence\n2001,A,{cells}\n"
    assert message in _problems(store, text)


def test_blank_citation_cells_without_a_source_are_fine(store: Store) -> None:
    import_events_csv(store, "date,title,source,locator,excerpt\n2001,A, ,  , \n")
    assert store.counts()["citations"] == 0 and store.counts()["events"] == 1


def test_problems_are_one_line_each_and_stop_at_the_limit(store: Store) -> None:
    bad = "".join(f"\"not\n  a date {n}\",T\n" for n in range(MAX_PROBLEMS + 5))
    problems = _refusal(store, "date,title\n" + bad).problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0].startswith("row 1 (line 2): ")
    assert problems[MAX_PROBLEMS - 1].startswith(f"row {MAX_PROBLEMS} (line {2 * MAX_PROBLEMS})")
    assert problems[0].endswith("unrecognised date: 'not\\n a date 0'")  # spaces folded
    assert problems[-1].endswith(f"stopped after {MAX_PROBLEMS} problems")
    assert f"row {MAX_PROBLEMS + 1} " not in "\n".join(problems)


def test_a_ragged_row_is_named_with_both_widths(store: Store) -> None:
    message = _problems(store, "date,title,notes\n2001,A\n2002,B,n,extra\n")
    assert "row 1 (line 2): has 2 fields, the header has 3 (ragged row)" in message
    assert "row 2 (line 3): has 4 fields, the header has 3 (ragged row)" in message


@pytest.mark.parametrize(("header", "mapping", "message"), [
    ("date,title,Notes,notes", None, "column 'notes' appears more than once in the header"),
    ("When,title", None, "missing required column 'date': the header ('When', 'title') has "
                         "no column named 'date'; rename one or map it (--map date=COLUMN)"),
    ("date,Heading", None, "missing required column 'title'"),
    ("date,title", {"summary": "Body", "colour": "x", "age": "y"},
     "unknown field 'age', 'colour' in the column mapping; fields are date, end_date,"),
    (",".join(f"c{n}" for n in range(13)) + ",title", {"date": "When"},
     "column 'When' (mapped to date) is not in the header ('c0', 'c1', 'c2', 'c3', 'c4', "
     "'c5', 'c6', 'c7', 'c8', 'c9', 'c10', 'c11', …)"),
    ("date,title,summary", {"summary": "summary ", "date": "when"}, "(mapped to date)"),
])
def test_header_problems_are_named(store: Store, header: str,
                                   mapping: dict[str, str] | None, message: str) -> None:
    assert message in _problems(store, header + "\n", mapping)


def test_a_mapping_can_skip_a_default_column_and_read_another(store: Store) -> None:
    text = "date,title,summary,Body,notes\n2001,A,skipped,kept,also skipped\n"
    import_events_csv(store, text, {"summary": "body", "notes": " "})
    [event] = store.events()
    assert (event.summary, event.notes) == ("kept", "")


def test_progress_hears_every_thousand_rows_and_the_end(store: Store) -> None:
    rows = "".join(f"{1900 + n % 100},E{n}\n" for n in range(2000))
    heard: list[tuple[int, int]] = []
    import_events_csv(store, "date,title\n" + rows, progress=lambda d, t: heard.append((d, t)))
    assert heard == [(1000, 2000), (2000, 2000), (2000, 2000)]


def test_the_page_cache_is_put_back_after_an_import(store: Store) -> None:
    before = store.conn.execute("PRAGMA cache_size").fetchone()[0]
    during: list[int] = []
    rows = "".join(f"2001,E{n}\n" for n in range(1000))
    import_events_csv(store, "date,title\n" + rows, progress=lambda d, t: during.append(
        store.conn.execute("PRAGMA cache_size").fetchone()[0]))
    assert during[0] == -64 * 1024  # the least: 64 MiB
    assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == before
