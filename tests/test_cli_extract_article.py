"""`extract` in its own process on an article none of the rules were written against:
its JSON is what the assistant proposes (the dialog's very proposals), with a new name
that repeats an entity of the file marked ``same_as``; ``--save`` links that name to the
entity, and ``--add-anyway`` adds it as a new one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from db.store import Store
from models.intake import propose_drafts
from models.intake.proposals import as_json
from models.records import Entity
from ui.dialogs.source_dialog import SourceDialog
from ui.document import Document

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests" / "models" / "articles" / "water_summit.txt"


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "lake.db"
    with Store.create(path) as store:
        store.add_entity(Entity(kind="person", name="Grace Nyambure"))  # a near spelling
        store.add_entity(Entity(kind="organization", name="Makerere University"))
    return path


def _extract(database: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "extract", str(database),
                           str(ARTICLE), *flags], capture_output=True, text=True, env=env,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done


def _known(database: Path) -> list[tuple[int, list[str]]]:
    with Store.open(database, readonly=True) as store:
        return [(e.id, e.all_names()) for e in store.entities() if e.id is not None]


def test_json_is_the_assistants_proposals(database: Path) -> None:
    data = json.loads(_extract(database, "--json").stdout)
    known = _known(database)
    assert data == as_json(propose_drafts(ARTICLE.read_text(encoding="utf-8"), known), known)
    names = {n["name"]: n for n in data["names"]}
    assert names["Grace Nyambura"]["same_as"] == "Grace Nyambure"
    assert names["Makerere University"]["known"] and names["Kampala"]["same_as"] is None
    assert names["Lake Victoria Basin Commission"]["aliases"] == ["LVBC"]
    thursday = next(e for e in data["events"] if e["date"] == "on Thursday")
    assert (thursday["earliest"], thursday["inferred"]) == ("2025-03-06", True)
    entebbe = next(e for e in data["events"] if "Entebbe" in e["excerpt"])
    assert "Grace Nyambura" in entebbe["participants"]  # "Nyambura said …"


def test_the_dialog_proposes_the_same(qtbot, database: Path) -> None:
    data = json.loads(_extract(database, "--json").stdout)
    with Store.open(database) as store:
        dialog = SourceDialog(Document(store), None)
        qtbot.addWidget(dialog)
        dialog.confirm_discard = lambda: True  # type: ignore[method-assign]
        dialog.text_edit.setPlainText(ARTICLE.read_text(encoding="utf-8"))
        qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
        view = dialog.drafts_view
        events = [(view.events.item(r, 0).text(), view.events.item(r, 1).text())
                  for r in range(view.events.rowCount())]
        new = [(view.new.item(r, 0).text(), view.new.cellWidget(r, 1).currentText())
               for r in range(view.new.rowCount())]
        relations = [tuple(view.relations.item(r, c).text() for c in range(3))
                     for r in range(view.relations.rowCount())]
        dialog.reject()
    assert events == [(e["title"], e["date_text"]) for e in data["events"]]
    assert new == [(n["name"], n["kind"]) for n in data["names"] if not n["known"]]
    assert relations == [(r["from"], r["kind"], r["to"]) for r in data["relationships"]]


def test_save_links_a_repeated_name_unless_told_to_add_it(database: Path) -> None:
    _extract(database, "--save", "--title", "Water pact")
    with Store.open(database, readonly=True) as store:
        people = {e.name: e.id for e in store.entities() if e.kind == "person"}
        assert "Grace Nyambura" not in people
        entebbe = next(e for e in store.events() if "Entebbe" in e.summary)
        assert people["Grace Nyambure"] in {p.entity_id for p in entebbe.participants}
    _extract(database, "--save", "--title", "Water pact", "--add-anyway")
    with Store.open(database, readonly=True) as store:
        assert {"Grace Nyambure", "Grace Nyambura"} <= {e.name for e in store.entities()}
