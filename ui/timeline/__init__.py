"""The timeline panel: events on a zoomable time axis, in lanes (see ``panel``)."""

from ui.timeline.panel import TimelinePanel

__all__ = ["TimelinePanel"]
