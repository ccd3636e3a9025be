"""Shared fixtures: offline endpoints that live for the whole test session, and a
temporary working directory for the command-line tests."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from offline_endpoint import Endpoint, LatencyModel, serve_in_subprocess

#: Latency of the golden runs: 50 ms to the first token plus 2 ms per token, so a reply
#: of 8..24 tokens takes about 70-100 ms: long enough for overlap to be unmistakable in
#: the request log, short enough for the whole suite to stay fast.
GOLDEN_LATENCY = LatencyModel(ttft=0.05, per_token=0.002)


class Endpoints:
    """Offline endpoints started on first use and stopped at the end of the session.

    ``get()`` is the endpoint with :data:`GOLDEN_LATENCY`; ``get(0.2)`` one whose every
    reply takes 0.2 s (a case's ``latency=`` flag); ``get(lane=1)`` a second endpoint
    with the same latency, so that two scripts can run at the same time, each with a
    request log of its own. Each runs in its own subprocess, so the server never
    competes with the test process for the GIL.
    """

    def __init__(self, stack: contextlib.ExitStack) -> None:
        self._stack = stack
        self._started: dict[tuple[float | None, int], Endpoint] = {}
        self._lock = threading.Lock()  # runs are started from worker threads

    def get(self, latency: float | None = None, *, lane: int = 0) -> Endpoint:
        with self._lock:
            endpoint = self._started.get((latency, lane))
            if endpoint is None:
                model = (
                    GOLDEN_LATENCY if latency is None else LatencyModel(ttft=latency, per_token=0)
                )
                endpoint = self._stack.enter_context(serve_in_subprocess(latency=model))
                self._started[latency, lane] = endpoint
            return endpoint


@pytest.fixture(scope="session")
def endpoints() -> Iterator[Endpoints]:
    with contextlib.ExitStack() as stack:
        yield Endpoints(stack)


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run in a temp dir, with no pyproject.toml above it and no EPIC_DEBUG (a module
    uses it for all its tests with ``pytestmark = pytest.mark.usefixtures("isolated")``)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EPIC_DEBUG", raising=False)
    yield


def write(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 bytes (no newline translation), making the folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path
