"""The test command cannot pass by accident: a failure before or after the tests is red.

Each case runs pytest on this project (its own conftest and settings) in a child process,
with one planted fault, on a single quick test, and checks the exit status.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ONE_TEST = "tests/models/test_dates.py::test_long_text_is_handled"

PLUGINS = {
    "configure": '''
def pytest_configure(config):
    raise RuntimeError("planted: broken at configure")
''',
    "unconfigure": '''
def pytest_unconfigure(config):
    raise RuntimeError("planted: broken after the tests")
''',
    "late_del": '''
class Late:
    def __del__(self):
        raise RuntimeError("planted: broken in __del__ at the last collection")


def pytest_sessionfinish(session, exitstatus):
    late = Late()
    late.cycle = late  # freed only by a collection, after the results are reported
''',
}


def _run_pytest(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           *args, ONE_TEST], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def test_the_quick_test_passes_without_a_fault(tmp_path: Path) -> None:
    """The baseline of the cases below: the same command is green when nothing is planted,
    and every test runs under the project's timeout, which dumps every thread's stack."""
    result = _run_pytest(tmp_path, "-v")  # with -q: the default verbosity, header shown
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    assert "timeout: 120.0s" in result.stdout and "timeout method: thread" in result.stdout


@pytest.mark.parametrize("fault", sorted(PLUGINS))
def test_a_planted_fault_makes_the_run_fail(tmp_path: Path, fault: str) -> None:
    (tmp_path / f"planted_{fault}.py").write_text(PLUGINS[fault], encoding="utf-8")
    result = _run_pytest(tmp_path, "-p", f"planted_{fault}")
    assert result.returncode != 0, result.stdout + result.stderr
    assert "planted: broken" in result.stdout + result.stderr


def test_a_broken_qt_install_makes_the_run_fail(tmp_path: Path) -> None:
    """A PySide6 that cannot load (say, a system library missing) stops pytest-qt."""
    fake = tmp_path / "PySide6"
    fake.mkdir()
    (fake / "__init__.py").write_text(
        'raise ImportError("planted: libEGL.so.1: cannot open shared object file")\n',
        encoding="utf-8")
    result = _run_pytest(tmp_path)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "planted: libEGL" in result.stdout + result.stderr
    assert "passed" not in result.stdout


def test_a_hung_test_fails_the_run_with_every_threads_stack(tmp_path: Path) -> None:
    """The project's timeout, shortened here: a test that never ends is stopped, the run
    fails, and the stacks say where it hung."""
    (tmp_path / "planted_hang.py").write_text(
        "import time\n\n\ndef pytest_runtest_call(item):\n    time.sleep(600)\n",
        encoding="utf-8")
    result = _run_pytest(tmp_path, "-p", "planted_hang", "-o", "timeout=3")
    assert result.returncode != 0, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "Timeout" in output and "Stack of MainThread" in output
    assert "planted_hang.py" in output  # the hung frame is in the dump
