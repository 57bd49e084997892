"""A Datasette plugin of this process: every request that could write is refused with 403.

Datasette serves the file immutable and runs only ``SELECT``, but a ``POST`` to a
canned query (``/NAME/chronology``) that is not a writing query crashed inside
Datasette 0.65 with a 500 page. Here any method but GET, HEAD and OPTIONS is answered
before Datasette sees it: ``403`` with one sentence, as JSON (``ok``, ``error``,
``status``, Datasette's own error shape). Imported only when serving (Datasette is an
optional extra).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from datasette import hookimpl

Scope = MutableMapping[str, Any]
Asgi = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]],
                Awaitable[None]]
READING = ("GET", "HEAD", "OPTIONS")
MESSAGE = ("This Threadline file is shared read-only: nothing can be written through "
           "this server (only reading: GET)")


def refuse_writes(app: Asgi) -> Asgi:
    """``app`` with every non-reading HTTP request answered 403 (one sentence)."""

    async def guarded(scope: Scope, receive: Callable[[], Awaitable[Any]],
                      send: Callable[[Any], Awaitable[None]]) -> None:
        if scope.get("type") == "http" and scope.get("method", "GET") not in READING:
            body = json.dumps({"ok": False, "error": MESSAGE, "status": 403}).encode()
            await send({"type": "http.response.start", "status": 403, "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"allow", b"GET, HEAD, OPTIONS")]})
            await send({"type": "http.response.body", "body": body})
            return
        await app(scope, receive, send)

    return guarded


@hookimpl
def asgi_wrapper(datasette: object) -> Callable[[Asgi], Asgi]:
    return refuse_writes


def register() -> None:
    """Install the plugin in this process's Datasette (once)."""
    from datasette.plugins import pm

    module = sys.modules[__name__]
    if not pm.is_registered(module):
        pm.register(module, name="threadline-read-only")
