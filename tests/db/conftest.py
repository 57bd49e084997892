"""Fixtures of the database tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from db.sample import build_sample
from db.store import Store


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The bundled sample, built once per module and open read-only."""
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    build_sample(path)
    store = Store.open(path, readonly=True)
    yield store
    store.close()
