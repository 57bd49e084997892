"""Tests of models/drafts.py: the paste assistant's dates, locators and names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from models.dates import jdn_from_ymd, parse_date
from models.drafts import (
    MAX_TEXT,
    Drafts,
    TextTooLongError,
    name_key,
    propose_drafts,
    short_excerpt,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "taiwan_korea.json"

ARTICLE = """\
Parliamentary Diplomacy

In late December 2022, Chung Woo-taik, the ROK’s deputy assembly speaker, and other \
members of the ROK National Assembly including Cho Kyoung-tae—who serves as chairman of \
the Korea-Taiwan Parliamentarian Friendship Association (韓台議員親善協會)—visited Taiwan.

Military Exchanges

Taipei and Seoul enjoyed an exchange program that began in 1974. In the mid-2010s, \
these ties appeared to re-emerge. More recently in May 2023, Park In-ho, an advisory \
member of the Korean Institute of Defense Analyses (KIDA), visited the \
Institute for National Defense and Security Research (國防安全研究院).

General (ret.) Kim Dong-myeong (金東明) trained officers from 1988–1991.
"""

KNOWN = [(1, ["Kim Dong-myeong", "金東明", "Kim Dong-myung"]),
         (2, ["South Korea", "Republic of Korea", "ROK", "Korea"]),
         (3, ["Taiwan", "Republic of China", "ROC"]),
         (4, ["United States", "US"])]


def _by_text(drafts: Drafts) -> dict[str, object]:
    return {e.date_text: e for e in drafts.events}


def test_a_dated_sentence_becomes_an_event_draft() -> None:
    drafts = propose_drafts(ARTICLE, KNOWN)
    event = _by_text(drafts)["late December 2022"]
    assert event.date.earliest == jdn_from_ymd(2022, 12, 21)
    assert event.date.latest == jdn_from_ymd(2022, 12, 31)
    assert "between 21 and 31 December 2022" in event.date.describe()
    assert event.title == "Chung Woo-taik, the ROK’s deputy assembly speaker"
    assert event.category == "parliamentary"
    assert event.sentence.startswith("In late December 2022, Chung Woo-taik")
    assert set(event.entity_ids) == {2, 3}  # "ROK" and "Taiwan"; not "Korea" inside a name
    assert name_key("Chung Woo-taik") in event.new_names


def test_dates_are_the_longest_expression_as_written() -> None:
    found = _by_text(propose_drafts(ARTICLE, KNOWN))
    assert {"late December 2022", "1974", "mid-2010s", "May 2023", "1988–1991"} <= set(found)
    assert found["mid-2010s"].title.startswith("These ties appeared")
    assert found["1988–1991"].date.span


def test_several_dates_in_a_sentence_give_one_draft_each() -> None:
    drafts = propose_drafts("Caesar died in 44 BC and Augustus in AD 14. The 20th century "
                            "was long; from 2018 to 2021, in 2018 and c. 1974 too.", [])
    assert [e.date_text for e in drafts.events] == [
        "44 BC", "AD 14", "20th century", "2018 to 2021", "2018", "c. 1974"]
    assert drafts.events[2].title.startswith("The 20th century was long")


def test_undated_and_numeric_text_gives_no_event() -> None:
    drafts = propose_drafts("In August, 64.5 percent agreed; 40-year-old Track 1.5 ties. "
                            "Room 12 holds 300 people.", [])
    assert drafts.events == []


def test_paragraph_and_section_locators() -> None:
    found = _by_text(propose_drafts(ARTICLE, KNOWN))
    assert found["late December 2022"].locator == "Parliamentary Diplomacy, para. 1"
    assert found["May 2023"].locator == "Military Exchanges, para. 1"
    assert found["1988–1991"].locator == "Military Exchanges, para. 2"
    assert found["1988–1991"].paragraph == 3
    plain = propose_drafts("First paragraph.\n\nSecond one.\n\nIt ended in 2011.", [])
    assert plain.events[0].locator == "para. 3"


def test_a_sentence_broken_by_a_blank_line_goes_on() -> None:
    drafts = propose_drafts("The interdependence opens opportunities for deeper\n\n"
                            "cooperation between Taiwan and South Korea in 2025.", [])
    assert drafts.events[0].locator == "para. 1"


def test_known_names_by_alias_and_native_name() -> None:
    drafts = propose_drafts(ARTICLE, KNOWN)
    matches = {m.entity_id: m for m in drafts.known_matches}
    assert matches[1].count == 1  # "Kim Dong-myeong (金東明)" counts once
    assert matches[1].name == "Kim Dong-myeong"
    assert matches[1].place.locator == "Military Exchanges, para. 2"
    only_native = propose_drafts("金東明 spoke.", KNOWN)
    assert [m.entity_id for m in only_native.known_matches] == [1]
    alias = propose_drafts("Kim Dong-myung spoke to the ROK press.", KNOWN)
    assert {m.entity_id for m in alias.known_matches} == {1, 2}


def test_acronyms_match_case_sensitively_and_names_whole_words() -> None:
    drafts = propose_drafts("Tell us about Taiwanese food and the US.", KNOWN)
    assert [(m.entity_id, m.count) for m in drafts.known_matches] == [(4, 1)]
    longest = propose_drafts("North Korea is not South Korea.", [*KNOWN, (9, ["North Korea"])])
    assert {m.entity_id: m.count for m in longest.known_matches} == {9: 1, 2: 1}


def test_new_names_with_kinds_native_names_and_acronyms() -> None:
    drafts = propose_drafts(ARTICLE, KNOWN)
    names = {n.name: n for n in drafts.new_names}
    assert names["Chung Woo-taik"].kind == "person"
    assert names["Cho Kyoung-tae"].kind == "person"
    association = names["Korea-Taiwan Parliamentarian Friendship Association"]
    assert association.kind == "organization" and association.native_name == "韓台議員親善協會"
    kida = names["Korean Institute of Defense Analyses"]
    assert kida.aliases == ("KIDA",) and kida.kind == "organization"
    indsr = names["Institute for National Defense and Security Research"]
    assert indsr.native_name == "國防安全研究院"
    assert names["Park In-ho"].kind == "person"
    assert names["Taipei"].kind == "place" and names["Seoul"].kind == "place"
    assert "Kim Dong-myeong" not in names and "Taiwan" not in names  # known already
    for absent in ("Parliamentary Diplomacy", "General", "In", "May", "Military Exchanges"):
        assert absent not in names
    assert all(n.count >= 1 and n.context for n in drafts.new_names)


def test_new_names_are_sorted_by_count_then_first_mention() -> None:
    drafts = propose_drafts("Mark Esper met Victor Cha. Victor Cha left. Mark Esper too. "
                            "Victor Cha returned. Paul LaCamera came.", [])
    assert [n.name for n in drafts.new_names] == ["Victor Cha", "Mark Esper", "Paul LaCamera"]
    assert [n.count for n in drafts.new_names] == [3, 2, 1]


def test_titles_are_split_from_names() -> None:
    drafts = propose_drafts("In 2023, former Secretary of Defense Mark Esper and President "
                            "Joseph Biden met USFK Commander General Paul LaCamera.", [])
    assert {n.name for n in drafts.new_names} == {"Mark Esper", "Joseph Biden", "Paul LaCamera"}


def test_common_words_opening_a_sentence_are_no_names() -> None:
    drafts = propose_drafts("The Korean president spoke. Like the United States, Japan "
                            "agreed. Taiwan and South Korea met.", [])
    assert {n.name for n in drafts.new_names} == {"United States", "Japan", "Taiwan",
                                                  "South Korea"}


def test_excerpt_helpers() -> None:
    assert short_excerpt("one two three", 2) == "one two…"
    assert short_excerpt("  one   two ", 2) == "one two"
    assert name_key("Woo-taik") == name_key("woo taik")


def test_text_over_the_limit_is_refused() -> None:
    with pytest.raises(TextTooLongError, match="too long"):
        propose_drafts("x" * (MAX_TEXT + 1), [])


def test_text_made_of_years_is_cut_short_not_slow() -> None:
    drafts = propose_drafts("2000 " * 60_000 + ". It ended in 2011.", [])
    assert drafts.truncated


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_drafts(text: str) -> None:
    drafts = propose_drafts(text, KNOWN)
    for event in drafts.events:
        assert event.date_text and event.paragraph >= 1 and len(event.sentence) <= 302


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["In", "late", "December", "2022", "mid-", "1990s", "–", "Kim",
                                 "Dong-myeong", "(金東明)", "(KIDA)", "of", "the", "Institute",
                                 ",", ".", "\n\n", "Forum", "ret.", "and", "AD", "BC", "14"]),
                max_size=40).map(" ".join))
@example("In late December 2022 , Kim Dong-myeong (金東明) of the Institute .")
@example("In mid- 1990s the Forum ( KIDA ) and Kim Dong-myeong met 14 BC .")
def test_text_of_date_and_name_words_gives_drafts(text: str) -> None:
    """Whatever the mix, drafts quote the text (its spaces and line breaks aside): a
    date as written and as it parses, a native name where the text has it, and no known
    name offered again as a new one."""
    drafts = propose_drafts(text, KNOWN)
    words = " ".join(text.split())
    for event in drafts.events:
        # a date resolved from context quotes what the text wrote ("In December") and
        # says how it was read; any other quotes the date itself
        quoted = event.written if event.inferred else event.date_text
        assert quoted == quoted.strip() and quoted in words and quoted in event.sentence
        assert not event.inferred or event.how.startswith(event.written)
        assert event.date == parse_date(event.date_text)
        assert set(event.entity_ids) <= {entity_id for entity_id, _ in KNOWN}
    if "金東明" in text:  # a native name is found as it stands (no word boundaries in CJK)
        assert 1 in {m.entity_id for m in drafts.known_matches}
    known_keys = {name_key(name) for _, names in KNOWN for name in names}
    for name in drafts.new_names:
        assert " ".join(name.name.split()) in words and name.count >= 1
        assert name.key not in known_keys


def _seeds_folder() -> Path | None:
    """``shared/seeds`` beside the checkout or beside any folder above it, if there."""
    for folder in (ROOT, *ROOT.parents):
        if (folder / "shared" / "seeds").is_dir():
            return folder / "shared" / "seeds"
    return None


def _seed(prefix: str) -> str | None:
    """The text of a seed article, or None where the clone has none beside it."""
    folder = _seeds_folder()
    matches = sorted(folder.glob(f"{prefix}*.txt")) if folder else []
    return matches[0].read_text(encoding="utf-8") if matches else None


def _sample_article(source_id: str) -> tuple[str, dict[str, str], dict[str, dict]]:
    """An article rebuilt from what the sample records of one of its two sources.

    The sample holds no article text (by design), but its events keep their dates as
    written and the section each was cited from, and its entities their native names and
    acronyms: written out as sections of sentences (a paragraph each), they are a text
    whose drafts are known. Returns the text, the date each event's sentence gives, and
    the entities named with a native name or an acronym in parentheses.
    """
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    cited = {(c["target_type"], c["target_id"]): c["locator"].split(",")[0]
             for c in sample["citations"] if c["source_id"] == source_id}
    sections: dict[str, list[str]] = {}
    dates: dict[str, str] = {}
    for event in sample["events"]:
        if ("event", event["id"]) in cited:
            when = " to ".join(d for d in (event["date"], event["end_date"]) if d)
            dates[event["id"]] = when
            sections.setdefault(cited["event", event["id"]], []).append(
                f"In {when}, {event['summary']}")
    named = {e["name"]: e for e in sample["entities"]
             if ("entity", e["id"]) in cited and "(" not in e["name"] and _extra(e)}
    sections["Who Took Part"] = [f"It names {name} ({_extra(e)})." for name, e in named.items()]
    text = "\n\n".join(f"{heading}\n\n" + "\n\n".join(paragraphs)
                        for heading, paragraphs in sections.items())
    return text, dates, named


def _extra(entity: dict) -> str:
    """What the sample would write in parentheses after a name: native name or acronym."""
    acronyms = [a for a in entity["aliases"] if a.isupper() and a.isalpha()]
    return entity["native_name"] or (acronyms[0] if acronyms else "")


def _check_sample_article(source_id: str) -> None:
    """Every date of the sample's events is found, and every name with its extra."""
    text, dates, named = _sample_article(source_id)
    drafts = propose_drafts(text, [])
    assert len(dates) >= 3 and len(named) >= 5
    assert {e.date_text for e in drafts.events} == set(dates.values())
    names = {n.name: n for n in drafts.new_names}
    for name, entity in named.items():
        assert names[name].kind == entity["kind"], name
        assert (names[name].native_name or names[name].aliases[0]) == _extra(entity), name


