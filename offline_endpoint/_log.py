"""The request log: records, analysis helpers and stdlib-only client helpers."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from ._hold import HoldRules

__all__ = [
    "RequestRecord",
    "endpoint_info",
    "fetch_log",
    "max_in_flight",
    "overlapping",
    "reset_endpoint",
    "root_url",
    "set_faults",
    "set_hold",
]


@dataclass(frozen=True)
class RequestRecord:
    """One request seen by the endpoint.

    Times are seconds since the server started (``time.monotonic``; the origin is
    ``origin_monotonic`` in ``GET /_epic/info``): ``received`` when the handler started,
    ``first_byte`` just before the first body bytes were written (the whole body of a
    non-streamed reply or an error, the first ``data:`` chunk of a stream), ``finished``
    just before the last bytes were written.  The record is stored before those last
    bytes go out, so a client that has its reply always finds the record in the log.
    ``status`` is the HTTP status, or 499 when the client went away before the end.
    ``prompt`` is the last user message (chat), the prompt (completions) or the input
    text (responses, embeddings); ``tokens`` the completion tokens sent. ``released`` is
    when the reply of a request held back by a hold (``offline_endpoint._hold``) was let
    go, its latency counting from then; None for a request that was not held.
    """

    id: int
    path: str
    model: str
    prompt: str
    stream: bool
    status: int
    received: float
    first_byte: float
    finished: float
    tokens: int
    released: float | None = None

    def to_json(self) -> dict[str, Any]:
        """The record as a JSON-compatible dict."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RequestRecord:
        """Inverse of :meth:`to_json` (unknown keys are ignored)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def overlapping(a: RequestRecord, b: RequestRecord) -> bool:
    """Whether the two requests were in flight at the same time (open intervals)."""
    return a.received < b.finished and b.received < a.finished


def max_in_flight(records: Iterable[RequestRecord]) -> int:
    """The largest number of requests in flight at one instant.

    A request is in flight on ``[received, finished)``; one that finished at the very
    instant another was received does not overlap it.
    """
    events: list[tuple[float, int]] = []
    for r in records:
        events.append((r.received, 1))
        events.append((r.finished, -1))
    events.sort()  # at equal times -1 sorts before +1
    best = current = 0
    for _, delta in events:
        current += delta
        best = max(best, current)
    return best


def root_url(base_url: str) -> str:
    """``http://host:port`` from a base URL such as ``http://host:port/v1``."""
    url = base_url.rstrip("/")
    if url.endswith("/v1"):
        url = url[: -len("/v1")]
    return url


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _call(base_url: str, path: str, payload: object = None, timeout: float = 10.0) -> Any:
    data = None if payload is None else json.dumps(payload).encode("utf-8")
    request = urllib.request.Request(
        root_url(base_url) + path,
        data=data,
        method="GET" if data is None else "POST",
        headers={"Content-Type": "application/json"},
    )
    with _OPENER.open(request, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def fetch_log(base_url: str) -> list[RequestRecord]:
    """The endpoint's request log (GET ``/_epic/log``), ordered by id."""
    return [RequestRecord.from_json(item) for item in _call(base_url, "/_epic/log")]


def reset_endpoint(base_url: str) -> None:
    """Clear the log, the fail-once memory, the fault plan and the hold (POST ``/_epic/reset``)."""
    _call(base_url, "/_epic/reset", {})


def set_faults(base_url: str, status: int, count: int = 1) -> None:
    """Make the next ``count`` API requests fail with ``status`` (POST ``/_epic/faults``)."""
    _call(base_url, "/_epic/faults", {"status": status, "count": count})


def set_hold(base_url: str, rules: HoldRules) -> None:
    """Hold replies back by ``rules`` until the next reset (POST ``/_epic/hold``)."""
    _call(base_url, "/_epic/hold", rules.to_json())


def endpoint_info(base_url: str) -> dict[str, Any]:
    """Server settings and clock origin (GET ``/_epic/info``)."""
    info: dict[str, Any] = _call(base_url, "/_epic/info")
    return info


def _records_json(records: Sequence[RequestRecord]) -> list[dict[str, Any]]:
    return [r.to_json() for r in records]
