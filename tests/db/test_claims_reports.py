"""The chronology reports footnote an event's alternative dates with their sources."""

from __future__ import annotations

import re
from pathlib import Path

from db import ops
from db.export.html import export_html
from db.export.markdown import export_markdown
from db.store import Store
from models.edits import CitationDraft, ClaimEdit
from models.records import Claim, Source


def _claimed(filled: Store) -> int:
    visit = filled.conn.execute("SELECT id FROM events WHERE title LIKE 'Delegation%'"
                                ).fetchone()[0]
    source = filled.add_source(Source(title="Source X", reliability="B"))
    ops.add_claim(filled, ClaimEdit(Claim("event", visit, "17 August 2023"),
                                    (CitationDraft(source, "p. 4", confidence=2),)))
    ops.add_claim(filled, ClaimEdit(Claim("event", visit, "1 May 2023")))
    ops.add_claim(filled, ClaimEdit(Claim("event", visit, "1999", status="rejected")))
    return visit


def test_markdown_footnotes_alternative_dates_with_source_and_grade(filled: Store,
                                                                    tmp_path: Path) -> None:
    _claimed(filled)
    export_markdown(filled, tmp_path / "r.md", "Report")
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if "Delegation visits" in line)
    assert heading.endswith("[^1][^2][^3]")  # its citation, then its two alternatives
    assert "[^2]: Alternatively dated 1 May 2023 (uncited)" in text
    assert re.search(r"\[\^3\]: Alternatively dated 17 August 2023 by \*Source X\* "
                     r"\(source 2\), p\. 4 \(grade B2\)", text)
    assert "1999" not in text  # a rejected claim is not reported


def test_html_footnotes_alternative_dates(filled: Store, tmp_path: Path) -> None:
    _claimed(filled)
    export_html(filled, tmp_path / "r.html", "Report")
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Alternatively dated 17 August 2023 by <a href=\"#source-2\">[2]</a> " \
           "<cite>Source X</cite>, p. 4" in text
    assert re.search(r'class="grade"[^>]*>B2</span>', text)
    assert '<li id="note-2">Alternatively dated 1 May 2023 (uncited)' in text
