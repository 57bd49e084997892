"""The "Inferred" field of the event and relationship dialogs: a checkbox, and the
reasoning, which is kept as a line of the record's notes ("Inferred: …").

An inferred date or relationship is one the sources imply rather than state; the
timeline and the network draw it apart. Saying how it was inferred lets a reader check
it: the reasoning is asked for beside the box and written into the notes by
``models.edits.with_inference``, in the same write (and undo step) as the record.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QVBoxLayout, QWidget

from models.edits import inference_of, with_inference
from ui.dialogs.base import named


class InferredField(QWidget):
    """"Inferred, not stated" and, while it is ticked, how it was inferred."""

    def __init__(self, what: str) -> None:
        super().__init__()
        self.box = named(QCheckBox(f"Inferred: the sources imply {what} rather than state "
                                   "it"), "Inferred")
        self.reasoning = named(QLineEdit(placeholderText="How it was inferred (kept in the "
                                                         "notes)"), "How it was inferred")
        self.reasoning.setEnabled(False)
        self.box.toggled.connect(self.reasoning.setEnabled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.reasoning)

    def load(self, inferred: bool, notes: str) -> None:
        self.box.setChecked(inferred)
        self.reasoning.setText(inference_of(notes))

    def is_inferred(self) -> bool:
        return self.box.isChecked()

    def notes(self, notes: str) -> str:
        """``notes`` with the reasoning written in (or taken out when not inferred)."""
        return with_inference(notes, self.box.isChecked(), self.reasoning.text())

    def state(self) -> tuple[bool, str]:
        return self.box.isChecked(), self.reasoning.text()

    def widgets(self) -> list[QWidget]:
        return [self.box, self.reasoning]
