"""Entry point of the PyInstaller bundle (scripts/threadline.spec): main.py's ``run``.

``multiprocessing.freeze_support()`` comes first: in a frozen app the graph panel's
layout process (spawned, see ui/graph/layout_job.py) and multiprocessing's resource
tracker are started as this same executable with special arguments, and must run the
child's code instead of the app. PyInstaller's runtime hook makes the call work on
Linux and macOS too, not only on Windows as in plain CPython.
"""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from main import run

    sys.exit(run(sys.argv[1:]))
