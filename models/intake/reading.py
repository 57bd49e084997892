"""Articles from files: the plain text the assistant reads, with blank lines between
paragraphs (what its locators count), and a title when the file has one.

Saved web pages give their main text (trafilatura drops menus, footers and ads), PDFs
their text page by page (pypdf; paragraphs from the layout; ligatures, compatibility
characters and words broken at line ends mended), Word files their paragraphs
(python-docx); anything else is read as UTF-8 text. The libraries are imported only
when such a file is opened.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdf import PageObject

TEXT_SUFFIXES = (".txt", ".text", ".md")
SUFFIXES = (".html", ".htm", ".pdf", ".docx", *TEXT_SUFFIXES)


class ArticleError(ValueError):
    """The file cannot be read as an article (its kind, or its contents)."""


@dataclass(frozen=True)
class Article:
    text: str
    title: str = ""


def read_article(path: Path) -> Article:
    """The article in ``path``, by its suffix; raises ``ArticleError``."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ArticleError(f"{path.name}: not an article file (use one of "
                           f"{', '.join(SUFFIXES)})")
    if not path.is_file():  # a folder, a pipe or a device: reading would wait or not end
        raise ArticleError(f"{path.name}: not a regular file")
    try:
        if suffix in (".html", ".htm"):
            return _html(path.read_bytes())
        if suffix == ".pdf":
            return _pdf(path)
        if suffix == ".docx":
            return _docx(path)
        return Article(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ArticleError(f"{path.name}: cannot be read ({exc})") from exc


def _paragraphs(lines: list[str]) -> str:
    return "\n\n".join(line.strip() for line in lines if line.strip())


def _html(data: bytes) -> Article:
    import trafilatura

    text = trafilatura.extract(data, output_format="txt", include_comments=False,
                               include_tables=False, favor_recall=True)
    if not text:
        raise ArticleError("the page has no main text")
    meta = trafilatura.extract_metadata(data)
    return Article(_paragraphs(text.split("\n")), (meta.title or "") if meta else "")


def _pdf(path: Path) -> Article:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        pages = [_page_text(page) for page in reader.pages]
        title = (reader.metadata.title or "") if reader.metadata else ""
    except PdfReadError as exc:
        raise ArticleError(f"{path.name}: not a readable PDF ({exc})") from exc
    return Article("\n\n".join(p.strip() for p in pages if p.strip()), str(title))


_COLUMN_GAP = re.compile(r"\S {6,}\S")
_BROKEN_WORD = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_CJK_CHARS = "\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK_BREAK = re.compile(f"(?<=\\S)\\n(?=[{_CJK_CHARS}])|(?<=[{_CJK_CHARS}])\\n(?=\\S)")


def _page_text(page: PageObject) -> str:
    """A page's text with its paragraphs apart: the layout reading keeps the blank space
    between paragraphs as a blank line; a page set in columns (wide gaps inside its lines)
    is read in content order instead, so its columns are not interleaved."""
    text = page.extract_text(extraction_mode="layout") or ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if sum(bool(_COLUMN_GAP.search(line)) for line in lines) > len(lines) // 4:
        text = page.extract_text() or ""
    text = unicodedata.normalize("NFKC", text)  # "ﬁ" is "fi", the radical "⽉" is "月"
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return _CJK_BREAK.sub("", _BROKEN_WORD.sub("", text)).strip()  # no spaces in CJK


def _docx(path: Path) -> Article:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ArticleError(f"{path.name}: not a readable Word file ({exc})") from exc
    return Article(_paragraphs([p.text for p in document.paragraphs]),
                   document.core_properties.title or "")
