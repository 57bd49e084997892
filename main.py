"""Threadline: start the desktop app, or run one command on a database file.

    python main.py [FILE.db] [--screenshot OUT.png [--select KIND:NAME-OR-ID]]
                                                       open the window (or picture it)
    python main.py new FILE.db                         create an empty database
    python main.py sample FILE.db                      build the bundled sample database
    python main.py export FILE.db OUT [--format FMT] [--title TEXT]
        FMT: json, csv (a folder, OUT.zip, or OUT.csv for events alone), graphml,
        gexf, timelinejs (or OUT.timeline.json), html, md; default from OUT's name
    python main.py export FILE.db OUT.png|.svg|.pdf --chart timeline|graph
        [--from DATE] [--to DATE] [--width W] [--height H] [--scale S] [--dpi D]
        [--page a4|a4-landscape|letter|letter-landscape] [--credit TEXT]
        [--lanes none|category|entity] [--transparent] [--title TEXT]
        [--select KIND:NAME-OR-ID [--show-selection]] [--relationship-kinds]
    python main.py import FILE.db IN.json|IN.csv|IN.xlsx|IN.ods [--format FMT] [--map FIELD=COLUMN]
    python main.py serve FILE.db [--port N] [--host ADDR] [--exclude-notes]
                                                       share it read-only in a browser
    python main.py publish FILE.db OUTDIR [--exclude-notes] [--force]
                                                       a folder to deploy with Datasette
    python main.py extract FILE.db ARTICLE.txt|.html|.pdf|.docx [--json] [--save]
        [--title TEXT] [--add-anyway]      propose events, names and relationships

Errors are one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

EXIT_USAGE = 2
COMMANDS = ("new", "sample", "export", "import", "extract", "serve", "publish")


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
    parser.add_argument("--select", metavar="KIND:NAME-OR-ID",
                        help='with --screenshot: the record selected, e.g. "entity:Kim '
                             'Dong-myung" or event:12 (kinds: event, entity, source, '
                             "relationship)")
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="create an empty database")
    new.add_argument("file", type=Path)
    sample = commands.add_parser("sample", help="build the bundled sample database")
    sample.add_argument("file", type=Path)
    _export_parser(commands)
    _import_parser(commands)
    _extract_parser(commands)
    _share_parsers(commands)
    return parser


EXPORT_FORMATS = ("json", "csv", "csv-events", "graphml", "gexf", "timelinejs", "html", "md",
                  "xlsx")
CHART_FORMATS = ("png", "svg", "pdf")
CHART_OPTIONS = ("from_date", "to_date", "width", "height", "scale", "dpi", "lanes",
                 "transparent", "page", "credit", "show_selection", "relationship_kinds",
                 "chart_select")
PAGES = ("a4", "a4-landscape", "letter", "letter-landscape")
IMPORT_FORMATS = ("json", "csv", "xlsx", "ods")
_CSV_HELP = """CSV import: one event per row, all or nothing. Columns are found by header
(case, spaces and _ ignored); FIELD <- default header(s):
  date <- date (required)            end_date <- end_date, end date
  title <- title (required)          summary <- summary, description
  category, location, tags, notes <- the same name
  participants <- participants: 'Name; Name (role); organization:Name (role)'
                  (a known name, native name or alias links to that entity,
                  otherwise a new entity is made: a person unless kind: says)
  source <- source, source title (a known title, otherwise a new source)
  locator, excerpt, confidence <- the same name (cite the source on the event)
