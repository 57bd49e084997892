"""The citations editor every record dialog shows: where each fact comes from.

A row is one citation: which source (by title), where in it (locator), the passage
(excerpt) and how credible the information is, graded 1–6 as in the Admiralty code (or
not graded). A row without a source is refused next to it, since a citation of nothing
cannot be written. The editor gives ``CitationDraft`` values; ``db.ops.write_citations``
then makes the file match them with the fewest writes — unchanged citations are not
rewritten, so undo history and ids stay put.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from db.evidence import grade_code
from models.edits import CitationDraft
from models.labels import CREDIBILITY, RELIABILITY
from models.records import Citation, Source
from ui.dialogs.base import EditorRow, RowsEditor
from ui.dialogs.passage_reader import PassageReader

NOT_GRADED = "not graded"


class CitationRow(EditorRow):
    """Source and credibility on the first line; locator and excerpt on the second
    (one line would not fit a dialog of reasonable width)."""

    def __init__(self, sources: list[Source]) -> None:
        super().__init__("citation")
        self.citation_id: int | None = None
        self.source = self._source_combo(sources)
        self.credibility = QComboBox()
        self.credibility.addItem(NOT_GRADED, None)
        for grade, label in CREDIBILITY.items():
            self.credibility.addItem(label, grade)
        self.credibility.setToolTip("How credible the information is (1 = confirmed)")
        self.locator = QLineEdit(placeholderText="Where: page, paragraph…")
        self.excerpt = QLineEdit(placeholderText="Excerpt: the passage it rests on")
        self.line.addWidget(self.source, 1)
        self.line.addWidget(self.credibility)
        self.grade = QLabel()
        self.grade.setTextFormat(Qt.TextFormat.PlainText)  # only ever a code, never markup
        bold = self.grade.font()
        bold.setBold(True)
        self.grade.setFont(bold)
        self.grade.setAccessibleName("Grade")
        self.line.addWidget(self.grade)
        self.line.addWidget(self.remove_button)
        second = QHBoxLayout()
        second.addWidget(self.locator, 2)
        second.addWidget(self.excerpt, 3)
        self.read_button = QToolButton(text="Read", toolTip="Show the passage in the source's "
                                       "text (when the source keeps its text)")
        self.read_button.clicked.connect(self.read_passage)
        second.addWidget(self.read_button)
        self._sources = {s.id: s for s in sources}
        self.layout().insertLayout(1, second)
        self.setFrameShape(EditorRow.Shape.StyledPanel)
        self.layout().setContentsMargins(6, 6, 6, 6)
        self.source.currentIndexChanged.connect(self.changed)
        self.source.currentIndexChanged.connect(self._update_read)
        self._update_read()
        self.credibility.currentIndexChanged.connect(self.changed)
        self.source.currentIndexChanged.connect(self._update_grade)
        self.credibility.currentIndexChanged.connect(self._update_grade)
        self._update_grade()
        self.locator.textChanged.connect(self.changed)
        self.excerpt.textChanged.connect(self.changed)

    @staticmethod
    def _source_combo(sources: list[Source]) -> QComboBox:
        combo = QComboBox()
        combo.addItem("Choose a source…", None)
        for source in sources:
            combo.addItem(source.title, source.id)
            combo.setItemData(combo.count() - 1, source.title, Qt.ItemDataRole.ToolTipRole)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(18)
        return combo

    def number(self, n: int) -> None:
        super().number(n)
        self.source.setAccessibleName(f"Source of citation {n}")
        self.credibility.setAccessibleName(f"Credibility of citation {n}")
        self.locator.setAccessibleName(f"Locator of citation {n}")
        self.excerpt.setAccessibleName(f"Excerpt of citation {n}")

    def fields(self) -> list[QWidget]:
        return [self.source, self.credibility, self.locator, self.excerpt]

    def set_citation(self, citation: Citation | CitationDraft) -> None:
        self.citation_id = citation.id
        found = self.source.findData(citation.source_id)
        self.source.setCurrentIndex(max(found, 0))
        self.credibility.setCurrentIndex(max(self.credibility.findData(citation.confidence), 0))
        self.locator.setText(citation.locator)
        self.excerpt.setText(citation.excerpt)
        for edit in (self.locator, self.excerpt):
            edit.setCursorPosition(0)  # show the start of a long passage, not its end

    def _update_grade(self) -> None:
        """The Admiralty code of the row as chosen: the source's letter, this digit."""
        source = self._sources.get(self.source_id())
        reliability = source.reliability if source else ""
        confidence = self.credibility.currentData()
        self.grade.setText(grade_code(reliability, confidence))
        self.grade.setToolTip(
            f"Source: {RELIABILITY.get(reliability, 'not graded')}; information: "
            f"{CREDIBILITY.get(confidence, 'not graded') if confidence else 'not graded'}")

    def _update_read(self) -> None:
        source = self._sources.get(self.source_id())
        self.read_button.setEnabled(bool(source and source.content.strip()))

    def read_passage(self) -> PassageReader | None:
        """Open the source's text at this citation's passage (non-modal)."""
        source = self._sources.get(self.source_id())
        if source is None or not source.content.strip():
            return None
        reader = PassageReader(source, self.locator.text().strip(), self.excerpt.text(), self)
        reader.show()
        return reader

    def source_id(self) -> int | None:
        data = self.source.currentData()
        return None if data is None else int(data)

    def state(self) -> tuple[object, ...]:
        return (self.source_id(), self.credibility.currentData(), self.locator.text(),
                self.excerpt.text())

    def problem(self) -> str:
        return "" if self.source_id() is not None else "Choose a source, or remove this row."

    def value(self) -> CitationDraft:
        source_id = self.source_id()
        assert source_id is not None, "value() of an unchecked row"
        return CitationDraft(source_id, self.locator.text().strip(), self.excerpt.text().strip(),
                             self.credibility.currentData(), self.citation_id)


class CitationsEditor(RowsEditor):
    """The citations of one record; reused by the event, entity and relationship dialogs."""

    def __init__(self, sources: list[Source]) -> None:
        super().__init__("Add citation", "No sources cited yet.")
        self.sources = sources
        self.add_button.setEnabled(bool(sources))
        if not sources:
            self.empty.setText("No sources cited yet. Add a source to the file first to cite it.")

    def make_row(self) -> CitationRow:
        return CitationRow(self.sources)

    def set_citations(self, citations: Iterable[Citation | CitationDraft]) -> None:
        self.clear()
        for citation in citations:
            row = self.add_row()
            assert isinstance(row, CitationRow)
            row.set_citation(citation)

    def citations(self) -> list[CitationDraft]:
        """The rows' citations; call only once ``check()`` passed."""
        return [row.value() for row in self.rows if isinstance(row, CitationRow)]

