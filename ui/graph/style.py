"""Colours, sizes and tooltip text of the graph: one place to change how it looks.

Kinds use the Okabe–Ito palette, which stays distinguishable for colour-blind readers and
in greyscale print. Brushes and pens are made once and shared: pyqtgraph caches a symbol
per (size, pen, brush) object, so a brush per point would be slow.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen, QTransform

from db.evidence import Support
from models.graph import Edge
from models.records import Entity
from ui.theme import ChartTheme, chart_theme

KIND_COLOURS = {"person": "#0072B2", "organization": "#E69F00", "place": "#009E73"}
OTHER_COLOUR = "#7F7F7F"
GROUP_COLOURS = ("#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948",
                 "#B07AA1", "#FF9DA7", "#9C755F", "#17BECF")
DIM_WASH = 0.75  # how far a dimmed colour is washed towards the background
MIN_SIZE, MAX_SIZE = 7, 22  # node diameter in pixels, by degree
LABEL_POINT_SIZE = 9
ARROW_SIZE = 10

# opaque enough that a line keeps 3:1 against the background in print (no near-white
# edges); "dim" is only for the screen's emphasis of a selection
EDGE_ALPHA = {"normal": 225, "dim": 30, "bright": 255}
UNCITED_FADE = 3  # an uncited relationship's line keeps a third of its opacity
# a weakly graded one (best grade D–E or 4–5) two thirds of it: half would read nearly as
# faint as uncited on a thin line
WEAK_FADE = 1.5
WEAK_SUFFIX = " weak"  # "single weak", "relationship weak", "inferred weak"
DASHES = {"undated": [4.0, 3.0], "single": [7.0, 3.0],  # a single source: long dashes
          "inferred": [4.0, 2.0, 0.5, 2.0]}  # inferred: dash-dot (names' leaders are dots)
SUPPORT_LEGEND = (("relationship", "2+ sources"), ("single", "1 source"),
                  ("uncited", "uncited"))
INFERRED_LEGEND = ("inferred", "inferred")  # short: the key sits beside the notes
WEAK_LEGEND = ("relationship weak", "weak grade (D–E or 4–5)")
INFERRED_PREFIX = "inferred"  # "inferred" and "inferred uncited": dash-dot, faint if uncited
UNDATED_ALPHA = 175  # undated relationships in the time-window mode: dashed and lighter
SHARED_WIDTHS = (1.5, 3.0, 5.0)  # 1 shared event, 2–3, 4 or more


def node_colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, OTHER_COLOUR)


def group_colour(group: int) -> str:
    return GROUP_COLOURS[group] if 0 <= group < len(GROUP_COLOURS) else OTHER_COLOUR


def brush(colour: str, dim: bool = False) -> QBrush:
    """A shared brush; dimmed is the colour washed out towards the chart's background.

    Opaque, not transparent, so edges do not show through dimmed nodes.
    """
    return _brush(colour, dim, chart_theme().background)


@cache
def _brush(colour: str, dim: bool, background: str) -> QBrush:
    c = QColor(colour)
    if dim:
        ground = QColor(background)
        c = QColor(*(round(v + (g - v) * DIM_WASH) for v, g in
                     ((c.red(), ground.red()), (c.green(), ground.green()),
                      (c.blue(), ground.blue()))))
    return QBrush(c)


def node_pen(state: str) -> QPen:
    """"plain" nodes have a rim of the background's colour, "pinned" a contrasting one,
    "selected" a thick one."""
    return _node_pen(state, chart_theme())


@cache
def _node_pen(state: str, theme: ChartTheme) -> QPen:
    colour, width = {"plain": (theme.rim, 1.0), "pinned": (theme.pinned_rim, 1.5),
                     "selected": (theme.selected_rim, 3.0), "dim": (theme.rim, 0.5)}[state]
    pen = QPen(QColor(colour))
    pen.setWidthF(width)
    pen.setCosmetic(True)
    return pen


def edge_pen(family: str, width_bin: int, state: str) -> QPen:
    return _edge_pen(family, width_bin, state, chart_theme())


@cache
def _edge_pen(family: str, width_bin: int, state: str, theme: ChartTheme) -> QPen:
    r, g, b = theme.shared_rgb if family == "shared" else theme.edge_rgb
    width = SHARED_WIDTHS[width_bin] if family == "shared" else 1.2
    alpha = EDGE_ALPHA[state]
    if family == "undated":
        alpha = min(alpha, UNDATED_ALPHA) if state != "dim" else alpha
    pen = QPen(QColor(r, g, b, alpha))
    pen.setWidthF(width * (1.6 if state == "bright" else 1.0))
    if family.endswith("uncited"):  # nothing cited behind it: faint
        pen.setColor(QColor(r, g, b, max(alpha // UNCITED_FADE, 20)))
    elif family.endswith(WEAK_SUFFIX):  # cited, but only by doubtful sources: lighter
        pen.setColor(QColor(r, g, b, max(round(alpha / WEAK_FADE), 20)))
    pen.setCosmetic(True)
    dashes = family.split()[0]
    if dashes in DASHES:
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern(DASHES[dashes])
    if dashes == INFERRED_PREFIX:
        pen.setWidthF(pen.widthF() * 1.5)  # the dots of a thin line would read as faint
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def shared_bin(weight: float) -> int:
    return 0 if weight < 2 else 1 if weight < 4 else 2


def node_sizes(degree: Sequence[int]) -> list[int]:
    """Diameters by the square root of degree, in whole pixels (few symbol variants)."""
    top = max(degree, default=0)
    if top <= 0:
        return [MIN_SIZE] * len(degree)
    span = MAX_SIZE - MIN_SIZE
    return [MIN_SIZE + round(span * math.sqrt(d / top)) for d in degree]


@cache
def arrow_path(bucket: int) -> QPainterPath:
    """A unit arrowhead pointing along ``bucket`` × 10° (screen angles, y down)."""
    path = QPainterPath()
    path.moveTo(0.5, 0.0)
    path.lineTo(-0.5, -0.4)
    path.lineTo(-0.25, 0.0)
    path.lineTo(-0.5, 0.4)
    path.closeSubpath()
    return QTransform().rotate(bucket * 10.0).map(path)


def label_font() -> QFont:
    font = QFont()
    font.setPointSize(LABEL_POINT_SIZE)
    return font


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def node_tooltip(entity: Entity, degree: int, pinned: bool, support: Support | None = None
                 ) -> str:
    """Rich text built from escaped data: a name like <img src=x> shows as written;
    ``support``: how well the entity itself is cited."""
    title = f"<b>{_e(entity.name)}</b>"
    if entity.native_name:
        title += f" {_e(entity.native_name)}"
    facts = [entity.kind, f"{degree} connection{'s' if degree != 1 else ''}"]
    if pinned:
        facts.append("pinned")
    if support is not None:
        facts.append(support.brief())
    lines = [title, f"<i>{_e(' · '.join(facts))}</i>"]
    if entity.description.strip():
        text = entity.description.strip()
        lines.append(_e(text if len(text) <= 300 else text[:299] + "…"))
    return "<br>".join(lines)


def edge_tooltip(edges: Sequence[Edge], names: dict[int, str],
                 evidence: Callable[[int], str] | None = None) -> str:
    """``evidence``: how a relationship (by id) is supported, e.g. "2 sources · best B2",
    "uncited · inferred"."""
    rows = []
    for e in edges[:6]:
        arrow = "→" if e.directed else "—"
        ends = f"{_e(names.get(e.source, '?'))} {arrow} {_e(names.get(e.target, '?'))}"
        said = f" · {_e(evidence(e.relationship_id))}" if (
            evidence is not None and e.relationship_id is not None) else ""
        rows.append(f"{ends}: <i>{_e(e.label or e.kind)}</i>{said}")
    if len(edges) > 6:
        rows.append(f"… and {len(edges) - 6} more")
    return "<br>".join(rows)
