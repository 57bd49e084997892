"""The chronology reports grade each footnote (Admiralty code: source reliability A–F,
information credibility 1–6, e.g. "B2") and say which dates are inferred, so a reader
of the printed report can weigh the evidence the way the app shows it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from db.export import export_to
from db.export.chronology import grade
from db.store import Store
from models.records import Citation, Event, Source


@pytest.fixture
def graded(store: Store) -> Store:
    good = store.add_source(Source(title="Good paper", reliability="B"))
    plain = store.add_source(Source(title="Plain note"))
    one = store.add_event(Event(title="Visit", date="May 2023"))
    two = store.add_event(Event(title="Survey", date="August 2023", inferred=True,
                                notes="Year read from context."))
    store.add_citation(Citation(good, "event", one, "para. 1", "visited", 2))
    store.add_citation(Citation(plain, "event", two, "para. 9", "in August"))
    return store


@pytest.mark.parametrize("reliability, confidence, expected", [
    ("B", 2, "B2"), ("A", None, "A"), ("", 3, "3"), ("", None, ""),
])
def test_grade_joins_what_is_known(reliability: str, confidence: int | None,
                                   expected: str) -> None:
    assert grade(reliability, confidence) == expected


def test_markdown_footnotes_carry_the_grade(graded: Store, tmp_path: Path) -> None:
    export_to(graded, tmp_path / "r.md")
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", md, re.MULTILINE))
    assert "grade B2" in notes["1"]
    assert "grade" not in notes["2"]  # ungraded: no grade is invented
    assert re.search(r"^## August 2023 \(inferred\): Survey", md, re.MULTILINE)


def test_html_footnotes_carry_the_grade(graded: Store, tmp_path: Path) -> None:
    export_to(graded, tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    first = re.search(r'<li id="note-1">(.*?)</li>', html, re.DOTALL)
    second = re.search(r'<li id="note-2">(.*?)</li>', html, re.DOTALL)
    assert first and second
    assert 'class="grade"' in first.group(1) and ">B2<" in first.group(1)
    assert "grade" not in second.group(1)
    assert "August 2023 (inferred)" in html
