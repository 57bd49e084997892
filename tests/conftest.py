"""Shared fixtures. Qt runs offscreen; every test gets its own real SQLite file."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

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


@pytest.fixture
def sample_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of the bundled sample database."""
    from db.sample import build_sample

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    build_sample(path)
    return path


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


_exit_status = 0


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    global _exit_status
    _exit_status = int(exitstatus)


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave without the final garbage collection once the results are reported.

    pytest's own unconfigure (unraisableexception.gc_collect_harder) and Python's
    finalization collect the Qt and pyqtgraph wrappers the tests left behind, and that
    can crash the process after "N passed" (reproduced: a segmentation fault in that
    gc pass), which would turn a green run red. Every result is written by now.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status)
