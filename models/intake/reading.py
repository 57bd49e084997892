"""Articles from files: the plain text the assistant reads, with blank lines between
paragraphs (what its locators count), and a title when the file has one.

Saved web pages give their main text (trafilatura drops menus, footers and ads), PDFs
their text page by page (pypdf), Word files their paragraphs (python-docx); anything
else is read as UTF-8 text. The libraries are imported only when such a file is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title or "") if reader.metadata else ""
    except PdfReadError as exc:
        raise ArticleError(f"{path.name}: not a readable PDF ({exc})") from exc
    return Article("\n\n".join(p.strip() for p in pages if p.strip()), str(title))


def _docx(path: Path) -> Article:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ArticleError(f"{path.name}: not a readable Word file ({exc})") from exc
    return Article(_paragraphs([p.text for p in document.paragraphs]),
                   document.core_properties.title or "")
