"""A window on a file of a really read-only file system (tests/read_only_mount): it opens
read-only with the banner, editing is off, a write asked for anyway is refused with one
message, and no byte or sidecar appears."""

from __future__ import annotations

from pathlib import Path

import pytest

from db import ops
from db.errors import ReadOnlyError
from models.edits import EventEdit
from models.records import Event
from tests.bad_files import digest
from tests.read_only_mount import read_only_mount
from ui.files import Workspace


def test_a_window_opens_it_read_only_with_the_banner(workspace: Workspace, tmp_path: Path,
                                                     qtbot) -> None:
    with read_only_mount(tmp_path) as media:
        before = digest(media)
        window = workspace.open_path(media)
        assert window is not None and workspace.told == [] and workspace.asked == []
        assert window.document.readonly
        assert window.readonly_banner.isVisibleTo(window)
        assert "read-only" in window.windowTitle()
        assert not window.new_event_action.isEnabled()
        assert not window.import_json_action.isEnabled()
        with pytest.raises(ReadOnlyError):
            window.document.apply(lambda s: ops.add_event(s, EventEdit(Event(title="x",
                                                                           date="2001"))))
        assert window.document.undo_stack.count() == 0
        window.close()
        qtbot.wait(10)
        assert sorted(p.name for p in media.parent.iterdir()) == ["archive.db"]
        assert digest(media) == before
