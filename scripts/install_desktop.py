"""Install Threadline's desktop entry, icons and MIME type for the current user (XDG).

    python scripts/install_desktop.py [--exec PROGRAM] [--data-home DIR | --prefix DIR]
    python scripts/install_desktop.py --uninstall [--data-home DIR | --prefix DIR]

Files go under the XDG data home (``$XDG_DATA_HOME``, default ``~/.local/share``), or
``DIR`` given by ``--data-home``, or ``PREFIX/share`` given by ``--prefix``:

    applications/app.threadline.Threadline.desktop      Exec = PROGRAM %f
    icons/hicolor/<N>x<N>/apps/app.threadline.Threadline.png, .../scalable/...svg
    mime/packages/app.threadline.Threadline.xml         application/x-threadline-database

``PROGRAM`` is by default the Python running this script (the project's venv when run
by ``make install-desktop``) followed by the absolute path of ``main.py``; give the
bundled binary (``dist/threadline/threadline``) with ``--exec``. Afterwards the desktop,
MIME and icon caches are refreshed with whichever of ``update-desktop-database``,
``update-mime-database``, ``gtk-update-icon-cache`` and ``xdg-icon-resource`` are
installed; a missing tool is skipped. ``--uninstall`` removes exactly the files listed
above and refreshes the caches again. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

APP_ID = "app.threadline.Threadline"
MIME_TYPE = "application/x-threadline-database"
ROOT = Path(__file__).resolve().parent.parent
DESKTOP_TEMPLATE = ROOT / "resources" / "desktop" / f"{APP_ID}.desktop"
MIME_PACKAGE = ROOT / "resources" / "desktop" / f"{APP_ID}.xml"
ICON_THEME = ROOT / "resources" / "icons" / "hicolor"

# Characters that make an Exec argument need double quotes (Desktop Entry spec, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def quote_exec_arg(arg: str) -> str:
    """One argument of an Exec line: quoted when it must be, ``%`` doubled."""
    if "\n" in arg or "\r" in arg:
        raise ValueError(f"a line break cannot appear in an Exec argument: {arg!r}")
    arg = arg.replace("%", "%%")
    if not arg or any(ch in _RESERVED for ch in arg):
        escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
        return f'"{escaped}"'
    return arg


def escape_string(value: str) -> str:
    """A value of type string in a desktop file: backslashes and control characters escaped."""
    return (value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


def exec_command(argv: Sequence[str]) -> str:
    """The Exec value (before `` %f``) that runs ``argv``."""
    return escape_string(" ".join(quote_exec_arg(arg) for arg in argv))


def default_command() -> list[str]:
    """This Python (a venv's own path, not its target, so the venv's packages load) + main.py."""
    return [os.path.abspath(sys.executable), str(ROOT / "main.py")]


def render_desktop(command: Sequence[str], template: Path = DESKTOP_TEMPLATE) -> str:
    """The desktop entry with ``@EXEC@`` and ``@TRYEXEC@`` filled in for ``command``."""
    text = template.read_text(encoding="utf-8")
    return (text.replace("@EXEC@", exec_command(command))
            .replace("@TRYEXEC@", escape_string(command[0])))


def data_home(data_home_dir: str | None = None, prefix: str | None = None) -> Path:
    """Where the files go: ``--data-home``, ``--prefix``/share, or the XDG data home."""
    if data_home_dir:
        return Path(data_home_dir).expanduser().absolute()
    if prefix:
        return Path(prefix).expanduser().absolute() / "share"
    xdg = os.environ.get("XDG_DATA_HOME", "")
    # The spec says a relative XDG_DATA_HOME is invalid and to be ignored.
    return Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"


def icon_files() -> list[Path]:
    """The icon theme files shipped, relative to ``resources/icons/hicolor``."""
    return sorted(p.relative_to(ICON_THEME) for p in ICON_THEME.glob(f"*/apps/{APP_ID}.*"))


def installed_paths(home: Path) -> list[Path]:
    """Every file an install writes under ``home`` (and an uninstall removes)."""
    return [home / "applications" / f"{APP_ID}.desktop",
            home / "mime" / "packages" / f"{APP_ID}.xml",
            *(home / "icons" / "hicolor" / rel for rel in icon_files())]


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    partial.chmod(0o644)
    os.replace(partial, path)


def install(home: Path, command: Sequence[str], refresh: bool = True) -> list[Path]:
    """Write the desktop entry, MIME package and icons under ``home``; the paths written."""
    desktop, mime, *icons = installed_paths(home)
    _write(desktop, render_desktop(command).encode("utf-8"))
    _write(mime, MIME_PACKAGE.read_bytes())
    for rel, target in zip(icon_files(), icons, strict=True):
        _write(target, (ICON_THEME / rel).read_bytes())
    if refresh:
        refresh_caches(home)
    return [desktop, mime, *icons]


def uninstall(home: Path, refresh: bool = True) -> list[Path]:
    """Remove what ``install`` writes under ``home``; the paths that were there."""
    removed = []
    for path in installed_paths(home):
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(path)
    if refresh:
        refresh_caches(home)
    return removed


def _run(argv: list[str]) -> None:
    """Run a cache tool if it is installed; a failure is reported, not fatal."""
    if shutil.which(argv[0]) is None:
        return
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"warning: {argv[0]}: {exc}", file=sys.stderr)
        return
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        print(f"warning: {' '.join(argv)} failed ({done.returncode})"
              + (f": {detail[-1]}" if detail else ""), file=sys.stderr)


def refresh_caches(home: Path) -> None:
    """Tell the desktop about the change with the tools that are present."""
    applications, mime, hicolor = home / "applications", home / "mime", home / "icons" / "hicolor"
    if applications.is_dir():
        _run(["update-desktop-database", "-q", str(applications)])
    if (mime / "packages").is_dir():
        _run(["update-mime-database", str(mime)])
    if hicolor.is_dir():
        os.utime(hicolor)  # icon caches compare the theme folder's time with their own
        if (hicolor / "icon-theme.cache").exists():  # keep an existing cache current
            _run(["gtk-update-icon-cache", "--quiet", "--force", "--ignore-theme-index",
                  str(hicolor)])
    if home == data_home():  # xdg-icon-resource knows only the standard places
        _run(["xdg-icon-resource", "forceupdate", "--mode", "user"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="install_desktop.py",
        description="Install (or remove) Threadline's desktop entry, icons and MIME type.")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--data-home", metavar="DIR",
                       help="install under DIR instead of $XDG_DATA_HOME (~/.local/share)")
    where.add_argument("--prefix", metavar="DIR", help="install under DIR/share")
    parser.add_argument("--exec", dest="program", metavar="PROGRAM",
                        help="the program the menu entry runs (default: this Python and "
                             "main.py); e.g. dist/threadline/threadline")
    parser.add_argument("--uninstall", action="store_true", help="remove what install wrote")
    parser.add_argument("--no-refresh", action="store_true",
                        help="do not run the desktop, MIME and icon cache tools")
    args = parser.parse_args(argv)
    home = data_home(args.data_home, args.prefix)
    refresh = not args.no_refresh
    if args.uninstall:
        removed = uninstall(home, refresh)
        for path in removed:
            print(f"removed {path}")
        if not removed:
            print(f"nothing of Threadline's was installed under {home}")
        return 0
    if args.program:
        program = Path(args.program).expanduser().absolute()
        if not (program.is_file() and os.access(program, os.X_OK)):
            parser.error(f"--exec: {program} is not an executable file")
        command = [str(program)]
    else:
        command = default_command()
    for path in install(home, command, refresh):
        print(f"installed {path}")
    print(f"Exec={exec_command(command)} %f")
    return 0


if __name__ == "__main__":
    sys.exit(main())
