"""Charts (PNG, SVG, PDF) of the timeline and the graph, and the export dialogs."""

from ui.export.charts import (
    CHART_FORMATS,
    ChartCancelled,
    ChartError,
    ChartSize,
    default_size,
    render_chart,
)

__all__ = ["CHART_FORMATS", "ChartCancelled", "ChartError", "ChartSize", "default_size",
           "render_chart"]
