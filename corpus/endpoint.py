"""The offline endpoint, also recording the method, path and body of every API request.

The endpoint's own request log (``/_epic/log``) keeps the path, model and last user
message of each request, which is enough to see overlap but not to tell two requests
apart that differ only in an earlier message, a system prompt, ``temperature`` or
``max_tokens``. The corpus compares whole requests, so this runs the very same endpoint
(``offline_endpoint.cli_main``, the application of ``offline_endpoint.create_app``) with
one middleware added that records each ``/v1/...`` request as it arrives, readable at
``GET /_corpus/requests`` and cleared by the endpoint's own ``POST /_epic/reset``.

Run as ``python corpus/endpoint.py [offline_endpoint options]``; from Python, use
:func:`serve_recording`.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the endpoint package is in the checkout
    sys.path.insert(0, str(ROOT))

import offline_endpoint._server as _server  # noqa: E402
from offline_endpoint import Endpoint, LatencyModel, cli_main, create_app  # noqa: E402

_URL_PREFIX = "OPENAI_BASE_URL="
_RECORDS = web.AppKey("corpus_requests", list[dict[str, str]])
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One API request as the client sent it."""

    method: str
    path: str  # with the query string, if any
    body: str  # canonical JSON when the body is JSON, else the text as sent

    def to_json(self) -> dict[str, str]:
        return {"method": self.method, "path": self.path, "body": self.body}


def canonical_body(raw: bytes) -> str:
    """The body as canonical JSON (sorted keys), or as text when it is not JSON."""
    text = raw.decode("utf-8", "replace")
    if not text:
        return ""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def _record(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.path.startswith("/v1/"):
        raw = await request.read()  # aiohttp keeps the body: the handler reads it again
        path = request.path + (f"?{request.query_string}" if request.query_string else "")
        request.app[_RECORDS].append(
            {"method": request.method, "path": path, "body": canonical_body(raw)}
        )
    elif request.path == "/_epic/reset" and request.method == "POST":
        request.app[_RECORDS].clear()
    return await handler(request)


async def _requests(request: web.Request) -> web.Response:
    return web.json_response(request.app[_RECORDS].copy())


def create_recording_app(
    latency: LatencyModel | None = None, *, retry_after: float = 0.05
) -> web.Application:
    """``offline_endpoint.create_app`` plus the recording middleware and its route."""
    app = create_app(latency, retry_after=retry_after)
    records: list[dict[str, str]] = []
    app[_RECORDS] = records
    app.middlewares.append(_record)
    app.router.add_get("/_corpus/requests", _requests, allow_head=False)
    return app


class RecordingEndpoint(Endpoint):
    """An :class:`offline_endpoint.Endpoint` that can also list the requests as sent."""

    def requests(self) -> list[RecordedRequest]:
        """Every API request since the last reset, in order of arrival."""
        with _OPENER.open(self.root_url + "/_corpus/requests", timeout=10) as response:
            items: list[dict[str, Any]] = json.loads(response.read().decode("utf-8"))
        return [RecordedRequest(i["method"], i["path"], i["body"]) for i in items]


@contextlib.contextmanager
def serve_recording(
    latency: LatencyModel, *, retry_after: float = 0.05, startup_timeout: float = 30.0
) -> Iterator[RecordingEndpoint]:
    """Run the recording endpoint in a child process for the duration of the block.

    The child is the endpoint's own command line (``--exit-on-stdin-eof``: it stops by
    itself if this process dies), started through this file.
    """
    command = [
        sys.executable, str(Path(__file__).resolve()),
        "--ttft", repr(latency.ttft), "--per-token", repr(latency.per_token),
        "--scale", repr(latency.scale), "--retry-after", repr(retry_after),
        "--exit-on-stdin-eof",
    ]  # fmt: skip
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    try:
        assert proc.stdout is not None
        # The same start-up handshake as offline_endpoint.serve_in_subprocess.
        line = _server._read_first_line(proc.stdout, startup_timeout)
        text = (line or b"").decode("utf-8", "replace").strip()
        if not text.startswith(_URL_PREFIX):
            raise RuntimeError(f"recording endpoint did not start: {text!r} ({command})")
        yield RecordingEndpoint(text[len(_URL_PREFIX) :], latency, retry_after, pid=proc.pid)
    finally:
        _server.stop_subprocess(proc)


def main(argv: list[str] | None = None) -> int:
    # The endpoint's command line builds its application with ``create_app``; in this
    # process (and only here) that is the recording one.
    _server.create_app = create_recording_app  # type: ignore[attr-defined]
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