def test_the_engagement_article() -> None:
    text = _seed("002_")
    if text is None:  # a clone without the articles: the sample stands in
        _check_sample_article("src-taiwan-rok-engagement")
        return
    drafts = propose_drafts(text, [])
    assert len(drafts.events) >= 15
    dates = {e.date_text for e in drafts.events}
    assert {"late December 2022", "mid-2010s", "1988-1991", "June 2023"} <= dates
    assert "2018 to 2021" not in dates  # "the former commander from 2018 to 2021": a tenure
    names = {n.name: n for n in drafts.new_names}
    assert names["Chung Woo-taik"].kind == "person"
    assert names["Institute for National Defense and Security Research"].kind == "organization"
    assert names["Kim Dong-myeong"].native_name == "金東明"
    assert names["United States Forces Korea"].aliases == ("USFK", "US Forces Korea")
    assert names["Institute for National Security Strategy"].kind == "organization"
    assert names["Han Suk-hee"].kind == "person"
    assert not {"US-ROK Leaders’ Joint Statement", "President Yoon", "General"} & set(names)


def test_the_semiconductor_article() -> None:
    text = _seed("000_")
    if text is None:
        _check_sample_article("src-semiconductor-diplomacy")
        return
    drafts = propose_drafts(text, [])
    assert [e.date_text for e in drafts.events if not e.inferred] == ["2025"]  # its one date
    forum = [e for e in drafts.events if e.inferred and "Yushan Forum" in e.how]
    assert forum and all(e.date_text == "2025" for e in forum)
    names = {n.name: n for n in drafts.new_names}
    assert names["Yushan Forum"].kind == "organization" and names["Yushan Forum"].count == 4
    assert names["Jade Mountain"].native_name == "玉山"
    assert names["Samsung Electronics"].kind == "organization"
    assert "Lai Ching-te" in names
