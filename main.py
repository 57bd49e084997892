"""Threadline: start the desktop app, or run one command on a database file.

    python main.py [FILE.db] [--screenshot OUT.png]    open the window
    python main.py new FILE.db                         create an empty database
    python main.py sample FILE.db                      build the bundled sample database
    python main.py export FILE.db OUT.json --format json
    python main.py import FILE.db IN.json --format json

Errors are one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

EXIT_USAGE = 2
COMMANDS = ("new", "sample", "export", "import")


class CommandError(Exception):
    """A problem the user can fix; printed as ``error: <message>``."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise CommandError(f"{message} (see: python main.py --help)")


def _gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py", description="Threadline: timelines and relationships "
                     "of events, people and organizations, with their sources.",
                     epilog=f"commands: {', '.join(COMMANDS)} (python main.py COMMAND --help)")
    parser.add_argument("file", nargs="?", type=Path, help="database to open")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png",
                        help="render the main window offscreen to a PNG and exit")
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="create an empty database")
    new.add_argument("file", type=Path)
    sample = commands.add_parser("sample", help="build the bundled sample database")
    sample.add_argument("file", type=Path)
    export = commands.add_parser("export", help="write the database to a file")
    export.add_argument("file", type=Path)
    export.add_argument("out", type=Path)
    export.add_argument("--format", choices=["json"], default=None)
    imp = commands.add_parser("import", help="add the records of a file, all or nothing")
    imp.add_argument("file", type=Path)
    imp.add_argument("input", type=Path)
    imp.add_argument("--format", choices=["json"], default=None)
    return parser


def _format_of(path: Path, given: str | None) -> str:
    fmt = given or path.suffix.lower().lstrip(".")
    if fmt != "json":
        raise CommandError(f"cannot tell the format of {path.name}; give --format json")
    return fmt


def cmd_new(args: argparse.Namespace) -> int:
    from db.store import Store

    Store.create(args.file).close()
    print(f"created {args.file}")
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    from db.sample import build_sample

    counts = build_sample(args.file)
    print(f"built {args.file}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from db.jsonio import dumps, export_data
    from db.store import Store

    _format_of(args.out, args.format)
    with Store.open(args.file, readonly=True) as store:
        text = dumps(export_data(store))
    _write_atomically(args.out, text)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from db.jsonio import import_data, loads
    from db.store import Store

    _format_of(args.input, args.format)
    text = _read_text(args.input)
    data = loads(text)
    with Store.open(args.file) as store:
        counts = import_data(store, data)
    print(f"imported into {args.file}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return 0


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise CommandError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise CommandError(f"{path} is a folder, not a file") from None
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path} is not UTF-8 text (byte {exc.start})") from None


def _write_atomically(path: Path, text: str) -> None:
    """Write next to the target and rename, so a failure never leaves half a file."""
    if not path.parent.is_dir():
        raise CommandError(f"no such folder: {path.parent}")
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise CommandError(f"cannot write {path}: {exc.strerror}") from None


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": cmd_new, "sample": cmd_sample, "export": cmd_export, "import": cmd_import,
}


def run(argv: Sequence[str]) -> int:
    """Parse ``argv`` and run it; known errors become one ``error:`` line."""
    from db.errors import StoreError

    try:
        if argv and argv[0] in COMMANDS:
            args = _command_parser().parse_args(argv)
            return HANDLERS[args.command](args)
        args = _gui_parser().parse_args(argv)
        from ui.app import run_gui

        return run_gui(args.file, screenshot=args.screenshot)
    except (CommandError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
