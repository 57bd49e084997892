"""The Detail panel (``ui.detail.panel``) and the HTML of its pages."""

from ui.detail.panel import DetailPanel

__all__ = ["DetailPanel"]
