"""The bundled sample database, built from its readable JSON source in resources/sample/."""

from __future__ import annotations

from pathlib import Path

from db.jsonio import import_data, load_file
from db.store import Store

SAMPLE_JSON = Path(__file__).resolve().parent.parent / "resources" / "sample" / "taiwan_korea.json"
SAMPLE_TITLE = "Taiwan–South Korea engagement"
SAMPLE_DESCRIPTION = ("Diplomacy, parliamentary and military exchanges, semiconductors and "
                      "public opinion between Taiwan and South Korea, 1974–2025, as two "
                      "articles tell them.")


def build_sample(path: str | Path, source: Path = SAMPLE_JSON) -> dict[str, int]:
    """Create ``path`` holding the sample; the file is removed again if the build fails."""
    path = Path(path)
    data = load_file(source)
    store = Store.create(path, title=SAMPLE_TITLE)
    try:
        store.set_description(SAMPLE_DESCRIPTION)
        counts = import_data(store, data)
    except BaseException:
        store.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    store.close()
    return counts
