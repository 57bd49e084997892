"""What each shared table and column means, for a reader who never saw the app.

The tables shared are the records and their links; every other table in the file is
hidden (layout positions, settings, the search index and its shadow tables, and any table
a later version adds before it is labelled here), so nothing new is shown by accident.
Hidden is not secret: Datasette still answers SQL over a hidden table. What must not be
read at all is left out of the file served (``--exclude-notes``, ``db.serve.copies``).

``tests/db/test_share.py`` checks that every column of every shared table of a new file
has a label here, so a migration that adds a column also says what it holds.
"""

from __future__ import annotations

from typing import NamedTuple

DAY_NUMBERS = "(a Julian Day Number, for sorting; the written date is in date)"


class TableLabel(NamedTuple):
    title: str
    description: str
    columns: dict[str, str]
    label_column: str | None = None
    facets: tuple[str, ...] = ()
    sort: str | None = None


_DATES = {
    "date": "the date as the source gives it, e.g. 'late December 2022' or 'c. 1974'",
    "end_date": "the end of a span, as written ('' for a single date)",
    "earliest": f"first day the date can be {DAY_NUMBERS}",
    "latest": f"last day the date can be {DAY_NUMBERS}",
}
_CORE = {
    "core_start": "first day of a span's certain core (empty when the span is vague)",
    "core_end": "last day of a span's certain core",
}
_INFERRED = "1 if the sources imply it rather than state it (the notes say how), else 0"
_NOTES = "the researcher's own notes (left out with --exclude-notes)"

SHARED: dict[str, TableLabel] = {
    "events": TableLabel(
        "Events", "What happened, when and where; the people in it are in Participants.",
        {"id": "event number", "title": "what happened, in a line",
         "summary": "what happened, in more words", **_DATES, **_CORE,
         "category": "the kind of event (diplomatic, military, economic …)",
         "location": "where it happened", "notes": _NOTES, "inferred": _INFERRED},
        label_column="title", facets=("category",), sort="earliest"),
    "entities": TableLabel(
        "People, organizations and places", "Everyone and everything events are about.",
        {"id": "entity number", "kind": "person, organization or place",
         "name": "the name in Latin script", "native_name": "the name in its own script "
         "(Chinese, Korean …)", "aliases": "other names (a JSON list)",
         "description": "who or what this is", **_DATES, "notes": _NOTES},
        label_column="name", facets=("kind",)),
    "relationships": TableLabel(
        "Relationships", "Who is tied to whom, how and when.",
        {"id": "relationship number", "from_id": "the entity the tie starts from",
         "to_id": "the entity it goes to", "kind": "the tie, e.g. 'member of'",
         "directed": "1 if it reads from → to, 0 if it goes both ways",
         **_DATES, **_CORE, "description": "the tie in more words", "notes": _NOTES,
         "inferred": _INFERRED},
        facets=("kind",)),
    "sources": TableLabel(
        "Sources", "The articles, reports and interviews every fact comes from.",
        {"id": "source number", "title": "the source's title", "author": "who wrote it",
         "publisher": "who published it", **{k: _DATES[k] for k in ("date", "earliest",
                                                                      "latest")},
         "url": "where to read it", "kind": "article, report, interview, book …",
         "reliability": "how reliable the source is, A (completely) to F (cannot be "
                        "judged): the first half of an Admiralty grade",
         "notes": _NOTES, "content": "the source's text as it was pasted in"},
        label_column="title", facets=("kind", "reliability")),
    "claims": TableLabel(
        "Other claims", "What a source asserts instead of what an event or relationship "
        "holds: another date of an event, another kind or dates of a relationship. The "
        "record itself holds the preferred claim.",
        {"id": "claim number", "event_id": "the event it is about",
         "relationship_id": "the relationship it is about",
         "status": "alternative, or rejected by the researcher",
         "kind": "the relationship's kind as this claim gives it ('' for an event)",
         **_DATES, **_CORE,
         "note": "why it differs, in the researcher's words (left out with --exclude-notes)"},
        facets=("status",)),
    "citations": TableLabel(
        "Citations", "Where in a source a record is supported: each citation supports "
        "one event, entity, relationship or claim.",
        {"id": "citation number", "source_id": "the source cited",
         "event_id": "the event it supports", "entity_id": "the entity it supports",
         "relationship_id": "the relationship it supports",
         "claim_id": "the other claim it supports",
         "locator": "where in the source (page, paragraph …)",
         "excerpt": "the words of the source", "confidence": "how credible the "
         "information is, 1 (confirmed) to 6 (cannot be judged): the second half of an "
         "Admiralty grade"},
        facets=("confidence", "source_id")),
    "event_participants": TableLabel(
        "Participants", "Who took part in which event, and as what.",
        {"event_id": "the event", "entity_id": "the person, organization or place",
         "role": "their part in it, e.g. 'delegation leader'"},
        facets=("role",)),
    "tags": TableLabel("Tags", "Words the researcher files events under.",
                       {"id": "tag number", "name": "the tag"}, label_column="name"),
    "event_tags": TableLabel("Event tags", "Which event carries which tag.",
                             {"event_id": "the event", "tag_id": "the tag"},
                             facets=("tag_id",)),
}

# Internal tables by name; anything else not in SHARED is hidden too (see module doc).
INTERNAL = ("entity_positions", "settings", "search_index", "search_index_data",
            "search_index_idx", "search_index_content", "search_index_docsize",
            "search_index_config", "sqlite_stat1", "sqlite_stat4")

# Columns that hold the researcher's notes, blanked in a copy served --exclude-notes.
NOTES_COLUMNS = (("events", "notes"), ("entities", "notes"), ("relationships", "notes"),
                 ("sources", "notes"), ("claims", "note"))
