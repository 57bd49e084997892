"""File ▸ Export data and Export chart in a window: never onto the open database or its
sidecars (by a symlink, a hard link or a ``..`` path), another Threadline database only
once confirmed, an existing file only once confirmed; CSV formulas neutralised unless
"Keep formulas as raw text" is ticked. QMessageBox's static calls are replaced, so the
tests see what the user would be asked or told."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from db.store import Store
from models.records import Event
from tests.bad_files import digest
from ui.export.data_dialog import ExportDataDialog
from ui.export.dialog import ExportChartDialog
from ui.main_window import MainWindow

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


class Boxes:
    """What the export said (warnings) and asked (questions), answered with ``answer``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton):
        self.warnings: list[str] = []
        self.questions: list[str] = []
        self.answer = answer
        monkeypatch.setattr(QMessageBox, "warning", self._warning)
        monkeypatch.setattr(QMessageBox, "question", self._question)

    def _warning(self, _parent, _title, text, *_args) -> QMessageBox.StandardButton:
        self.warnings.append(text)
        return QMessageBox.StandardButton.Ok

    def _question(self, _parent, _title, text, *_args) -> QMessageBox.StandardButton:
        self.questions.append(text)
        return self.answer


def _files(db: Path) -> dict[str, str]:
    """The database and each sidecar there is, by name, with their bytes' digests."""
    return {p.name: digest(p) for p in db.parent.iterdir()
            if p.name.startswith(db.name) and p.is_file()}


def _data_dialog(window: MainWindow, qtbot, target: Path, key: str = "json"
                 ) -> ExportDataDialog:
    dialog = ExportDataDialog(window.document, window)
    qtbot.addWidget(dialog)
    dialog.set_format(key)
    dialog.choose_path = lambda suggested: target  # type: ignore[method-assign]
    return dialog


Aim = Callable[[Path, Path], Path]
AIMS: dict[str, Aim] = {
    "symlink": lambda db, out: (out.symlink_to(db), out)[1],
    "hard link": lambda db, out: (os.link(db, out), out)[1],
    "dot-dot": lambda db, out: db.parent / ".." / db.parent.name / db.name,
    "-wal by symlink": lambda db, out: (out.symlink_to(f"{db}-wal"), out)[1],
    "-shm by symlink": lambda db, out: (out.symlink_to(f"{db}-shm"), out)[1],
}


@pytest.mark.parametrize("aim", sorted(AIMS))
def test_data_export_never_lands_on_the_open_database(window: MainWindow, qtbot, tmp_path,
                                                      monkeypatch, aim: str) -> None:
    db = Path(window.document.store.path)
    assert Path(f"{db}-wal").exists() and Path(f"{db}-shm").exists()  # held open in WAL
    target = AIMS[aim](db, tmp_path / "out.json")
    if aim == "dot-dot":
        target = target.with_name(db.name)  # the dialog adds .json: aim at db.json's twin
        db_json = db.with_name(db.name + ".json")
        os.symlink(db, db_json)
    boxes = Boxes(monkeypatch, Yes)  # even a careless Yes must not let it through
    before = _files(db)
    dialog = _data_dialog(window, qtbot, target)
    dialog.save()
    assert dialog.saved_path is None
    assert len(boxes.warnings) == 1 and "choose another output name" in boxes.warnings[0]
    assert boxes.questions == []
    assert digest(db) == before[db.name]
    window.document.store.counts()  # still readable


def test_chart_export_never_lands_on_the_open_database(window: MainWindow, qtbot, tmp_path,
                                                       monkeypatch) -> None:
    db = Path(window.document.store.path)
    target = tmp_path / "chart.png"
    target.symlink_to(db)
    boxes = Boxes(monkeypatch, Yes)
    before = digest(db)
    dialog = ExportChartDialog(window, window)
    qtbot.addWidget(dialog)
    dialog.choose_path = lambda suggested: target  # type: ignore[method-assign]
    dialog.save()
    assert dialog.saved_path is None and len(boxes.warnings) == 1
    assert "the database itself" in boxes.warnings[0]
    assert digest(db) == before and target.is_symlink()


@pytest.mark.parametrize("answer", [No, Yes])
def test_another_threadline_database_is_replaced_only_once_confirmed(
        window: MainWindow, qtbot, tmp_path, monkeypatch, answer) -> None:
    other = tmp_path / "other.json"
    Store.create(other).close()
    before = digest(other)
    boxes = Boxes(monkeypatch, answer)
    dialog = _data_dialog(window, qtbot, other)
    dialog.save()
    assert len(boxes.questions) == 1 and "Threadline database" in boxes.questions[0]
    if answer == No:
        assert digest(other) == before and dialog.saved_path is None
    else:
        assert other.read_text(encoding="utf-8").startswith("{")
        assert dialog.saved_path == other


@pytest.mark.parametrize("answer", [No, Yes])
def test_an_existing_file_is_replaced_only_once_confirmed(window: MainWindow, qtbot, tmp_path,
                                                         monkeypatch, answer) -> None:
    existing = tmp_path / "chart.png"
    existing.write_bytes(b"keep me")
    boxes = Boxes(monkeypatch, answer)
    dialog = ExportChartDialog(window, window)
    qtbot.addWidget(dialog)
    dialog.choose_path = lambda suggested: existing  # type: ignore[method-assign]
    dialog.save()
    assert len(boxes.questions) == 1 and "already exists" in boxes.questions[0]
    assert (existing.read_bytes() == b"keep me") == (answer == No)


@pytest.mark.parametrize("raw", [False, True])
def test_csv_formulas_are_neutralised_unless_kept_raw(window: MainWindow, qtbot, tmp_path,
                                                      monkeypatch, raw: bool) -> None:
    window.document.store.add_event(Event(title="=HYPERLINK(\"http://x\")", date="2001"))
    Boxes(monkeypatch, Yes)
    out = tmp_path / "events.csv"
    dialog = _data_dialog(window, qtbot, out, "csv-events")
    assert dialog.raw_box.isEnabled() and not dialog.raw_box.isChecked()
    dialog.raw_box.setChecked(raw)
    dialog.save()
    text = out.read_text(encoding="utf-8-sig")
    assert ("'=HYPERLINK" in text) != raw and "=HYPERLINK" in text
    dialog.set_format("json")
    assert not dialog.raw_box.isEnabled()


@pytest.mark.parametrize("aim", ["-wal", "another database"])
def test_save_a_copy_asks_or_refuses_like_an_export(workspace, sample_path: Path, tmp_path,
                                                    monkeypatch, aim: str) -> None:
    from PySide6.QtWidgets import QFileDialog

    window = workspace.open_path(sample_path)
    other = tmp_path / "other.db"
    Store.create(other).close()
    target = Path(f"{sample_path}-wal") if aim == "-wal" else other
    before = digest(target)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args, **_kwargs: (str(target), ""))
    boxes = Boxes(monkeypatch, No)
    assert workspace.save_copy(window) is None
    if aim == "-wal":
        assert len(boxes.warnings) == 1 and "-wal" in boxes.warnings[0]
        assert boxes.questions == []
    else:
        assert len(boxes.questions) == 1 and "Threadline database" in boxes.questions[0]
    assert digest(target) == before
