"""Running the endpoint: in a thread, in a subprocess, or from the command line."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from aiohttp import web

from ._app import create_app
from ._hold import DEFAULT_QUIET, HoldRules
from ._latency import LatencyModel
from ._log import (
    RequestRecord,
    endpoint_info,
    fetch_log,
    reset_endpoint,
    root_url,
    set_faults,
    set_hold,
)

__all__ = ["Endpoint", "cli_main", "is_loopback", "serve_in_subprocess", "serve_in_thread"]

_URL_PREFIX = "OPENAI_BASE_URL="
_SHUTDOWN_TIMEOUT = 0.5  # seconds granted to in-flight requests when the server stops
_BACKLOG = 8192  # benchmarks open thousands of connections at once


class Endpoint:
    """Handle on a running offline endpoint (what the ``serve_in_*`` helpers yield).

    ``base_url`` is what the openai client needs (``http://127.0.0.1:PORT/v1``);
    ``log()``, ``reset()``, ``set_faults()``, ``set_hold()`` and ``info()`` talk to the control routes
    over HTTP, so they work the same for a thread or a subprocess server.
    """

    def __init__(
        self, base_url: str, latency: LatencyModel, retry_after: float, pid: int | None = None
    ) -> None:
        self.base_url = base_url
        self.latency = latency
        self.retry_after = retry_after
        self.pid = pid

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:PORT`` (where the ``/_epic`` control routes live)."""
        return root_url(self.base_url)

    def log(self) -> list[RequestRecord]:
        """The request log, ordered by request id."""
        return fetch_log(self.base_url)

    def reset(self) -> None:
        """Clear the log (ids restart at 1), the fail-once memory, the fault plan and the hold."""
        reset_endpoint(self.base_url)

    def set_faults(self, status: int, count: int = 1) -> None:
        """Fail the next ``count`` API requests with HTTP ``status``."""
        set_faults(self.base_url, status, count)

    def set_hold(
        self,
        in_flight: int = 0,
        until: tuple[tuple[str, str], ...] = (),
        quiet: float = DEFAULT_QUIET,
    ) -> None:
        """Hold replies back until ``in_flight`` requests are in flight at once, and the
        reply of a request whose prompt contains Y until one containing X arrived, for
        each ``(X, Y)`` of ``until`` (``offline_endpoint._hold``); a reset ends it."""
        set_hold(self.base_url, HoldRules(in_flight, until, quiet))

    def info(self) -> dict[str, Any]:
        """Server settings and ``origin_monotonic``, the clock origin of the log."""
        return endpoint_info(self.base_url)

    def __repr__(self) -> str:
        return f"Endpoint({self.base_url!r}, {self.latency!r})"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is ``localhost`` or a loopback IP address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _require_loopback(host: str) -> str:
    if not is_loopback(host):
        raise ValueError(
            f"refusing to listen on {host!r}: the offline endpoint has no authentication and only "
            "serves loopback addresses (127.0.0.1, ::1, localhost)"
        )
    return "127.0.0.1" if host == "localhost" else host


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/v1"


async def _start(
    latency: LatencyModel, host: str, port: int, retry_after: float
) -> tuple[web.AppRunner, str]:
    app = create_app(latency, retry_after=retry_after)
    runner = web.AppRunner(
        app, access_log=None, handler_cancellation=True, shutdown_timeout=_SHUTDOWN_TIMEOUT
    )
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port, backlog=_BACKLOG)
        await site.start()
        bound = runner.addresses[0][1]
    except BaseException:
        await runner.cleanup()
        raise
    return runner, _url(host, int(bound))


@contextlib.contextmanager
def serve_in_thread(
    latency: LatencyModel | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    retry_after: float = 0.05,
    startup_timeout: float = 30.0,
) -> Iterator[Endpoint]:
    """Run the endpoint on its own event loop in a daemon thread of this process.

    Good for tests.  Benchmarks should prefer :func:`serve_in_subprocess`, which does
    not share the GIL with the client being measured.  ``port=0`` picks a free port.
    """
    host = _require_loopback(host)
    model = latency if latency is not None else LatencyModel()
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    started: dict[str, Any] = {}

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            runner, url = loop.run_until_complete(_start(model, host, port, retry_after))
        except BaseException as exc:  # reported to the caller
            started["error"] = exc
            ready.set()
            loop.close()
            return
        started["url"] = url
        ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(runner.cleanup())
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    thread = threading.Thread(target=run, name="offline-endpoint", daemon=True)
    thread.start()
    if not ready.wait(startup_timeout):
        raise RuntimeError("offline endpoint thread did not start in time")
    if "error" in started:
        thread.join()
        raise RuntimeError(f"offline endpoint failed to start: {started['error']!r}") from started[
            "error"
        ]
    try:
        yield Endpoint(started["url"], model, retry_after)
    finally:
        with contextlib.suppress(RuntimeError):  # the loop is already closed
            loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=30)


