"""pytest plugin for mutation runs (``make mutate``): the session ends by returning.

mutmut runs pytest inside its own process (``pytest.main``) and reads the exit status
of each run: a hard ``os._exit`` at the end of a session (tests/conftest.py) would end
mutmut itself, or report every mutant as survived. This swaps the conftest's ``os``
for one whose ``_exit`` does nothing; the conftest is untouched for every other run.
"""

from __future__ import annotations

import os
import types
from typing import Any


class _NoHardExit(types.SimpleNamespace):
    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    @staticmethod
    def _exit(status: int) -> None:
        """Leave it to pytest.main to return ``status``."""


def pytest_plugin_registered(plugin: object, manager: object) -> None:
    if getattr(plugin, "os", None) is os and hasattr(plugin, "pytest_unconfigure"):
        plugin.os = _NoHardExit()  # type: ignore[attr-defined]
