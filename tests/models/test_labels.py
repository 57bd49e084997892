"""Labels and name lists the dialogs and operations share."""

from __future__ import annotations

from models.labels import distinct_names, plural, short


def test_distinct_names_keep_the_first_spelling_and_drop_taken_ones() -> None:
    assert distinct_names([" Visits", "visits", "", "  ", "Track 1.5", "VISITS"]) == [
        "Visits", "Track 1.5"]
    assert distinct_names(["Kim D.", "kim dong-myung ", "김동명"],
                          taken=[" Kim Dong-myung"]) == ["Kim D.", "김동명"]


def test_short_labels_fold_whitespace_and_cut_long_names() -> None:
    assert short("  Delegation\n visits   Taipei ") == "Delegation visits Taipei"
    cut = short("x" * 60)
    assert len(cut) == 40 and cut.endswith("…")
    assert plural(1, "event") == "1 event" and plural(3, "event") == "3 events"


def test_every_grade_has_its_one_label() -> None:
    from models.labels import CREDIBILITY, RELIABILITY
    from models.records import RELIABILITY_CODES

    assert tuple(RELIABILITY) == RELIABILITY_CODES
    assert all(label.startswith(code + " – ") for code, label in RELIABILITY.items())
    assert list(CREDIBILITY) == [1, 2, 3, 4, 5, 6]
    assert all(label.startswith(f"{grade} – ") for grade, label in CREDIBILITY.items())
