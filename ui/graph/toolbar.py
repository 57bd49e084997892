"""The graph panel's toolbar: what to show, how to colour it, and a layout busy sign."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QProgressBar, QSpinBox, QToolBar, QWidget

from ui.graph.filters import FilterControls, GraphOptions
from ui.theme import chart_theme


class GraphToolbar(QToolBar):
    """Checkable actions for each view option, the ego depth and "Re-layout"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Graph", parent)
        self.setAccessibleName("Graph options")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.co_participation = self._toggle(
            "Co-participation", "Also join entities that took part in the same events "
            "(thicker for more shared events)")
        self.window_filter = self._toggle(
            "Only active in timeline window", "Show only relationships active in the "
            "timeline's visible range; pan the timeline to replay the network")
        self.ego = self._toggle("Ego", "Show only the selected entity and its neighbours")
        self.depth = QSpinBox(self)
        self.depth.setRange(1, 3)
        self.depth.setPrefix("depth ")
        self.depth.setToolTip("How many steps from the selected entity the ego network reaches")
        self.depth.setAccessibleName("Ego depth")
        self.addWidget(self.depth)
        self.depth.setEnabled(False)
        self.ego.toggled.connect(self.depth.setEnabled)
        self.communities = self._toggle(
            "Communities", "Colour nodes by detected community instead of by kind")
        # the filters on a second row, so neither row hides its last buttons in a menu
        self.filter_bar = QToolBar("Graph filters", parent)
        self.filter_bar.setAccessibleName("Graph filters")
        self.filter_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.filters = FilterControls(self.filter_bar)
        self.most_connected = QAction("Most connected", self)
        self.most_connected.setToolTip("Show the most connected entities again (in a file too "
                                       "big to draw whole)")
        self.addAction(self.most_connected)
        self.most_connected.setVisible(False)
        self.addSeparator()
        self.relayout_action = QAction("Re-layout", self)
        self.relayout_action.setToolTip("Lay out what is shown afresh; pinned nodes stay put")
        self.addAction(self.relayout_action)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(80)
        self.busy.setMaximumHeight(12)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Laying out")
        self.busy.setToolTip("Laying out the network…")
        self._busy_action = self.addWidget(self.busy)
        self._busy_action.setVisible(False)

    def _toggle(self, text: str, tip: str) -> QAction:
        action = QAction(text, self)
        action.setCheckable(True)
        action.setToolTip(tip)
        self.addAction(action)
        self.widgetForAction(action).setAccessibleName(text)
        return action

    def options(self) -> GraphOptions:
        """Every option set on the toolbar and its filter row, as one value."""
        return replace(self.filters.options(),
                       co_participation=self.co_participation.isChecked(),
                       window_filter=self.window_filter.isChecked(),
                       ego=self.ego.isChecked(), depth=self.depth.value(),
                       communities=self.communities.isChecked())

    def set_options(self, options: GraphOptions) -> None:
        """Set the controls to ``options``; each control that changes announces it."""
        if self.filters.options() != options.filters():
            self.filters.set_options(options)
        self.depth.setValue(options.depth)
        for action, on in ((self.co_participation, options.co_participation),
                           (self.window_filter, options.window_filter),
                           (self.ego, options.ego), (self.communities, options.communities)):
            action.setChecked(on)

    def set_busy(self, busy: bool) -> None:
        self._busy_action.setVisible(busy)

    @staticmethod
    def make_overlay(parent: QWidget) -> QLabel:
        """A small plain-text note in the top-left corner of the plot."""
        label = QLabel(parent)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAccessibleName("Graph notes")
        label.setStyleSheet(chart_theme().note_css)
        label.move(8, 8)
        label.hide()
        return label
