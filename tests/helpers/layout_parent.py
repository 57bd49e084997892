"""Helper process: lay out a small network in the layout process, then wait to be killed.

Prints the layout process's pid once it has answered, then sleeps.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.graph import NetworkData
from ui.graph import layout_job


def main() -> None:
    network = NetworkData(ids=[1, 2, 3], names=["a", "b", "c"], kinds=["person"] * 3)
    layout_job._in_process(network, {}, frozenset(), 0)
    executor = layout_job._executor
    assert executor is not None
    print(" ".join(str(pid) for pid in executor._processes), flush=True)
    while True:
        time.sleep(1)


if __name__ == "__main__":
    main()
