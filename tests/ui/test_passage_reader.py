"""A citation's locator opens the source's text with its passage highlighted."""

from __future__ import annotations

from models.intake.passages import find_passage
from models.records import Citation, Source
from ui.dialogs.citations import CitationRow

TEXT = """\
Harbour Talks

The envoys met in 2019 to talk.

Second Part

The first paragraph of the second part. It has two sentences.

The second paragraph of the second part, about ports
and ships.

[1] A note on sources.
"""


def test_find_by_locator_or_excerpt() -> None:
    start, end = find_passage(TEXT, "Second Part, para. 2")
    assert TEXT[start:end] == "The second paragraph of the second part, about ports\nand ships."
    start, end = find_passage(TEXT, "Note [1]")
    assert TEXT[start:end] == "[1] A note on sources."
    start, end = find_passage(TEXT, "anything", "It has two …")
    assert TEXT[start:end] == "It has two"
    assert find_passage(TEXT, "Third Part, para. 9") is None


def test_the_read_button_opens_the_passage(qtbot) -> None:
    kept = Source("Harbour Talks", content=TEXT, id=1)
    bare = Source("No text", id=2)
    row = CitationRow([kept, bare])
    qtbot.addWidget(row)
    row.set_citation(Citation(2, "event", 5, "Second Part, para. 1"))
    assert not row.read_button.isEnabled() and row.read_passage() is None
    row.set_citation(Citation(1, "event", 5, "Second Part, para. 1"))
    assert row.read_button.isEnabled()
    reader = row.read_passage()
    qtbot.addWidget(reader)
    assert reader.highlighted() == ("The first paragraph of the second part. It has two "
                                    "sentences.")
    assert reader.text.textCursor().position() == TEXT.index("The first paragraph")
