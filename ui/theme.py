"""The charts' colours in a light or a dark palette, following the system's.

Qt widgets follow the platform palette by themselves; the pyqtgraph charts paint their
own background, text, bands and rims, so they ask ``chart_theme()`` when they paint.
It answers from the application palette (a dark window colour means the dark theme),
except inside ``printing_theme()``: exported charts are always drawn in the light theme,
since they go on white (or transparent) pages.

Category and kind colours (Paul Tol's and Okabe–Ito's palettes) stay the same in both
themes: they are chosen to be told apart on light and dark grounds alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QGuiApplication, QPalette


@dataclass(frozen=True)
class ChartTheme:
    dark: bool
    background: str  # the plot area
    text: str  # labels, axis text, legend
    band: str  # every other lane
    separator: str  # lines between lanes, label rules
    overview_background: str  # the timeline's overview strip
    density: str  # density columns with no lane colour
    highlight: str  # the ring around chosen events
    highlight_label: str  # the highlighter mark behind chosen events' labels
    rim: str  # the rim of an ordinary node
    pinned_rim: str
    selected_rim: str
    edge_rgb: tuple[int, int, int]  # relationship lines
    shared_rgb: tuple[int, int, int]  # co-participation lines
    note_css: str  # the small note in a chart's corner
    muted_text: str  # labels of dimmed nodes
    chip: tuple[int, int, int, int]  # what a label sits on over a bar or edge
    axis_line: str


LIGHT = ChartTheme(
    dark=False, background="#FFFFFF", text="#1F2328", band="#F4F6F8", separator="#D5DAE0",
    overview_background="#FAFBFC", density="#4F6D8F",
    highlight="#111111", highlight_label="#FFE58A", rim="#FFFFFF", pinned_rim="#333333",
    selected_rim="#000000", edge_rgb=(90, 90, 90), shared_rgb=(150, 110, 190),
    note_css=("QLabel { background: rgba(255, 255, 240, 225); color: #333; "
              "border: 1px solid #ccc; padding: 3px 6px; }"),
    muted_text="#787878", chip=(255, 255, 255, 215), axis_line="#C9CED6",
)

DARK = ChartTheme(
    dark=True, background="#1E2227", text="#E6E8EB", band="#262B31", separator="#3A414A",
    overview_background="#23272D", density="#8FB0D3",
    highlight="#F5F5F5", highlight_label="#6B5A12", rim="#1E2227", pinned_rim="#D0D4DA",
    selected_rim="#FFFFFF", edge_rgb=(175, 182, 192), shared_rgb=(190, 160, 225),
    note_css=("QLabel { background: rgba(40, 44, 52, 230); color: #E6E8EB; "
              "border: 1px solid #555; padding: 3px 6px; }"),
    muted_text="#8A929C", chip=(30, 34, 39, 215), axis_line="#4A515B",
)

_forced: list[ChartTheme] = []
PALETTE_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)


class FollowsPalette:
    """Mixin of a chart panel (before ``QWidget`` in its bases): ``apply_theme`` runs
    whenever the palette changes, once ``themed_parts_built`` says the panel is built."""

    def apply_theme(self) -> None:
        raise NotImplementedError

    def themed_parts_built(self) -> bool:
        return True

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in PALETTE_EVENTS and self.themed_parts_built():
            self.apply_theme()
        super().changeEvent(event)  # type: ignore[misc]


def palette_is_dark(palette: QPalette | None = None) -> bool:
    """Whether a palette (default: the application's) has a dark window colour."""
    if palette is None:
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def chart_theme() -> ChartTheme:
    """The theme charts paint with now."""
    if _forced:
        return _forced[-1]
    return DARK if palette_is_dark() else LIGHT


@contextmanager
def printing_theme() -> Iterator[ChartTheme]:
    """Charts drawn inside the block use the light theme (for exported images)."""
    _forced.append(LIGHT)
    try:
        yield LIGHT
    finally:
        _forced.pop()


def dark_palette() -> QPalette:
    """A dark application palette, as a dark desktop gives (for tests and screenshots)."""
    palette = QPalette()
    role = QPalette.ColorRole
    for which, colour in ((role.Window, "#2B2F36"), (role.WindowText, "#E6E8EB"),
                          (role.Base, "#1E2227"), (role.AlternateBase, "#262B31"),
                          (role.Text, "#E6E8EB"), (role.Button, "#343A42"),
                          (role.ButtonText, "#E6E8EB"), (role.Highlight, "#3D6FB6"),
                          (role.HighlightedText, "#FFFFFF"), (role.ToolTipBase, "#343A42"),
                          (role.ToolTipText, "#E6E8EB"), (role.PlaceholderText, "#8A929C"),
                          (role.Link, "#8AB4F8"), (role.Mid, "#4A515B")):
        palette.setColor(which, QColor(colour))
    return palette


def message_css(kind: str) -> str:
    """Style sheet of an inline message ("error", "warning") readable on the palette."""
    dark = palette_is_dark()
    colour = {("error", False): "#b00020", ("error", True): "#ff8a80",
              ("warning", False): "#8a5300", ("warning", True): "#f2c14e"}[(kind, dark)]
    return f"color: {colour};"


AA_CONTRAST = 4.5  # WCAG AA for body text


def _luminance(colour: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF())
            + 0.0722 * linear(colour.blueF()))


def contrast_ratio(a: QColor | str, b: QColor | str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(QColor(a)), _luminance(QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` toward ``b``."""
    return QColor(round(a.red() + (b.red() - a.red()) * t),
                  round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


def muted_text(palette: QPalette | None = None, ground: QColor | None = None) -> QColor:
    """Secondary text: the palette's text faded toward the ground only as far as it stays
    readable (AA with a margin), whatever the desktop's colours are."""
    palette = palette or QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.Text)
    ground = ground or palette.color(QPalette.ColorRole.Base)
    for t in (0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.1):
        colour = mix(text, ground, t)
        if contrast_ratio(colour, ground) >= AA_CONTRAST + 0.3:
            return colour
    return text


@dataclass(frozen=True)
class EvidenceColours:
    """Colours of the Detail panel's secondary text and grade badges on a palette."""

    muted: str
    badge_text: str
    badge_ground: str
    flag_text: str  # "Uncited"
    flag_ground: str


def evidence_colours(palette: QPalette | None = None) -> EvidenceColours:
    palette = palette or QGuiApplication.palette()
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    dark = base.lightness() < 128
    badge_ground = mix(base, text, 0.12)
    flag_ground = QColor("#5C2B00" if dark else "#FFF1D6")
    flag_text = QColor("#FFD9A8" if dark else "#7A3E00")
    return EvidenceColours(muted_text(palette).name(), text.name(), badge_ground.name(),
                           flag_text.name(), flag_ground.name())


def lens_ground(palette: QPalette | None = None) -> QColor:
    """The ground of a Browser row a chosen source supports: the palette's highlight
    mixed into the base only as far as the text on it stays readable (AA with a margin)."""
    palette = palette or QGuiApplication.palette()
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    for t in (0.3, 0.25, 0.2, 0.15, 0.1):
        ground = mix(base, highlight, t)
        if contrast_ratio(text, ground) >= AA_CONTRAST + 0.3:
            return ground
    return base
