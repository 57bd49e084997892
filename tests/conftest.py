"""Shared fixtures. Qt runs offscreen; every test gets its own real SQLite file."""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Settings and app data of the tests go to a folder of their own, never the user's.
_HOME = Path(tempfile.mkdtemp(prefix="threadline-tests-"))
os.environ["XDG_CONFIG_HOME"] = str(_HOME / "config")
os.environ["XDG_DATA_HOME"] = str(_HOME / "data")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from db.store import Store  # noqa: E402
from models.records import Citation, Entity, Event, Participant, Relationship, Source  # noqa: E402
from ui.app import collect_due, delete_closed_objects  # noqa: E402

_THRESHOLDS = gc.get_threshold()


@pytest.fixture(autouse=True)
def _no_registry_between_tests() -> Iterator[None]:
    """No test inherits the files another test checked through (``run_gui`` sets the
    registry of ``db.verified`` for the process): every file is checked unless a test
    sets a registry of its own."""
    from db import verified

    yield
    verified.use_registry(None)


@pytest.fixture
def sample_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of the bundled sample database."""
    from db.sample import build_sample

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    build_sample(path)
    return path


@pytest.fixture
def unclaimed_sample_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample without its competing claims (and their citations): a real file of
    records that holds no claim, for what must look as it did before claims."""
    import json

    from db.sample import SAMPLE_JSON, build_sample

    data = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    del data["claims"]
    data["citations"] = [c for c in data["citations"] if c["target_type"] != "claim"]
    folder = tmp_path_factory.mktemp("unclaimed")
    (folder / "sample.json").write_text(json.dumps(data), encoding="utf-8")
    build_sample(folder / "sample.db", source=folder / "sample.json")
    return folder / "sample.db"


@pytest.fixture
def store(tmp_path: Path):
    """A new, empty database file."""
    s = Store.create(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture
def filled(store: Store) -> Store:
    """A small database with one of everything, some of it in Chinese and Korean."""
    src = store.add_source(Source(title="Article one", author="A. Writer", date="2023"))
    kim = store.add_entity(Entity(kind="person", name="Kim Dong-myung", native_name="金東明",
                                  aliases=["Kim D.", "김동명"], description="Retired general"))
    assoc = store.add_entity(Entity(kind="organization", name="Alishan Society",
                                    native_name="阿里山會"))
    taipei = store.add_entity(Entity(kind="place", name="Taipei"))
    visit = store.add_event(Event(
        title="Delegation visits Taipei", date="late December 2022", category="parliamentary",
        location="Taipei", summary="Members of parliament visit.",
        participants=[Participant(kim, "delegation leader"), Participant(assoc, "host")],
        tags=["Track 1.5", "visits"]))
    store.add_event(Event(title="Exchange programme", date="1974", end_date="2011",
                          category="military"))
    rel = store.add_relationship(Relationship(kim, assoc, "member of", date="1988–1991"))
    store.add_relationship(Relationship(assoc, taipei, "based in"))
    store.add_citation(Citation(src, "event", visit, "Parliamentary Diplomacy, para. 1",
                                "visited Taiwan", 2))
    store.add_citation(Citation(src, "entity", kim, "para. 2", confidence=2))
    store.add_citation(Citation(src, "relationship", rel, "para. 3"))
    return store


def pytest_configure(config: pytest.Config) -> None:
    """Collect garbage only on the main (GUI) thread, as the app does (``ui.app``).

    Automatic collection may run on a worker thread (a graph layout, a loader) and free
    Qt objects there; the tests then hang or crash where the app would not. The app's
    ``GuiThreadCollector`` collects from a timer once a QApplication is made; between
    tests the fixture below collects what is due.
    """
    gc.disable()


@pytest.fixture(autouse=True)
def _collect_between_tests() -> Iterator[None]:
    """After each test (and its widgets' closing): delete the Qt objects it closed, and
    collect what is due, on this thread, as the app's timer would."""
    yield
    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    collect_due(_THRESHOLDS)


@pytest.fixture
def qtbot(qtbot: QtBot) -> Iterator[QtBot]:
    """pytest-qt's qtbot, also keeping every widget given to ``addWidget`` alive until it
    has been closed and deleted at the end of the test.

    qtbot holds those widgets by weak reference only, so a dialog a test leaves open would
    be freed by the first garbage collection after the test (a timer may run one before
    teardown), the collector deleting it in the middle of deleting its children
    (reproduced: a segmentation fault in QDialog's destructor called from gc).
    """
    kept: list[QWidget] = []
    add_widget = qtbot.addWidget

    def add_and_keep(widget: QWidget, *,
                     before_close_func: Callable[[QWidget], None] | None = None) -> None:
        kept.append(widget)
        add_widget(widget, before_close_func=before_close_func)

    qtbot.addWidget = add_and_keep  # type: ignore[method-assign]
    yield qtbot
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # closed by pytest-qt
    kept.clear()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Delete what the tests left of Qt while the application still exists.

    Windows a test closed but the event loop never deleted, and their Python wrappers in
    cycles, would otherwise be freed by the interpreter's last collections after the
    QApplication is gone.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    windows = (Qt.WindowType.Window, Qt.WindowType.Dialog)  # not popups their owner deletes
    if QApplication.instance() is not None:
        for widget in QApplication.topLevelWidgets():
            if widget.windowType() in windows:
                widget.close()
                widget.deleteLater()
    delete_closed_objects()
