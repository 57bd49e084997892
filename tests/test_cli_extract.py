"""`extract`: an article's proposals as JSON without writing; `--save` writes them as one
source in one transaction; files in: text, HTML, PDF, Word."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import main
from db.store import Store

ARTICLE = """\
A Visit to the Harbour

SEOUL, 12 October 2024 — Ana Lopes, director of the Harbour Institute, met the envoy on \
Friday to discuss the strait.

In May 2023, Ana Lopes visited Vietnam with members of the Harbour Institute.
"""


def _run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main.run([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.db"
    Store.create(path).close()
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_json_proposals_without_writing(capsys, tmp_path: Path, empty: Path) -> None:
    article = tmp_path / "visit.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = _digest(empty)
    code, out, err = _run(capsys, "extract", empty, article, "--json")
    assert code == 0, err
    data = json.loads(out)
    friday = next(e for e in data["events"] if e["date"] == "on Friday")
    assert (friday["earliest"], friday["latest"], friday["inferred"]) == (
        "2024-10-11", "2024-10-11", True)
    assert friday["locator"] == "para. 1"  # the first line is the title
    assert "Ana Lopes" in friday["participants"]
    may = next(e for e in data["events"] if e["date"] == "May 2023")
    assert may["category"] and not may["inferred"] and "…" not in may["title"]
    names = {n["name"]: n for n in data["names"]}
    assert names["Harbour Institute"]["kind"] == "organization" and not names[
        "Harbour Institute"]["known"]
    assert {"from": "Ana Lopes", "to": "Harbour Institute", "kind": "holds office in",
            "date": "11 October 2024"}.items() <= next(
        r for r in data["relationships"] if r["kind"] == "holds office in").items()
    assert _digest(empty) == before


def test_save_writes_one_source_with_its_records(capsys, tmp_path: Path, empty: Path) -> None:
    article = tmp_path / "visit.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, _, err = _run(capsys, "extract", empty, article, "--save", "--title", "Visit")
    assert code == 0, err
    with Store.open(empty, readonly=True) as store:
        (source,) = store.sources()
        assert source.title == "Visit" and "Harbour Institute" in source.content
        assert {e.name for e in store.entities()} >= {"Ana Lopes", "Harbour Institute"}
        assert len(store.events()) >= 2
        kinds = {r.kind for r in store.relationships()}
        assert {"holds office in", "visited"} <= kinds
    code, _, err = _run(capsys, "extract", empty, article, "--save", "--title", "Visit")
    assert code == 2 and err.startswith("error: ") and "already has a source" in err


def test_html_and_docx_articles(capsys, tmp_path: Path, empty: Path) -> None:
    import docx

    page = tmp_path / "page.html"
    body = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
    page.write_text(f"<html><head><title>Harbour</title></head><body><nav>Home | About</nav>"
                    f"<article>{body}</article></body></html>", encoding="utf-8")
    word = tmp_path / "visit.docx"
    document = docx.Document()
    for paragraph in ARTICLE.split("\n\n"):
        document.add_paragraph(paragraph.replace("\n", " "))
    document.save(str(word))
    for path in (page, word):
        code, out, err = _run(capsys, "extract", empty, path, "--json")
        assert code == 0, err
        dates = {e["date"] for e in json.loads(out)["events"]}
        assert {"on Friday", "May 2023"} <= dates, path


@pytest.mark.parametrize(("name", "content", "fragment"), [
    ("notes.xyz", b"text", "not an article file"),
    ("broken.pdf", b"not a pdf at all", "not a readable PDF"),
    ("broken.docx", b"not a zip", "not a readable Word file"),
])
def test_errors_are_one_line(capsys, tmp_path: Path, empty: Path, name: str, content: bytes,
                             fragment: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, _, err = _run(capsys, "extract", empty, path, "--json")
    assert code == 2 and err.startswith("error: ") and fragment in err
    assert len(err.strip().splitlines()) == 1
