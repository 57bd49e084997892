"""Names: known and gazetteer names inside longer runs, phrases that are not names,
kinds from cues, twins merged into one proposal, short forms linked to the full name."""

from __future__ import annotations

import pytest

from models.intake import propose_drafts


def _names(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {n.name: (n.kind, n.aliases) for n in propose_drafts(text, []).new_names}


def test_a_place_inside_a_programme_title_is_the_name() -> None:
    names = _names("The ministry runs AI for Vietnam with local partners and universities.")
    assert names["Vietnam"][0] == "place" and "AI for Vietnam" not in names


def test_an_acronym_with_a_unit_word_is_the_acronym() -> None:
    names = _names("We thank XYZ Program Associate Jane Roe for her help with the data.")
    assert names["XYZ"][0] == "organization" and "XYZ Program" not in names


@pytest.mark.parametrize("text", [
    'The forum\'s theme was "Ports, the Pacific, and a Brave Frontier" this time.',
    "She holds a Master's Degree in International Relations from a good school.",
    "Photo: Banners of Peru and Chile hang in the hall of the old palace.",
])
def test_phrases_that_look_like_names_are_not_proposed(text: str) -> None:
    assert not {"Brave Frontier", "International Relations", "Banners of Peru"} & set(
        _names(text))


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Shares of QX Dynamics rose after the merger was announced.", "QX Dynamics",
     "organization"),
    ("The leaders met at Camp Ortega for two days of talks.", "Camp Ortega", "place"),
    ("The envoy flew to Port Vila for the signing of the accord.", "Port Vila", "place"),
    ("Leaders met in Lower Brindle to sign the accord with the council.", "Lower Brindle",
     "place"),
    ("The accord was praised by President Ana Lopes and others.", "Ana Lopes", "person"),
    ("Analysts at Borrow Widgets Inc. said the accord would hold.", "Borrow Widgets Inc",
     "organization"),
])
def test_kinds_from_cues(text: str, name: str, kind: str) -> None:
    assert _names(text)[name][0] == kind


def test_twins_are_one_proposal() -> None:
    names = _names("The Republic of Korea (ROK) and the People's Republic of China (PRC) met. "
                   "South Korea said China agreed. The Allied Forces Command (AFC) and the "
                   "Allied Command Forces (AFC) agreed.")
    assert names["Republic of Korea"][1] == ("ROK", "South Korea")
    assert names["People's Republic of China"][1] == ("PRC", "China")
    assert "South Korea" not in names and "China" not in names
    assert [n for n in names if "Allied" in n] == ["Allied Forces Command"]


def test_short_forms_link_events_to_the_full_name() -> None:
    drafts = propose_drafts("President Ana Lopes took office in 2019. Lopes visited Lima in "
                            "March 2020. Kim Soo-jin and Kim Min-ho met in 2021. "
                            "In 2022, Kim resigned.", [])
    by_date = {e.date_text: e for e in drafts.events}
    assert by_date["March 2020"].new_names[0] == "ana lopes"
    assert "Lopes" not in {n.name for n in drafts.new_names}
    assert not {"kim soo jin", "kim min ho"} & set(by_date["2022"].new_names)  # two Kims


def test_a_byline_names_its_authors() -> None:
    names = _names("A Title of the Piece That Is Long Enough Not to Be a Heading Line\n\n"
                   "BY JANE ROE AND JO PARK\n\nThe accord was signed in 2020 by the envoys.")
    assert names["Jane Roe"][0] == "person" and "Jo Park" in names


def test_a_title_s_qualifiers_are_not_a_name() -> None:
    names = _names("Japanese Foreign Minister Yoko Abe met Japanese Prime Minister Jo Ito "
                   "at the Harbour Palace near Second Reef Shoal.")
    assert not {"Japanese Foreign", "Japanese Prime", "Japanese"} & set(names)
    assert names["Harbour Palace"][0] == "place" and names["Second Reef Shoal"][0] == "place"


def test_countries_and_more_titles() -> None:
    names = _names("Chancellor Angela Roe flew to Ireland. She studied at King's College "
                   "London, then met officials in Peru.")
    assert {"Angela Roe", "Ireland", "Peru", "King's College London"} <= set(names)
    assert names["Ireland"][0] == "place" and "Chancellor Angela Roe" not in names


def test_a_near_spelling_of_a_known_organisation_is_the_known_one() -> None:
    known = [(5, ["Korean Institute of Defense Analyses", "KIDA"]), (6, ["Park In-ho"])]
    drafts = propose_drafts("In 2020 the Korea Institute for Defense Analyses hosted "
                            "Park Jin-ho, who spoke.", known)
    assert [m.entity_id for m in drafts.known_matches] == [5]
    new = {n.name for n in drafts.new_names}
    assert "Korea Institute for Defense Analyses" not in new
    assert "Park Jin-ho" in new  # people's near spellings are other people
    assert 5 in drafts.events[0].entity_ids
