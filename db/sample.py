"""The bundled sample database, built from its readable JSON source in resources/sample/."""

from __future__ import annotations

from pathlib import Path

from db.jsonio import import_data, load_file
from db.store import Store

SAMPLE_JSON = Path(__file__).resolve().parent.parent / "resources" / "sample" / "taiwan_korea.json"


def build_sample(path: str | Path, source: Path = SAMPLE_JSON) -> dict[str, int]:
    """Create ``path`` holding the sample; the file is removed again if the build fails."""
    path = Path(path)
    data = load_file(source)
    store = Store.create(path)
    try:
        counts = import_data(store, data)
    except BaseException:
        store.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    store.close()
    return counts
