"""Widths of label texts in pixels: measured exactly, or estimated from the characters.

Measuring a title with ``QFontMetricsF`` costs microseconds each; packing thousands of
items only needs to know about how much room a label wants, so it uses ``estimate`` and
the labels actually drawn are ``measure``d.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QFont, QFontMetricsF

SAMPLE_TEXT = "Delegation visits the Assembly; treaty signed in Geneva"
WIDE_SAMPLE = "漢"  # a character of the CJK scripts, about one em wide


class TextWidths:
    """Label widths for one font."""

    def __init__(self, font: QFont) -> None:
        self.metrics = QFontMetricsF(font)
        self._char_px = self.metrics.horizontalAdvance(SAMPLE_TEXT) / len(SAMPLE_TEXT)
        self._wide_px = self.metrics.horizontalAdvance(WIDE_SAMPLE)

    def measure(self, texts: list[str]) -> np.ndarray:
        return np.array([self.metrics.horizontalAdvance(t) for t in texts], dtype=np.float64)

    def estimate(self, texts: list[str]) -> np.ndarray:
        """Widths from the number of characters, those of CJK scripts counted wide."""
        chars = np.fromiter(map(len, texts), dtype=np.float64, count=len(texts))
        utf8 = np.fromiter((len(t.encode()) for t in texts), dtype=np.float64, count=len(texts))
        wide = np.minimum((utf8 - chars) // 2, chars)  # three bytes of UTF-8 a character
        return (chars - wide) * self._char_px + wide * self._wide_px