--map FIELD=COLUMN reads FIELD from another column; FIELD= skips it."""


def _export_parser(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export", help="write the database to a file, or draw a chart of it",
        description="Write the database to OUT; --format defaults to OUT's extension: "
                    ".json, .zip or a folder (CSV of every kind; .csv with --format "
                    "csv-events for the events alone), .graphml, .gexf, .timeline.json "
                    "(TimelineJS), .html, .md. With --chart, draw the timeline or the "
                    "relationship graph as .png, .svg or .pdf.")
    export.add_argument("file", type=Path)
    export.add_argument("out", type=Path)
    export.add_argument("--format", choices=EXPORT_FORMATS + CHART_FORMATS, default=None)
    export.add_argument("--no-bom", action="store_true",
                        help="CSV without the UTF-8 byte-order mark Excel needs")
    export.add_argument("--force", action="store_true",
                        help="replace OUT even if it is another Threadline database")
    export.add_argument("--raw-csv", action="store_true",
                        help="CSV: keep text that starts with = + - @ as it is (by default "
                             "a leading ' stops spreadsheets running it as a formula)")
    export.add_argument("--title", default=None,
                        help="title of reports, timelines and charts (default: the database's "
                             "own title; \"\" for none)")
    chart = export.add_argument_group("charts")
    chart.add_argument("--chart", choices=("timeline", "graph"), default=None,
                       help="draw this chart instead of writing the data")
    chart.add_argument("--from", dest="from_date", metavar="DATE",
                       help="first date shown (the graph: relationships active from then)")
    chart.add_argument("--to", dest="to_date", metavar="DATE", help="last date shown")
    chart.add_argument("--width", type=int,
                       help="width in pixels (default: 1600, the graph 1400)")
    chart.add_argument("--height", type=int,
                       help="height in pixels (default: the timeline as high as its lanes, "
                            "the graph 1000)")
    chart.add_argument("--scale", type=float, default=1.0,
                       help="PNG pixels per layout pixel: 2 draws a sharper PNG of the "
                            "same layout (default 1)")
    chart.add_argument("--dpi", type=float, default=96,
                       help="print resolution: the size of a PDF page, a PNG's stated dpi")
    chart.add_argument("--lanes", choices=("none", "category", "entity"),
                       help="timeline lanes (default: one lane)")
    chart.add_argument("--transparent", action="store_true", help="no background")
    chart.add_argument("--page", choices=PAGES, type=str.lower,
                       help="a paper page instead of --width/--height: the PDF is that page, "
                            "a PNG or SVG that page at --dpi")
    chart.add_argument("--credit", metavar="TEXT",
                       help='a line under the chart, e.g. "Source: …; made with Threadline"')
    chart.add_argument("--select", dest="chart_select", metavar="KIND:NAME-OR-ID",
                       help='the record selected, e.g. "entity:Kim Dong-myung" or event:12')
    chart.add_argument("--show-selection", action="store_true",
                       help="keep the emphasis of the --select record (the rest faded)")
    chart.add_argument("--relationship-kinds", action="store_true",
                       help="graph: write each relationship's kind on its line")


def _extract_parser(commands: argparse._SubParsersAction) -> None:
    extract = commands.add_parser(
        "extract", help="propose the events, names and relationships of an article")
    extract.add_argument("file", type=Path)
    extract.add_argument("article", type=Path, help="a .txt, .html, .pdf or .docx file")
    extract.add_argument("--json", action="store_true", help="print the proposals as JSON")
    extract.add_argument("--save", action="store_true",
                         help="save the article as a source with every proposal, in one "
                              "transaction (one undo step)")
    extract.add_argument("--title", help="the source's title (default: the file's, or its name)")
    extract.add_argument("--add-anyway", action="store_true",
                         help="with --save: add the source even if one has the same title, "
                              "and new names even if the file has them (else linked)")


def _import_parser(commands: argparse._SubParsersAction) -> None:
    imp = commands.add_parser("import", help="add the records of a file, all or nothing",
                              description="Add the records of a Threadline JSON file or "
                                          "the events of a CSV file or of an .xlsx/.ods "
                                          "workbook's 'events' sheet, all or nothing.",
                              epilog=_CSV_HELP,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    imp.add_argument("file", type=Path)
    imp.add_argument("input", type=Path)
    imp.add_argument("--format", choices=IMPORT_FORMATS, default=None)
    imp.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                     help="CSV and spreadsheets: read FIELD from COLUMN (repeatable)")


def _share_parsers(commands: argparse._SubParsersAction) -> None:
    notes = "leave the notes of events, entities, relationships and sources out"
    serve = commands.add_parser(
        "serve", help="share the database read-only in a browser (Datasette)",
        description="Serve FILE read-only through Datasette until Ctrl+C: labelled tables, "
                    "facets, search and canned queries (chronology, connections, what a "
                    "source supports, uncited records). Needs the 'share' extra.")
    serve.add_argument("file", type=Path)
    serve.add_argument("--port", type=int, default=8001, help="port (default 8001)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1, this machine only; "
                            "0.0.0.0 for the network)")
    serve.add_argument("--exclude-notes", action="store_true", help=notes)
    publish = commands.add_parser(
        "publish", help="write a folder to deploy with datasette publish",
        description="Write OUTDIR: a copy of FILE, Datasette's metadata for it and a "
                    "README.md naming the commands that deploy it. Contacts nothing.")
    publish.add_argument("file", type=Path)
    publish.add_argument("outdir", type=Path)
    publish.add_argument("--exclude-notes", action="store_true", help=notes)
    publish.add_argument("--force", action="store_true",
                         help="write into a folder that holds other files")


def _format_of(path: Path, given: str | None) -> str:
    fmt = given or path.suffix.lower().lstrip(".")
    if fmt not in IMPORT_FORMATS:
        raise CommandError(f"cannot tell the format of {path.name}; give --format "
                           f"{' or '.join(IMPORT_FORMATS)}")
    return fmt


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip():
            raise CommandError(f"--map wants FIELD=COLUMN, not {pair!r}")
        mapping[field.strip()] = column.strip()
    return mapping


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
    from db.export import FORMATS, export_to, format_of
    from db.store import Store

    suffix = args.out.suffix.lower().lstrip(".")
    fmt = args.format or (suffix if suffix in CHART_FORMATS else format_of(args.out))
    if args.chart or fmt in CHART_FORMATS:
        return _export_chart(args, fmt)
    defaults = {"scale": 1.0, "dpi": 96, "transparent": False, "show_selection": False,
                "relationship_kinds": False}
    given = [f"--{name.removesuffix('_date').removeprefix('chart_').replace('_', '-')}"
             for name in CHART_OPTIONS
             if getattr(args, name) != defaults.get(name)]
    if given:
        raise CommandError(f"{', '.join(given)} {'is' if len(given) == 1 else 'are'} for "
                           "charts: add --chart timeline or --chart graph")
    if fmt is None:
        raise CommandError(f"cannot tell the format of {args.out.name}; give --format "
                           f"{', '.join(FORMATS)}")
    from db.export.atomic import guard_output

    guard_output(args.out, args.file, args.force)  # before the database is even opened
    with Store.open(args.file, readonly=True) as store:
        export_to(store, args.out, fmt, title=args.title, bom=not args.no_bom,
                  force=args.force, raw_csv=args.raw_csv)
    print(f"exported {args.file} to {args.out} ({fmt})")
    return 0


def _export_chart(args: argparse.Namespace, fmt: str | None) -> int:
    if args.chart is None:
        raise CommandError(f"{args.out.name} is a chart: give --chart timeline or "
                           "--chart graph")
    if fmt not in CHART_FORMATS:
        raise CommandError(f"a chart is written as {', '.join(CHART_FORMATS)}, not "
                           f"{fmt or args.out.name}: name OUT .png, .svg or .pdf, or give "
                           "--format")
    from db.export.atomic import guard_output
    from ui.export.cli import ChartRequest, export_chart_file

    guard_output(args.out, args.file, args.force)

    first = _day(args.from_date, "--from", last=False)
    last = _day(args.to_date, "--to", last=True)
    if first is not None and last is not None and last <= first:
        raise CommandError(f"--from {args.from_date} is after --to {args.to_date}")
    request = ChartRequest(args.chart, first, last, args.width, args.height, args.scale,
                           args.dpi, args.transparent, args.lanes, args.title, args.credit,
                           args.page, args.show_selection, args.relationship_kinds,
                           args.chart_select)
    export_chart_file(args.file, args.out, fmt, request, args.force)
    print(f"exported {args.file} to {args.out} ({args.chart} chart, {fmt})")
    return 0


def _check_screenshot(args: argparse.Namespace) -> None:
    """--select only pictures a selection; a screenshot never writes over its database,
    its sidecars or another Threadline database."""
    if args.select and args.screenshot is None:
        raise CommandError("--select is for --screenshot")
    if args.screenshot is not None:
        from db.export.atomic import guard_output

        guard_output(args.screenshot, args.file)


def _day(text: str | None, option: str, last: bool) -> float | None:
    """The first day a date can be (or the day after its last, for --to)."""
    if text is None:
        return None
    from models.dates import DateParseError, parse_date

    try:
        date = parse_date(text)
    except DateParseError as exc:
        raise CommandError(f"{option}: {exc}") from None
    return float(date.latest + 1 if last else date.earliest)


def cmd_import(args: argparse.Namespace) -> int:
    from db.store import Store

    fmt = _format_of(args.input, args.format)
    if args.map and fmt == "json":
        raise CommandError("--map is for CSV and spreadsheet imports only")
    from db import ops

    if fmt == "csv":
        mapping = _mapping(args.map)
        with Store.open(args.file, exclusive=True) as store:
            changes = ops.import_csv(store, args.input, mapping, undoable=False)
    elif fmt in ("xlsx", "ods"):
        with Store.open(args.file, exclusive=True) as store:
            changes = ops.import_sheet(store, args.input, _mapping(args.map), undoable=False)
    else:
        with Store.open(args.file, exclusive=True) as store:
            changes = ops.import_json(store, Path(args.input), args.input.name,
                                      undoable=False)
    counts = changes.counts
    print(f"imported into {args.file}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from db.serve.server import ServeRequest, serve

    if not 1 <= args.port <= 65535:
        raise CommandError(f"--port {args.port} is not a port (1-65535)")
    serve(ServeRequest(args.file, args.host, args.port, args.exclude_notes),
          announce=lambda line: print(line, flush=True))
    print(f"stopped serving {args.file}")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from db.serve.publish import publish
    from db.serve.server import DatasetteMissing, datasette_major

    try:
        major = datasette_major()
    except DatasetteMissing:
        major = 0  # the folder is for a host that installs Datasette itself
    written = publish(args.file, args.outdir, args.exclude_notes, args.force, major)
    print(f"published {args.file} to {args.outdir}: {', '.join(p.name for p in written)} "
          f"(deploy: see {args.outdir / 'README.md'})")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    import json

    from db.store import Store
    from models.intake import TextTooLongError, propose_drafts
    from models.intake.proposals import accept_all, as_json
    from models.intake.reading import ArticleError, read_article
    from models.records import Source

    try:
        article = read_article(args.article)
    except ArticleError as exc:
        raise CommandError(str(exc)) from exc
    title = args.title or article.title or args.article.stem
    with Store.open(args.file, readonly=not args.save, exclusive=args.save) as store:
        known = [(e.id, e.all_names()) for e in store.entities() if e.id is not None]
        try:
            drafts = propose_drafts(article.text, known)
        except TextTooLongError as exc:
            raise CommandError(str(exc)) from exc
        if args.save:
            from db import ops

            same = [s for s in store.sources() if s.title.casefold() == title.casefold()]
            if same and not args.add_anyway:
                raise CommandError(f"{args.file} already has a source titled ‘{title}’ "
                                   f"(id {same[0].id}); nothing written (--add-anyway adds "
                                   "it again)")
            ops.save_source(store, accept_all(Source(title, content=article.text), drafts,
                                              known, args.add_anyway))
    data = as_json(drafts, known)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(f"{args.article.name}: {len(data['events'])} events, {len(data['names'])} names, "
              f"{len(data['relationships'])} relationships"
              + (f" saved into {args.file}" if args.save else " (nothing written)"))
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": cmd_new, "sample": cmd_sample, "export": cmd_export, "import": cmd_import,
    "serve": cmd_serve, "publish": cmd_publish,
    "extract": cmd_extract,
}


def run(argv: Sequence[str]) -> int:
    """Parse ``argv`` and run it; known errors become one ``error:`` line."""
    from db.errors import StoreError, one_line

    try:
        if argv and argv[0] in COMMANDS:
            args = _command_parser().parse_args(argv)
            return HANDLERS[args.command](args)
        args = _gui_parser().parse_args(argv)
        _check_screenshot(args)
        from ui.app import run_gui

        return run_gui(args.file, screenshot=args.screenshot, select=args.select)
    except (CommandError, StoreError) as exc:
        print(f"error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
