"""Sharing a Threadline file read-only through Datasette (``python main.py serve|publish``).

Datasette is an optional extra (``pip install -e '.[share]'``): nothing here imports it
except ``server``, and only when a command asks to serve. The rest writes the metadata
Datasette reads (labels, hidden tables, facets, canned queries) from the file itself, so
the desktop app and a colleague's browser say the same things about the same records.
"""
