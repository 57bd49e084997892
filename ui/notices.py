"""The window's notices: the read-only banner, the first-start hint, "Checking file…".

A toolbar of banners across the top (``ui.banner``) and a permanent label in the status
bar. The window says what state its file is in (``show``): read-only shows the banner,
a file whose checks are running (``ui.checking``) shows the label instead, since it is
read-only only until they pass.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QToolBar

from ui.banner import Banner
from ui.checking import CHECKING_TEXT

HINT_KEY = "hints/first_start_dismissed"
READ_ONLY_TEXT = "This file is open read-only: you can explore it, but not change it."
HINT_TEXT = ("New here? Click an event on the timeline or a person in the graph: every panel "
             "follows. Ctrl+F searches everything; Ctrl+Shift+N adds a source.")


class Notices(QToolBar):
    """The banners of one window, and its "Checking file…" label."""

    def __init__(self, window: QMainWindow, remember_layout: bool) -> None:
        super().__init__("Notices", window)
        self.setObjectName("NoticesToolbar")
        self.setMovable(False)
        self.readonly_banner = Banner(READ_ONLY_TEXT, "warning")
        self.hint_banner = Banner(HINT_TEXT, "hint", dismiss="Got it")
        self._readonly_item = self.addWidget(self.readonly_banner)
        self._hint_item = self.addWidget(self.hint_banner)
        window.addToolBarBreak()
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self)
        self._hint_item.setVisible(remember_layout
                                   and not QSettings().value(HINT_KEY, False, bool))
        self.hint_banner.dismissed.connect(
            lambda: QSettings().setValue(HINT_KEY, True) if remember_layout else None)
        self.hint_banner.dismissed.connect(self._hint_dismissed)
        self.checking_label = QLabel(CHECKING_TEXT)
        self.checking_label.setAccessibleName("Checking the file")
        window.statusBar().addPermanentWidget(self.checking_label)
        self._readonly = False

    def show_state(self, readonly: bool, checking: bool) -> None:
        """The banner for a read-only file; the label while its checks run."""
        self._readonly = readonly and not checking
        self._readonly_item.setVisible(self._readonly)
        self.setVisible(self._readonly or self._hint_item.isVisible())
        self.checking_label.setVisible(checking)

    def _hint_dismissed(self) -> None:
        self._hint_item.setVisible(False)
        self.setVisible(self._readonly)
