"""XML text that every reader opens: escaped, and without the characters XML 1.0 forbids.

A PDF copy-paste brings control characters into titles and descriptions; written as
they are, they make the whole file ill-formed, so no reader would open it. They are
dropped here, for every string that goes into an element or an attribute.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import IO
from xml.sax.saxutils import escape, quoteattr

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)


def text(value: str) -> str:
    """Element content: cleaned and escaped."""
    return escape(clean(value))


def attrs(pairs: Iterable[tuple[str, object]]) -> str:
    """`` name="value"`` for each pair whose value is not None, cleaned and quoted."""
    return "".join(f" {name}={quoteattr(clean(str(value)))}" for name, value in pairs
                   if value is not None)


def element(out: IO[str], tag: str, pairs: Iterable[tuple[str, object]] = (),
            indent: int = 0) -> None:
    """An empty element on a line of its own."""
    out.write(f"{' ' * indent}<{tag}{attrs(pairs)}/>\n")
