"""What the Store's writing mixins (``db.writes``, ``db.claims``) take from ``Store``:
its two handles on the file, its transaction and its record check. ``Store`` defines
the methods, so these bodies never run; they name what a mixin may call."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


class StoreBase:
    conn: sqlite3.Connection
    db: sqlite_utils.Database

    def transaction(self) -> AbstractContextManager[None]:  # pragma: no cover - Store's
        raise NotImplementedError

    def exists(self, kind: str, record_id: int) -> bool:  # pragma: no cover - Store's
        raise NotImplementedError
