"""The HTML pieces of the Detail page: its style, grade badges, links, clipped text.

Every piece of text from the data goes through ``html.escape`` (or ``clipped``) first.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser

from models.dates import DateParseError, parse_span
from ui.theme import EvidenceColours

APP_SCHEME = "threadline"
PREFER = "prefer"  # threadline:prefer/CLAIM_ID makes that claim the record's own
# threadline:reject/CLAIM_ID and threadline:restore/CLAIM_ID set an alternative's status
STATUS_LINKS = {"reject": "rejected", "restore": "alternative"}
_LINKED = re.compile(APP_SCHEME + r":([a-z]+)/([0-9]+)")
SHOWN_CHARS = 4000  # of one text on the page; "Show all" opens the whole of a longer one
NAME_CHARS = 300  # of a title or a name (a link, a heading)


def style(colours: EvidenceColours) -> str:
    """The page's CSS with colours computed for the panel's palette (Qt's rich text knows
    no ``palette()`` roles, so a fixed grey was unreadable on one palette or the other)."""
    return f"""
<style>
h2 {{ margin: 0 0 2px 0; }}
.sub {{ color: {colours.muted}; }}
.k {{ color: {colours.muted}; padding-right: 8px; }}
.cite {{ margin: 4px 0 8px 12px; }}
.excerpt {{ font-style: italic; }}
.badge {{ color: {colours.badge_text}; background-color: {colours.badge_ground};
          font-weight: bold; }}
.flag {{ color: {colours.flag_text}; background-color: {colours.flag_ground};
         font-weight: bold; }}
</style>
"""


def badge(code: str) -> str:
    """A compact Admiralty grade ("B2") set off from the text around it."""
    return f"<span class='badge'>&nbsp;{escape(code)}&nbsp;</span>" if code else ""


UNCITED_FLAG = "<span class='flag'>&nbsp;Uncited&nbsp;</span>"


def clipped(text: str, limit: int = NAME_CHARS) -> str:
    """``text`` escaped, cut to ``limit`` characters with an ellipsis: a field of a
    megabyte (the cap, ``models.limits``) would take seconds to lay out."""
    return escape(text if len(text) <= limit else text[:limit] + "…")


def link(kind: str, record_id: int | None, text: str) -> str:
    return f'<a href="{APP_SCHEME}:{kind}/{record_id}">{clipped(text)}</a>'


def safe_url(url: str) -> str:
    """An http(s) address as a link; anything else as inert text."""
    target = QUrl(url.strip())
    if (len(url) <= SHOWN_CHARS and target.isValid() and target.scheme() in ("http", "https")
            and target.host()):
        return f'<a href="{escape(target.toString(), quote=True)}">{clipped(url)}</a>'
    return clipped(url)


def interpretation(date: str, end_date: str = "") -> str:
    if not date:
        return ""
    try:
        return parse_span(date, end_date).describe()
    except DateParseError as exc:
        return f"unreadable date: {exc}"


class SafeTextBrowser(QTextBrowser):
    """A text browser that follows no link by itself and loads no resource at all."""

    def __init__(self) -> None:
        super().__init__()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, _type: int, _name: QUrl) -> Any:
        return None

