"""A database's own title and description, kept in its ``settings`` table.

Charts and reports are headed by the database's title, never by its file name: a file is
renamed, copied and named for the disk ("case-2024_v3.db"), a title is written for
readers. The title lives in the existing ``settings`` key/value table, so no migration is
needed and a file made before titles existed still opens; such a file (or one whose title
was cleared) gets the title a new file of its name would be given, derived once from the
name the user chose when creating it and never stored until the user sets one.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from db.errors import ReadOnlyError, ValidationError

TITLE_KEY = "title"
DESCRIPTION_KEY = "description"
MAX_TITLE_CHARS = 200
MAX_DESCRIPTION_CHARS = 2000


def derived_title(path: str | Path) -> str:
    """A readable title from the name the file was created with: "taiwan_korea-notes.db"
    gives "Taiwan korea notes"; a name with nothing readable gives "Threadline database"."""
    words = re.sub(r"[\s_\-.]+", " ", Path(path).stem).strip()
    return (words[:1].upper() + words[1:]) if words else "Threadline database"


class StoreMeta:
    """``Store``'s title and description (see the module doc)."""

    conn: sqlite3.Connection
    path: Path
    readonly: bool
    transaction: Callable[[], AbstractContextManager[None]]

    def _setting(self, key: str) -> str:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return str(row[0]).strip() if row else ""

    def _set_setting(self, key: str, value: str) -> None:
        if self.readonly:
            raise ReadOnlyError(f"{self.path} is open read-only")
        with self.transaction():
            if value:
                self.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                  (key, value))
            else:
                self.conn.execute("DELETE FROM settings WHERE key = ?", (key,))

    def title(self) -> str:
        """The stored title, else the one derived from the file's name (module doc)."""
        return self._setting(TITLE_KEY) or derived_title(self.path)

    def description(self) -> str:
        return self._setting(DESCRIPTION_KEY)

    def set_title(self, title: str) -> None:
        """Store ``title`` (one line); an empty title goes back to the derived one."""
        title = " ".join(title.split())
        if len(title) > MAX_TITLE_CHARS:
            raise ValidationError(f"a title is at most {MAX_TITLE_CHARS} characters, "
                                  f"not {len(title):,}")
        self._set_setting(TITLE_KEY, title)

    def set_description(self, description: str) -> None:
        description = description.strip()
        if len(description) > MAX_DESCRIPTION_CHARS:
            raise ValidationError(f"a description is at most {MAX_DESCRIPTION_CHARS:,} "
                                  f"characters, not {len(description):,}")
        self._set_setting(DESCRIPTION_KEY, description)
