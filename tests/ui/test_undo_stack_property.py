"""Random edits through the undo stack: undo all restores the export, redo all replays it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from db import ops
from db.errors import ValidationError
from db.jsonio import dumps, export_data
from db.store import Store
from models.records import Entity, Source
from tests.edits import apply_edit, random_edits
from ui.document import Document


def _seed(store: Store) -> None:
    store.add_source(Source(title="seed"))
    store.add_entity(Entity(kind="organization", name="o"))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(random_edits)
def test_undo_all_and_redo_all_through_the_stack(qapp, tmp_path_factory, actions) -> None:
    path = tmp_path_factory.mktemp("stack") / "t.db"
    with Store.create(path) as store:
        document = Document(store)
        document.apply(lambda s: ops.run(s, "seed", lambda: _seed(s)))
        document.undo_stack.clear()
        start = dumps(export_data(store))
        for action in actions:
            try:
                document.apply(lambda s, action=action: apply_edit(s, action))
            except ValidationError:
                continue
        end = dumps(export_data(store))
        stack = document.undo_stack
        while stack.canUndo():
            stack.undo()
        assert dumps(export_data(store)) == start
        while stack.canRedo():
            stack.redo()
        assert dumps(export_data(store)) == end
