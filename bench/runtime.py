"""Runtime shim overhead: what a spawned task, a ``spawn_after`` join, a ``to_thread``
call and a request through ``epic.http_client()`` cost on top of plain asyncio/httpx,
and the memory held by 10,000 calls in flight, with the concurrency cap off and on.

No network: coroutines are trivial or wait on an event, blocking calls wait on a
``threading.Event``, and HTTP requests go to an in-process mock transport.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import statistics
import threading
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import runtime_shim as epic


async def _noop() -> int:
    return 1


def _blocking_noop() -> int:
    return 1


def _httpx() -> Any:
    """The httpx package the installed openai builds on (httpx or httpx2)."""
    import openai

    for cls in openai.DefaultAsyncHttpxClient.__mro__:
        package = cls.__module__.partition(".")[0]
        if cls.__name__ == "AsyncClient" and package.startswith("httpx"):
            return importlib.import_module(package)
    raise RuntimeError("openai's http client is not built on httpx")


# ------------------------------------------------------------------ per-call time


async def _bare_tasks(n: int) -> None:
    tasks = [asyncio.create_task(_noop()) for _ in range(n)]
    for t in tasks:
        await t


async def _scope_spawn(n: int) -> None:
    async with epic.scope() as scope:
        tasks = [scope.spawn(_noop()) for _ in range(n)]
        for t in tasks:
            await t


async def _after(dep: Awaitable[int]) -> int:
    return (await dep) + 1


async def _bare_after(n: int) -> None:
    dep = asyncio.create_task(_noop())
    tasks = [asyncio.create_task(_after(dep)) for _ in range(n)]
    for t in tasks:
        await t


async def _scope_spawn_after(n: int) -> None:
    async with epic.scope() as scope:
        dep = scope.spawn(_noop())
        tasks = [scope.spawn_after(lambda v: v + 1, dep) for _ in range(n)]
        for t in tasks:
            await t


async def _scope_spawn_after_async(n: int) -> None:
    async with epic.scope() as scope:
        dep = scope.spawn(_noop())
        tasks = [scope.spawn_after(lambda v: _noop(), dep) for _ in range(n)]
        for t in tasks:
            await t


async def _bare_to_thread(n: int) -> None:
    await asyncio.gather(*(asyncio.to_thread(_blocking_noop) for _ in range(n)))


async def _epic_to_thread(n: int) -> None:
    await asyncio.gather(*(epic.to_thread(_blocking_noop) for _ in range(n)))


async def _body() -> Any:
    yield b'{"ok": true}'


def _mock_transport(httpx: Any, gate: asyncio.Event | None = None) -> Any:
    # The body is streamed, as over a real connection.  (A pre-read body, e.g.
    # ``httpx.Response(200, json=...)``, is closed before the shim's slot-holding stream
    # ever sees it, so under a cap its slot is never given back.)
    async def handler(request: Any) -> Any:
        if gate is not None:
            await gate.wait()
        return httpx.Response(200, headers={"content-type": "application/json"}, content=_body())

    return httpx.MockTransport(handler)


def _http_run(capped: bool) -> Callable[[int], Coroutine[Any, Any, None]]:
    async def run(n: int) -> None:
        httpx = _httpx()
        transport = _mock_transport(httpx)
        client = (
            epic.http_client(transport=transport)
            if capped
            else httpx.AsyncClient(transport=transport)
        )
        async with client:
            responses = await asyncio.gather(
                *(client.get("http://bench.invalid/") for _ in range(n))
            )
        assert all(r.status_code == 200 for r in responses)

    return run


def _time_per_call(
    body: Callable[[int], Coroutine[Any, Any, None]], n: int, repeat: int, limit: int | None
) -> float:
    """Median seconds per call of ``body(n)``, each repeat on a fresh event loop."""
    samples = []
    for _ in range(repeat):
        epic.set_concurrency_limit(limit)
        try:
            gc.collect()
            start = time.perf_counter()
            asyncio.run(body(n))
            samples.append((time.perf_counter() - start) / n)
        finally:
            epic.set_concurrency_limit(None)
    return statistics.median(samples)


def per_call(quick: bool, log: Callable[[str], None]) -> list[dict[str, Any]]:
    n_task = 2_000 if quick else 10_000
    n_io = 200 if quick else 1_000
    repeat = 3 if quick else 5
    cases: list[tuple[str, str, Callable[[int], Coroutine[Any, Any, None]], int, int | None]] = [
        ("task", "asyncio.create_task (bare)", _bare_tasks, n_task, None),
        ("task", "epic.scope().spawn", _scope_spawn, n_task, None),
        ("join", "create_task(awaits a task, then returns) (bare)", _bare_after, n_task, None),
        ("join", "spawn_after(plain lambda, task)", _scope_spawn_after, n_task, None),
        (
            "join",
            "spawn_after(lambda returning a coroutine, task)",
            _scope_spawn_after_async,
            n_task,
            None,
        ),
        ("thread", "asyncio.to_thread (bare)", _bare_to_thread, n_io, None),
        ("thread", "epic.to_thread, no cap", _epic_to_thread, n_io, None),
        ("thread", "epic.to_thread, cap 100", _epic_to_thread, n_io, 100),
        ("http", "httpx AsyncClient, mock transport (bare)", _http_run(False), n_io, None),
        ("http", "epic.http_client, no cap", _http_run(True), n_io, None),
        ("http", "epic.http_client, cap 100", _http_run(True), n_io, 100),
    ]
    rows: list[dict[str, Any]] = []
    bare: dict[str, float] = {}
    for group, name, body, n, limit in cases:
        seconds = _time_per_call(body, n, repeat, limit)
        if "(bare)" in name:
            bare[group] = seconds
        base = bare.get(group, seconds)
        rows.append(
            {
                "group": group,
                "what": name,
                "calls": n,
                "us_per_call": seconds * 1e6,
                "overhead_us": (seconds - base) * 1e6,
                "vs_bare": seconds / base,
            }
        )
        log(f"   runtime {name:<50} {seconds * 1e6:8.2f} µs/call  ({seconds / base:4.2f}x bare)")
    return rows


# ------------------------------------------------------------------ memory in flight


async def _hold(gate: asyncio.Event) -> None:
    await gate.wait()


def _memory_case(name: str, body: Callable[[int, asyncio.Event, threading.Event], Coroutine[Any, Any, None]],
                 n: int, limit: int | None, log: Callable[[str], None]) -> dict[str, Any]:  # fmt: skip
    """Peak traced memory while ``body`` holds ``n`` calls in flight."""

    async def main() -> tuple[int, int, float]:
        gate = asyncio.Event()
        thread_gate = threading.Event()
        gc.collect()
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        start = time.perf_counter()
        runner: asyncio.Task[None] = asyncio.create_task(body(n, gate, thread_gate))
        for _ in range(50):  # let everything reach its waiting point
            await asyncio.sleep(0)
        await asyncio.sleep(0.05)
        held = tracemalloc.get_traced_memory()[0] - base
        gate.set()
        thread_gate.set()
        await runner
        peak = tracemalloc.get_traced_memory()[1] - base
        tracemalloc.stop()
        return held, peak, time.perf_counter() - start

    epic.set_concurrency_limit(limit)
    try:
        held, peak, seconds = asyncio.run(main())
    finally:
        epic.set_concurrency_limit(None)
        tracemalloc.stop()
    log(
        f"   memory  {name:<50} {peak / 2**20:7.1f} MiB peak ({peak / n:6.0f} B per call in flight)"
    )
    return {"what": name, "calls": n, "cap": limit, "held_bytes": held, "peak_bytes": peak,
            "bytes_per_call": peak / n, "seconds": seconds}  # fmt: skip


async def _mem_bare(n: int, gate: asyncio.Event, _: threading.Event) -> None:
    tasks = [asyncio.create_task(_hold(gate)) for _ in range(n)]
    for t in tasks:
        await t


async def _mem_spawn(n: int, gate: asyncio.Event, _: threading.Event) -> None:
    async with epic.scope() as scope:
        tasks = [scope.spawn(_hold(gate)) for _ in range(n)]
        for t in tasks:
            await t


async def _mem_spawn_after(n: int, gate: asyncio.Event, _: threading.Event) -> None:
    async with epic.scope() as scope:
        dep = scope.spawn(_hold(gate))
        tasks = [scope.spawn_after(lambda v: v, dep) for _ in range(n - 1)]
        for t in tasks:
            await t


async def _mem_sleep(n: int, gate: asyncio.Event, _: threading.Event) -> None:
    async with epic.scope() as scope:
        tasks = [scope.spawn(asyncio.sleep(0.2)) for _ in range(n)]
        for t in tasks:
            await t


async def _mem_to_thread(n: int, gate: asyncio.Event, thread_gate: threading.Event) -> None:
    await asyncio.gather(*(epic.to_thread(thread_gate.wait) for _ in range(n)))


async def _mem_bare_to_thread(n: int, gate: asyncio.Event, thread_gate: threading.Event) -> None:
    loop = asyncio.get_running_loop()
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(64) as pool:  # the same pool size as the shim's
        await asyncio.gather(*(loop.run_in_executor(pool, thread_gate.wait) for _ in range(n)))


def _mem_http(
    capped: bool,
) -> Callable[[int, asyncio.Event, threading.Event], Coroutine[Any, Any, None]]:
    async def run(n: int, gate: asyncio.Event, _: threading.Event) -> None:
        httpx = _httpx()
        transport = _mock_transport(httpx, gate)
        client = (
            epic.http_client(transport=transport)
            if capped
            else httpx.AsyncClient(transport=transport)
        )
        async with client:
            await asyncio.gather(*(client.get("http://bench.invalid/") for _ in range(n)))

    return run


def memory(quick: bool, log: Callable[[str], None]) -> list[dict[str, Any]]:
    n = 1_000 if quick else 10_000
    cases: list[tuple[str, Any, int | None]] = [
        ("asyncio.create_task awaiting an Event (bare)", _mem_bare, None),
        ("epic.scope().spawn awaiting an Event", _mem_spawn, None),
        ("epic.scope().spawn of asyncio.sleep(0.2)", _mem_sleep, None),
        ("spawn_after waiting on one pending task", _mem_spawn_after, None),
        ("run_in_executor, 64 threads (bare)", _mem_bare_to_thread, None),
        ("epic.to_thread, no cap", _mem_to_thread, None),
        ("epic.to_thread, cap 100", _mem_to_thread, 100),
        ("httpx AsyncClient request (bare)", _mem_http(False), None),
        ("epic.http_client request, no cap", _mem_http(True), None),
        ("epic.http_client request, cap 100", _mem_http(True), 100),
    ]
    return [_memory_case(name, body, n, limit, log) for name, body, limit in cases]


def measure(quick: bool = False, log: Callable[[str], None] = print) -> dict[str, Any]:
    return {"per_call": per_call(quick, log), "memory": memory(quick, log)}
