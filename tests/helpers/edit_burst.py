"""Helper process for tests/test_crash_safety.py: add events one by one, forever.

    python edit_burst.py FILE.db

After each ``Store.add_event`` returns (its transaction committed) the new id is
printed and flushed: a printed id is a confirmed edit.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db.store import Store
from models.records import Event


def main() -> None:
    store = Store.open(sys.argv[1])
    number = 0
    while True:
        number += 1
        event_id = store.add_event(Event(title=f"Burst {number}", date="2001",
                                         summary="x" * 200, tags=[f"t{number % 7}"]))
        print(event_id, flush=True)


if __name__ == "__main__":
    main()
