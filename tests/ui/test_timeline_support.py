"""A big file's timeline is painted first and takes its evidence styles when the support
has been read on a worker thread (``ui.timeline.support``)."""

from __future__ import annotations

import numpy as np
import pytest

from db import tables
from db.evidence import support_arrays
from db.store import Store
from tests.ui.conftest import PanelMaker


def test_a_big_files_support_arrives_after_the_first_paint(
        sample: Store, make_panel: PanelMaker, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "SUPPORT_INLINE_LIMIT", 10)  # the sample counts as big
    panel = make_panel(sample)
    assert len(panel.table.sources) == 0  # painted without it
    qtbot.waitUntil(lambda: len(panel.table.sources) == len(panel.table), timeout=10_000)
    expected, _ = support_arrays(sample, "event").for_ids(panel.table.ids)
    assert np.array_equal(panel.table.sources, expected)
    assert (panel.table.sources >= 1).sum() == len(sample.events())  # every sample event cited


def test_a_small_files_support_comes_with_its_table(sample: Store,
                                                     make_panel: PanelMaker) -> None:
    panel = make_panel(sample)
    assert len(panel.table.sources) == len(panel.table) > 0
