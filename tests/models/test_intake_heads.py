"""General name rules: lower-case heads, hyphened names, lone words after a preposition,
backdrop regions, periods, twins by prefix and by country, regnal names, surnames."""

from __future__ import annotations

import pytest

from models.intake import propose_drafts


def _names(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {n.name: (n.kind, n.aliases) for n in propose_drafts(text, []).new_names}


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Talks with the Chilean government stalled over copper royalties last week.",
     "Chilean government", "organization"),
    ("Critics said the Ortega administration had ignored the drought.",
     "Ortega administration", "organization"),
    ("Tension rose on the Arabian peninsula after the strike.", "Arabian peninsula",
     "place"),
    ("Donors doubled the funding for the Pacific islands.", "Pacific islands",
     "place"),
])
def test_a_lower_case_head_makes_a_name(text: str, name: str, kind: str) -> None:
    assert _names(text)[name][0] == kind


def test_one_countrys_body_written_two_ways_is_one_proposal() -> None:
    names = _names("The Japanese military held drills. Later the JPN military and the "
                   "Japan military denied it.")
    assert names["Japanese military"][1] == ("Japan military",)


def test_hyphened_acronyms_and_places() -> None:
    names = _names("The NGXO-led survey covered rural clinics in the north, and a "
                   "Nairobi-based team ran it.")
    assert names["NGXO"][0] == "organization" and names["Nairobi"][0] == "place"


def test_a_lone_word_after_a_preposition() -> None:
    names = _names("The minister flew to Windhoek for talks, and a fellow at IFPRI "
                   "advised her. Sunday was quiet.")
    assert names["Windhoek"][0] == "place" and names["IFPRI"][0] == "organization"
    assert "Sunday" not in names


def test_backdrop_regions_and_periods_are_not_proposed() -> None:
    names = _names("Exports to Africa and the Atlantic trade grew during the Carter "
                   "Administration, as the West African Monetary Union noted.")
    assert not {"Africa", "Atlantic", "Carter Administration"} & set(names)
    assert "West African Monetary Union" in names


def test_an_organisations_name_made_longer_is_its_twin() -> None:
    names = _names("She studied at Trinity College (TCD). Trinity College Dublin later "
                   "hired her as a lecturer in law.")
    assert "Trinity College Dublin" in names["Trinity College"][1]


def test_a_monarch_keeps_the_title_and_a_surname_is_no_place() -> None:
    names = _names("Emperor Meiji received Anna Kessler in Tokyo. Letters to Kessler "
                   "survive in the archive of the Kessler Foundation.")
    assert names["Emperor Meiji"][0] == "person"
    assert "Kessler" not in names and names["Anna Kessler"][0] == "person"


def test_an_office_written_before_the_name() -> None:
    drafts = propose_drafts("In 2020, Harbour Authority director Mia Lindqvist resigned.",
                            [])
    assert {(r.from_name, r.kind, r.to_name) for r in drafts.relationships} == {
        ("Mia Lindqvist", "holds office in", "Harbour Authority")}


def test_a_titled_short_form_is_the_known_person() -> None:
    known = [(1, ["Amara Okafor"]), (2, ["Chidi Okonkwo"]), (3, ["Ngozi Okonkwo"])]
    drafts = propose_drafts("In May 2024, Dr Okafor met President Okonkwo in Abuja. Okafor "
                            "said the talks went well.", known)
    counts = {m.entity_id: m.count for m in drafts.known_matches}
    assert counts == {1: 2}  # "Okonkwo" is two known people's: neither
    assert not {"Okafor", "Okonkwo"} & {n.name for n in drafts.new_names}
    assert all(e.entity_ids == (1,) for e in drafts.events)  # "Okafor said": also hers
