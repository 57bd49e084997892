"""The date field says which forms it accepts, and accepts them."""

from __future__ import annotations

from models.dates import parse_date
from ui.dialogs.fields import DateField


def test_the_date_field_hints_at_the_accepted_forms(qtbot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    for form in ("spring 2023", "Q3 2022", "12/05/2023", "2022年12月", "2010-XX"):
        assert form in field.edit.toolTip()
        parse_date(form)
    field.setText("Q3 2022")
    assert field.is_valid()
