"""The relationship graph panel: entities as nodes, relationships and shared events as edges."""

from ui.graph.panel import GraphPanel

__all__ = ["GraphPanel"]
