"""What the export dialog says about the file before it is drawn: its size in pixels and
print, its paper, and whether a timeline's rows fit the height chosen."""

from __future__ import annotations

from ui.export.writers import ChartSize

PNG_BYTES_PER_PIXEL = 0.1  # charts are mostly flat colour: measured 0.04–0.14
PAPER_CM = {"A5": (14.8, 21.0), "A4": (21.0, 29.7), "A3": (29.7, 42.0),
            "Letter": (21.59, 27.94)}


def paper_name(width_cm: float, height_cm: float) -> str:
    """ "A4 landscape"-like name of a page size within 3 % of a paper size, or ""."""
    for name, (short, long) in PAPER_CM.items():
        for a, b, turn in ((short, long, "portrait"), (long, short, "landscape")):
            if abs(width_cm - a) <= 0.03 * a and abs(height_cm - b) <= 0.03 * b:
                return f"{name} {turn}"
    return ""


def describe_output(fmt: str, size: ChartSize) -> str:
    """What the file will be, in words (the dialog's preview line)."""
    w, h = size.pixels
    cm_w, cm_h = size.centimetres
    prints = f"{cm_w:.1f} × {cm_h:.1f} cm at {size.dpi:g} dpi"
    if size.page is not None:
        where = f"{size.page.label} page ({cm_w:.1f} × {cm_h:.1f} cm)"
        if fmt == "pdf":
            return f"PDF, one {where}, vector"
        if fmt == "svg":
            return f"SVG {w:,} × {h:,} px: the {where} at {size.dpi:g} dpi, vector"
        prints = f"the {where} at {size.dpi:g} dpi"
    elif fmt == "svg":
        return f"SVG {w:,} × {h:,} px, vector: sharp at any size"
    elif fmt == "pdf":
        paper = paper_name(cm_w, cm_h)
        return f"PDF page {cm_w:.1f} × {cm_h:.1f} cm" + (f" ({paper}-like)" if paper else "") \
            + f", vector, laid out for {size.dpi:g} dpi"
    estimate = w * h * PNG_BYTES_PER_PIXEL
    weight = f"{estimate / 1e6:.1f} MB" if estimate >= 1e5 else f"{estimate / 1e3:.0f} KB"
    text = f"{w:,} × {h:,} px, about {weight} · prints {prints}"
    problem = size.png_problem()
    return f"{text}\nToo large: {problem}." if problem else text


def rows_note(needed: int, room: int, page_height: float | None = None,
              max_zoom: float = 1.0) -> str:
    """A word when the timeline's rows need more height than the chart gives them; on a
    page (``page_height``: its height inside the margin) a chart is first set smaller,
    down to 1 / ``max_zoom`` of print size."""
    if needed <= room:
        return ""
    if page_height is not None:
        chrome = page_height - room
        zoom = (needed + chrome + 2) / page_height
        if zoom <= max_zoom:
            return (f"The rows are set at about {100 / zoom:.0f} % of print size to fit "
                    "the page.")
    return (f"The timeline's rows need a plot {needed:,} px high; this size leaves "
            f"{room:,} px, so the lowest rows will be cut. Choose \"Auto height\" (pixel "
            "sizes), a landscape page or fewer lanes.")
