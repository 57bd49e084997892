"""``publish``: a folder to deploy with ``datasette publish``, written without going online.

The folder holds a copy of the database (``db.serve.copies``, notes left out if asked),
Datasette's metadata for it and a README.md naming the commands that deploy it. Nothing
is contacted: the guide is for the researcher to run when they choose a host.

A publish never writes over its own input: the folder may not be the database, nor the
folder the database lies in under the copy's name. A folder that already holds files is
only written into when an earlier publish made it (its ``MARKER`` file) or with
``force``; nothing in it is deleted either way.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from db.errors import FileMissingError, StoreError
from db.serve.copies import share_copy
from db.serve.metadata import FileFacts, build_metadata, read_facts, split_for, write_json

MARKER = ".threadline-publish.json"


def publish(path: Path, outdir: Path, exclude_notes: bool = False, force: bool = False,
            datasette_major: int = 0) -> list[Path]:
    """Write the folder (see module doc); return the files written."""
    copy = outdir / path.name
    _check_outdir(path, outdir, copy, force)  # paths alone: nothing opened yet
    facts = read_facts(path)  # refuses what Threadline would refuse, before any write
    outdir.mkdir(exist_ok=True)
    share_copy(path, copy, exclude_notes)
    metadata, config = split_for(build_metadata(facts), datasette_major)
    written = [copy, outdir / "metadata.json", outdir / "README.md"]
    write_json(metadata, outdir / "metadata.json")
    if config is not None:
        written.append(outdir / "datasette.json")
        write_json(config, outdir / "datasette.json")
    guide = guide_text(facts, copy.name, exclude_notes, config is not None)
    (outdir / "README.md").write_text(guide, encoding="utf-8")
    write_json({"database": copy.name, "exclude_notes": exclude_notes,
                "files": [p.name for p in written]}, outdir / MARKER)
    return written


def _check_outdir(path: Path, outdir: Path, copy: Path, force: bool) -> None:
    source = path.resolve()
    inputs = {source, *(Path(f"{source}{s}") for s in ("-wal", "-shm", "-journal"))}
    if outdir.resolve() == source:
        raise StoreError(f"{outdir} is the database itself; choose a folder to write into")
    if outdir.exists() and not outdir.is_dir():
        raise StoreError(f"{outdir} is a file, not a folder; choose a folder to write into")
    if not outdir.exists() and not outdir.parent.is_dir():
        raise FileMissingError(f"no such folder: {outdir.parent}")
    targets = [copy, outdir / "metadata.json", outdir / "datasette.json",
               outdir / "README.md", outdir / MARKER]
    if any(t.resolve() in inputs for t in targets):
        raise StoreError(f"{outdir} holds the database itself, which the copy would "
                         "replace; choose another folder")
    if outdir.is_dir() and any(outdir.iterdir()) and not (outdir / MARKER).is_file() \
            and not force:
        raise StoreError(f"{outdir} is not empty and was not written by publish; choose an "
                         "empty folder, or add --force to write into it")


def _service_name(name: str) -> str:
    """A host's service name from the file's name: lower case letters, digits, dashes."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"threadline-{slug}"[:50].rstrip("-")


def guide_text(facts: FileFacts, db_file: str, exclude_notes: bool, v1: bool) -> str:
    """The README.md of a publish folder: what it holds and how to deploy it."""
    db, service = shlex.quote(db_file), _service_name(facts.name)
    flags = "--metadata metadata.json" + (" --config datasette.json" if v1 else "")
    notes = ("left out (blanked, and gone from the search index)" if exclude_notes
             else "included; publish again with --exclude-notes to leave them out")
    return f"""# Publishing “{facts.title}” with Datasette

This folder was written by Threadline's `publish` command. Nothing has been sent
anywhere. It holds:

- `{db_file}`: a copy of the database as it was when published. Notes are {notes}.
- `metadata.json`{" and `datasette.json`" if v1 else ""}: titles and labels of every table
  and column, hidden internal tables, facets, and the canned queries (chronology,
  connections, everything a source supports, uncited records, search).
- `{MARKER}`: marks the folder as publish output, so publishing again may update it.

Install Datasette first: `pip install 'datasette>=0.65,<2'`. Then, from this folder:

Look at it on this machine (read-only: `-i` opens the file immutable):

    datasette serve -i {db} {flags}

Google Cloud Run (needs the `gcloud` command, signed in to a project):

    datasette publish cloudrun {db} {flags} --service {service}

Vercel (needs a Vercel account and the plugin):

    datasette install datasette-publish-vercel
    datasette publish vercel {db} {flags} --project {service}

Fly.io (needs `flyctl`, signed in, and the plugin):

    datasette install datasette-publish-fly
    datasette publish fly {db} {flags} --app {service}

`datasette publish` deploys every database file immutable (the deployed server runs
`datasette serve -i`), so nothing a browser does can change it. Check it once deployed:
`/-/databases.json` lists the database with `"is_mutable": false`.

To publish newer data, run `python main.py publish` again into this folder and deploy
again: the copy here is what is deployed, never the file you work in.
"""

