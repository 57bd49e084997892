"""Tooltip text for an item: title, the date as written, and what days it stands for.

Tooltips are rich text to Qt, so every piece of data goes through ``html.escape``: a
title such as ``<img src=x>`` shows literally.
"""

from __future__ import annotations

import html
import math

import numpy as np

from models.dates import format_day
from ui.timeline.items import POINT, RELATION, SPAN, Items


def interpretation(earliest: int, latest: int, core: tuple[int, int] | None = None) -> str:
    """The days a date allows, in words: "21 December 2022 – 31 December 2022"."""
    if earliest == latest:
        return format_day(earliest)
    text = f"{format_day(earliest)} – {format_day(latest)}"
    if core is not None and core[0] <= core[1] and core != (earliest, latest):
        text += f" (surely {format_day(core[0])} – {format_day(core[1])})"
    return text


def _days(items: Items, index: int, origin: int) -> tuple[int, int, tuple[int, int] | None]:
    earliest = round(items.start[index]) + origin
    latest = round(items.end[index]) + origin - 1
    core0, core1 = items.core0[index], items.core1[index]
    core = None
    if not (math.isnan(core0) or math.isnan(core1)):
        core = (round(core0) + origin, round(core1) + origin - 1)
    return earliest, latest, core


def _what(kind: int) -> str:
    if kind == POINT:
        return "known day"
    if kind == SPAN:
        return "lasted; hatched ends are uncertain"
    if kind == RELATION:
        return "relationship"
    return "uncertain date: sometime in this interval"


def tooltip_html(items: Items, index: int, origin: int, category: str = "",
                 evidence: str = "") -> str:
    """Rich text for the tooltip of item ``index``, with all data escaped."""
    earliest, latest, core = _days(items, index, origin)
    title, written = items.labels(np.array([index]))[0]
    lines = [f"<b>{html.escape(title)}</b>"]
    if written:
        lines.append(html.escape(written))
    meaning = interpretation(earliest, latest, core)
    if meaning != written:
        lines.append(f"<span style='color:#555'>{html.escape(meaning)}</span>")
    details = [_what(int(items.kind[index]))]
    if category:
        details.insert(0, category)
    lines.append(f"<i>{html.escape(' · '.join(details))}</i>")
    if evidence:
        lines += [html.escape(line) for line in evidence.splitlines()]
    return "<qt>" + "<br>".join(lines) + "</qt>"
