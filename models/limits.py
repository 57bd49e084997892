"""Limits every write route shares, so an import, a dialog and the Store agree.

``MAX_TEXT_CHARS``: the longest text one field may hold (1,048,576 characters, as a CSV
cell may; docs/json-format.md). A longer one is refused with one message by the Store
(``db.rows``), by the imports and by the edit dialogs, since every panel that shows a
field would otherwise lay out megabytes of text.
"""

from __future__ import annotations

MAX_TEXT_CHARS = 1 << 20


def too_long(what: str, length: int) -> str:
    """The one sentence every route says when a text is over the cap."""
    return (f"{what} is {length:,} characters long, over the limit of "
            f"{MAX_TEXT_CHARS:,} a field may hold; nothing was saved")
