"""`extract` on one article saved four ways: plain text, a PDF made by Qt's PDF writer
(read back by pypdf), a Word file and a saved web page. Each must give the events the
plain text gives: the same dates read the same way, the dateline's "on Friday" included."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest

import main
from db.store import Store

ARTICLE = Path(__file__).parent / "models" / "articles" / "grain_corridor.txt"


def _paragraphs() -> list[str]:
    text = ARTICLE.read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _pdf(path: Path) -> None:
    from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))  # small pages: it runs over two
    writer.setTitle("Baltic grain corridor")
    document = QTextDocument()
    document.setHtml("".join(f"<p>{escape(p)}</p>" for p in _paragraphs()))
    document.print_(writer)


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    for paragraph in _paragraphs():
        document.add_paragraph(paragraph)
    document.save(str(path))


def _html(path: Path) -> None:
    title, *body = _paragraphs()
    page = (f"<html><head><title>{escape(title)}</title></head><body>"
            "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav><article>"
            f"<h1>{escape(title)}</h1>" + "".join(f"<p>{escape(p)}</p>" for p in body)
            + "</article><footer>© Harbour Press. All rights reserved.</footer></body></html>")
    path.write_text(page, encoding="utf-8")


def _proposals(capsys, database: Path, article: Path) -> tuple[list[tuple], set[tuple]]:
    """(events as read, names with kinds) that ``extract --json`` proposes."""
    code = main.run(["extract", str(database), str(article), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    return ([(e["date_text"], e["earliest"], e["latest"], e["inferred"])
             for e in data["events"]], {(n["name"], n["kind"]) for n in data["names"]})


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html"])
def test_a_saved_article_gives_the_events_of_its_text(qapp, capsys, tmp_path: Path,
                                                       suffix: str) -> None:
    database = tmp_path / "empty.db"
    Store.create(database).close()
    plain, names = _proposals(capsys, database, ARTICLE)
    saved = tmp_path / f"article{suffix}"
    {".pdf": _pdf, ".docx": _docx, ".html": _html}[suffix](saved)
    events, saved_names = _proposals(capsys, database, saved)
    assert events == plain
    assert saved_names == names, saved_names ^ names
    assert ("11 October 2024", "2024-10-11", "2024-10-11", True) in plain  # "on Friday"
    assert len(plain) >= 12
