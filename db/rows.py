"""Records to table rows and back, with the checks a row must pass before it is written.

Every ``*_row`` function validates a record and returns the dict to insert; dates are
parsed here, so ``earliest``/``latest`` in the database always agree with the text as
written. ``ValidationError`` messages name the field and say what is wrong.
"""

from __future__ import annotations

import json
from dataclasses import fields
from functools import cache
from typing import Any

from db.errors import ValidationError
from models.dates import DateParseError, FuzzyDate, is_open_ended, parse_span
from models.limits import MAX_TEXT_CHARS, too_long
from models.records import (
    CLAIM_TARGETS,
    ENTITY_KINDS,
    RELIABILITY_CODES,
    STORED_CLAIM_STATUSES,
    TARGET_TYPES,
    Citation,
    Claim,
    Entity,
    Event,
    Relationship,
    Source,
)

Row = dict[str, Any]


def _require(value: str, what: str) -> str:
    value = _text(value, what)
    if not value.strip():
        raise ValidationError(f"{what} is empty")
    return value.strip()


def _text(value: Any, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text, not {type(value).__name__}")
    if "\x00" in value:
        raise ValidationError(f"{what} contains a NUL character")
    if len(value) > MAX_TEXT_CHARS:
        raise ValidationError(too_long(what, len(value)))
    return value


def parse_dates(date: str, end_date: str, what: str,
                parsed: dict[tuple[str, str], FuzzyDate] | None = None) -> FuzzyDate | None:
    """Parse a record's date and end date; None when both are blank. ``parsed``: dates
    already parsed by the caller (a bulk import, where the same dates recur), added to."""
    if parsed is not None and (date, end_date) in parsed:
        return parsed[date, end_date]
    date, end_date = _text(date, f"{what} date"), _text(end_date, f"{what} end date")
    if not date.strip():
        if end_date.strip():
            raise ValidationError(f"{what} has an end date but no date")
        return None
    try:
        fuzzy = parse_span(date, end_date)
        if is_open_ended(date, end_date) and fuzzy.core_start is not None:
            # An open end is stored as open: the days hold what is certain (the start),
            # not the day of writing, and the text ("present") keeps the end open.
            fuzzy = parse_span(date, end_date, today=fuzzy.core_start)
    except DateParseError as exc:
        raise ValidationError(f"{what} date: {exc}") from exc
    if parsed is not None:
        parsed[date, end_date] = fuzzy
    return fuzzy


def _interval(fuzzy: FuzzyDate | None) -> Row:
    if fuzzy is None:
        return {"earliest": None, "latest": None}
    return {"earliest": fuzzy.earliest, "latest": fuzzy.latest}


def _core(fuzzy: FuzzyDate | None) -> Row:
    if fuzzy is None or not fuzzy.span:
        return {"core_start": None, "core_end": None}
    return {"core_start": fuzzy.core_start, "core_end": fuzzy.core_end}


def source_row(source: Source) -> Row:
    reliability = _text(source.reliability, "reliability").strip().upper()
    if reliability and reliability not in RELIABILITY_CODES:
        raise ValidationError(f"reliability must be one of A–F, not {source.reliability!r}")
    fuzzy = parse_dates(source.date, "", "source")
    row = {
        "title": _require(source.title, "source title"),
        "reliability": reliability,
        "date": _text(source.date, "source date").strip(),
        **_interval(fuzzy),
    }
    for name in ("author", "publisher", "url", "kind", "notes", "content"):
        row[name] = _text(getattr(source, name), f"source {name}")
    row["kind"] = row["kind"].strip() or "article"
    return row


def entity_row(entity: Entity) -> Row:
    if entity.kind not in ENTITY_KINDS:
        raise ValidationError(
            f"entity kind must be one of {', '.join(ENTITY_KINDS)}, not {entity.kind!r}"
        )
    aliases = entity.aliases
    if not isinstance(aliases, list):
        raise ValidationError("aliases must be a list of text")
    aliases = [_text(a, "an alias") for a in aliases]
    fuzzy = parse_dates(entity.date, entity.end_date, "entity")
    row = {
        "kind": entity.kind,
        "name": _require(entity.name, "name"),
        "aliases": json.dumps([a.strip() for a in aliases if a.strip()], ensure_ascii=False),
        "date": _text(entity.date, "entity date").strip(),
        "end_date": _text(entity.end_date, "entity end date").strip(),
        **_interval(fuzzy),
    }
    for name in ("native_name", "description", "notes"):
        row[name] = _text(getattr(entity, name), f"entity {name}")
    row["native_name"] = row["native_name"].strip()
    return row


def event_row(event: Event, parsed: dict[tuple[str, str], FuzzyDate] | None = None) -> Row:
    title = _require(event.title, "event title")
    _require(event.date, f"date of event {title!r}")
    fuzzy = parse_dates(event.date, event.end_date, f"event {title!r}", parsed)
    assert fuzzy is not None
    if not isinstance(event.tags, list) or not isinstance(event.participants, list):
        raise ValidationError("tags and participants must be lists")
    for tag in event.tags:
        _text(tag, "a tag")
    for participant in event.participants:
        _text(participant.role, "a participant's role")
    row = {
        "title": title,
        "date": event.date.strip(),
        "end_date": _text(event.end_date, "end date").strip(),
        **_interval(fuzzy),
        **_core(fuzzy),
    }
    for name in ("summary", "category", "location", "notes"):
        row[name] = _text(getattr(event, name), f"event {name}")
    row["inferred"] = _flag(event.inferred, "inferred")
    row["category"] = row["category"].strip()
    return row


def relationship_row(rel: Relationship) -> Row:
    if rel.from_id == rel.to_id:
        raise ValidationError("a relationship must join two different entities")
    fuzzy = parse_dates(rel.date, rel.end_date, "relationship")
    row = {
        "from_id": rel.from_id,
        "to_id": rel.to_id,
        "kind": _require(rel.kind, "relationship kind"),
        "directed": 1 if rel.directed else 0,
        "date": _text(rel.date, "relationship date").strip(),
        "end_date": _text(rel.end_date, "relationship end date").strip(),
        **_interval(fuzzy),
        **_core(fuzzy),
    }
    for name in ("description", "notes"):
        row[name] = _text(getattr(rel, name), f"relationship {name}")
    row["inferred"] = _flag(rel.inferred, "inferred")
    return row


def _flag(value: object, what: str) -> int:
    """A yes/no field as the 0/1 the schema's CHECK allows; only a real bool is taken."""
    if not isinstance(value, bool):
        raise ValidationError(f"{what} must be true or false, not {value!r}")
    return int(value)


def citation_row(citation: Citation) -> Row:
    if citation.target_type not in TARGET_TYPES:
        raise ValidationError(
            f"citation target must be an event, entity, relationship or claim, "
            f"not {citation.target_type!r}"
        )
    confidence = citation.confidence
    if confidence is not None and (
        isinstance(confidence, bool) or not isinstance(confidence, int)
        or not 1 <= confidence <= 6
    ):
        raise ValidationError(f"confidence must be 1–6 or empty, not {confidence!r}")
    return {
        "source_id": citation.source_id,
        "event_id": citation.target_id if citation.target_type == "event" else None,
        "entity_id": citation.target_id if citation.target_type == "entity" else None,
        "relationship_id": (
            citation.target_id if citation.target_type == "relationship" else None
        ),
        "claim_id": citation.target_id if citation.target_type == "claim" else None,
        "locator": _text(citation.locator, "locator"),
        "excerpt": _text(citation.excerpt, "excerpt"),
        "confidence": confidence,
    }


def claim_row(claim: Claim) -> Row:
    """A claims row: an event's claim has a date and no kind, a relationship's a kind."""
    if claim.target_type not in CLAIM_TARGETS:
        raise ValidationError(f"a claim is about an event or a relationship, "
                              f"not {claim.target_type!r}")
    if claim.status not in STORED_CLAIM_STATUSES:
        raise ValidationError(f"a claim's status must be alternative or rejected, not "
                              f"{claim.status!r} (the preferred one is the record itself)")
    is_event = claim.target_type == "event"
    if is_event:
        _require(claim.date, "the claim's date")
    fuzzy = parse_dates(claim.date, claim.end_date, "claim")
    return {
        "event_id": claim.target_id if is_event else None,
        "relationship_id": None if is_event else claim.target_id,
        "status": claim.status,
        "kind": "" if is_event else _require(claim.kind, "the claim's relationship kind"),
        "date": _text(claim.date, "claim date").strip(),
        "end_date": _text(claim.end_date, "claim end date").strip(),
        **_interval(fuzzy),
        **_core(fuzzy),
        "note": _text(claim.note, "claim note"),
    }


def claim_from(row: Row) -> Claim:
    is_event = row["event_id"] is not None
    target_id = row["event_id"] if is_event else row["relationship_id"]
    row = _known(Claim, row)
    return Claim(target_type="event" if is_event else "relationship", target_id=target_id,
                 **row)


@cache
def _field_names(record_type: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(record_type))


def _known(record_type: type, row: Row) -> Row:
    """The columns the record has a field for (a newer schema may add columns)."""
    names = _field_names(record_type)
    return {key: value for key, value in row.items() if key in names}


def source_from(row: Row) -> Source:
    return Source(**_known(Source, row))


def entity_from(row: Row) -> Entity:
    row = _known(Entity, row)
    row["aliases"] = json.loads(row["aliases"])
    return Entity(**row)


def event_from(row: Row) -> Event:
    row = _known(Event, row)
    if "inferred" in row:
        row["inferred"] = bool(row["inferred"])
    return Event(**row)


def relationship_from(row: Row) -> Relationship:
    row = _known(Relationship, row)
    row["directed"] = bool(row["directed"])
    if "inferred" in row:
        row["inferred"] = bool(row["inferred"])
    return Relationship(**row)


def citation_from(row: Row) -> Citation:
    ids = {t: row[f"{t}_id"] for t in TARGET_TYPES}
    row = _known(Citation, row)
    target_type = next(t for t, value in ids.items() if value is not None)
    return Citation(target_type=target_type, target_id=ids[target_type], **row)