def _read_first_line(stream: IO[bytes], timeout: float) -> bytes | None:
    lines: queue.Queue[bytes] = queue.Queue()

    def reader() -> None:
        lines.put(stream.readline())
        for _ in stream:  # keep draining so the server can never block on stdout
            pass

    threading.Thread(target=reader, name="offline-endpoint-stdout", daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return None


@contextlib.contextmanager
def serve_in_subprocess(
    latency: LatencyModel | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    retry_after: float = 0.05,
    startup_timeout: float = 30.0,
) -> Iterator[Endpoint]:
    """Run ``python -m offline_endpoint`` in a child process for the duration of the block.

    The URL is read from the child's first stdout line.  The child is terminated on
    exit, and also stops by itself if this process dies (it watches its stdin).
    """
    host = _require_loopback(host)
    model = latency if latency is not None else LatencyModel()
    command = [
        sys.executable, "-m", "offline_endpoint",
        "--host", host, "--port", str(port),
        "--ttft", repr(model.ttft), "--per-token", repr(model.per_token), "--scale", repr(model.scale),
        "--retry-after", repr(retry_after), "--exit-on-stdin-eof",
    ]  # fmt: skip
    env = dict(os.environ)
    package_parent = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    try:
        assert proc.stdout is not None
        line = _read_first_line(proc.stdout, startup_timeout)
        text = (line or b"").decode("utf-8", "replace").strip()
        if not text.startswith(_URL_PREFIX):
            code = proc.poll()
            detail = "timed out" if line is None else f"exit code {code}, first line {text!r}"
            raise RuntimeError(
                f"offline endpoint subprocess did not start ({detail}); command: {command}"
            )
        yield Endpoint(text[len(_URL_PREFIX) :], model, retry_after, pid=proc.pid)
    finally:
        stop_subprocess(proc)


def stop_subprocess(proc: subprocess.Popen[bytes]) -> None:
    """Terminate an endpoint subprocess (kill it if it does not stop in 10 s) and close
    its pipes."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()


def _raise_file_limit() -> None:
    """Allow as many open sockets as the hard limit permits (10,000 in-flight calls)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else 1 << 20
    if soft != resource.RLIM_INFINITY and soft < target:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


async def _serve_forever(
    latency: LatencyModel, host: str, port: int, retry_after: float, watch_stdin: bool
) -> None:
    runner, url = await _start(latency, host, port, retry_after)
    print(f"{_URL_PREFIX}{url}", flush=True)
    print(
        f"offline endpoint on {url}: ttft={latency.ttft}s per_token={latency.per_token}s scale={latency.scale} "
        f"retry_after={retry_after}s (Ctrl-C to stop)",
        file=sys.stderr,
        flush=True,
    )
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    import signal

    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
    if watch_stdin and sys.stdin is not None:
        fd = sys.stdin.fileno()

        def watch() -> None:
            # os.read, not sys.stdin: a daemon thread blocked inside a buffered reader
            # holds its lock and aborts interpreter shutdown.
            with contextlib.suppress(OSError):
                while os.read(fd, 65536):
                    pass
            with contextlib.suppress(RuntimeError):  # the loop may already be closed
                loop.call_soon_threadsafe(stop.set)

        threading.Thread(target=watch, name="stdin-watch", daemon=True).start()
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m offline_endpoint",
        description="Offline OpenAI-compatible endpoint with deterministic content and latency. "
        "Prints 'OPENAI_BASE_URL=http://HOST:PORT/v1' as its first stdout line, then serves "
        "until SIGINT/SIGTERM.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=0, help="port (default 0: a free port)")
    parser.add_argument(
        "--ttft", type=float, default=0.3, help="time to first token, seconds (default 0.3)"
    )
    parser.add_argument(
        "--per-token", type=float, default=0.02, help="seconds per further token (default 0.02)"
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiplies every delay (default 1.0)"
    )
    parser.add_argument(
        "--retry-after",
        type=float,
        default=0.05,
        help="seconds announced by 429 replies (default 0.05)",
    )
    parser.add_argument(
        "--exit-on-stdin-eof",
        action="store_true",
        help="stop when stdin is closed (used by serve_in_subprocess)",
    )
    return parser


def cli_main(argv: list[str] | None = None) -> int:
    """Command line entry point (``python -m offline_endpoint``, ``epic serve``); returns the exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help or a usage error: argparse already printed
        return exc.code if isinstance(exc.code, int) else 2
    try:
        host = _require_loopback(args.host)
        latency = LatencyModel(ttft=args.ttft, per_token=args.per_token, scale=args.scale)
        if args.retry_after < 0:
            raise ValueError("--retry-after must be >= 0")
    except ValueError as exc:
        print(f"offline_endpoint: {exc}", file=sys.stderr)
        return 2
    _raise_file_limit()
    try:
        asyncio.run(
            _serve_forever(latency, host, args.port, args.retry_after, args.exit_on_stdin_eof)
        )
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        print(f"offline_endpoint: cannot listen on {host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    return 0
