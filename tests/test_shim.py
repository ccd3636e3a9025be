"""Tests of runtime_shim: the semantics generated code relies on.

No pytest-asyncio: each test drives its own loop with asyncio.run (or epic.run).

No test asserts how long something took: a busy machine makes everything slower. That
calls overlapped is shown by barriers (every call waits until all are in, so the test
only passes if they ran at once) or by the order of events; that a task was cancelled,
by the task (``cancelled()``, its ``except CancelledError`` or ``finally``). Timeouts
(:data:`HANG_GUARD`) are there only so that a broken shim fails instead of hanging.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import gc
import io
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import warnings
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from aiohttp import web

import runtime_shim as epic
from runtime_shim import _executor, _limit

T = TypeVar("T")

ASYNCIO_DEFAULT_WORKERS = min(32, (os.cpu_count() or 1) + 4)
#: Seconds a barrier or a gate waits before the test fails (instead of hanging).
HANG_GUARD = 60.0


@pytest.fixture(autouse=True)
def _no_cap_after_test() -> Iterator[None]:
    yield
    epic.set_concurrency_limit(None)


def run_reporting(
    main: Callable[[], Coroutine[Any, Any, T]],
) -> tuple[T, list[dict[str, Any]]]:
    """asyncio.run(main()), returning what asyncio reported to the loop's handler.

    Tasks are collected (and would log "Task exception was never retrieved") before the
    loop closes, so a report means an exception was lost.
    """
    reports: list[dict[str, Any]] = []

    async def wrapper() -> T:
        asyncio.get_running_loop().set_exception_handler(lambda _, ctx: reports.append(ctx))
        try:
            return await main()
        finally:
            gc.collect()

    return asyncio.run(wrapper()), reports


async def fail_after(delay: float, error: BaseException) -> Any:
    await asyncio.sleep(delay)
    raise error


async def value_after(delay: float, value: T) -> T:
    await asyncio.sleep(delay)
    return value


class Gauge:
    """Counts how many holders are inside at once, from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.current = 0
        self.peak = 0

    def __enter__(self) -> None:
        with self._lock:
            self.current += 1
            self.peak = max(self.peak, self.current)

    def __exit__(self, *exc_info: object) -> None:
        with self._lock:
            self.current -= 1


# --- TaskScope ------------------------------------------------------------------------


def test_first_exception_in_program_order_escapes() -> None:
    first, second = ValueError("first"), KeyError("second")

    async def main() -> None:
        async with epic.scope() as tasks:
            a = tasks.spawn(fail_after(0.10, first))
            b = tasks.spawn(fail_after(0.01, second))  # fails first in time
            c = tasks.spawn(value_after(0.05, "c"))
            await a  # program order: a, b, c
            await b
            await c

    with pytest.raises(ValueError) as caught:
        asyncio.run(main())
    assert caught.value is first
    assert type(caught.value) is ValueError  # plain, not an ExceptionGroup


def test_failure_does_not_cancel_siblings_until_exit() -> None:
    async def main() -> tuple[str, bool]:
        async with epic.scope() as tasks:
            failing = tasks.spawn(fail_after(0, ValueError("boom")))
            sibling = tasks.spawn(value_after(0.05, "sibling"))
            await asyncio.sleep(0.02)
            assert failing.done() and not sibling.done()
            value = await sibling
            try:
                await failing
            except ValueError:
                caught = True  # handled in the body: the scope must not raise it again
        return value, caught

    result, reports = run_reporting(main)
    assert result == ("sibling", True)
    assert reports == []


def test_body_exception_cancels_and_finishes_outstanding_tasks() -> None:
    cleaned_up = []

    async def slow_with_cleanup() -> None:
        try:
            await asyncio.sleep(10)
        finally:
            await asyncio.sleep(0.05)  # cancelled tasks may take a moment to unwind
            cleaned_up.append(True)

    async def main() -> None:
        # Only checked here, so that the tasks are collected (and would report a
        # lost exception) when main returns.
        spawned: list[asyncio.Task[Any]] = []
        body_error = RuntimeError("body")
        try:
            async with epic.scope() as tasks:
                spawned.append(tasks.spawn(value_after(10, "never")))
                spawned.append(tasks.spawn(slow_with_cleanup()))
                spawned.append(tasks.spawn(fail_after(0, ValueError("unretrieved"))))
                spawned.append(tasks.spawn(fail_after(0, KeyError("unretrieved"))))
                await asyncio.sleep(0.02)
                raise body_error
        except RuntimeError as error:
            assert error is body_error
        assert all(task.done() for task in spawned)
        assert spawned[0].cancelled() and spawned[1].cancelled()
        assert cleaned_up == [True]
        del body_error  # its traceback would keep the tasks alive

    # The 10 s tasks were cancelled (checked in main), not waited for.
    _, reports = run_reporting(main)
    assert reports == []  # no "Task exception was never retrieved"


def test_unretrieved_exceptions_would_be_reported() -> None:
    # The check the tests above rely on does catch a lost exception.
    async def main() -> None:
        task = asyncio.get_running_loop().create_task(fail_after(0, ValueError("lost")))
        await asyncio.sleep(0.01)
        del task

    _, reports = run_reporting(main)
    assert len(reports) == 1


def test_cancellation_from_outside_cancels_tasks_and_propagates() -> None:
    async def body(spawned: list[asyncio.Task[str]]) -> None:
        async with epic.scope() as tasks:
            spawned.append(tasks.spawn(value_after(10, "a")))
            spawned.append(tasks.spawn(value_after(10, "b")))
            await spawned[0]

    async def main() -> None:
        spawned: list[asyncio.Task[str]] = []
        host = asyncio.get_running_loop().create_task(body(spawned))
        await asyncio.sleep(0.02)
        host.cancel()
        with pytest.raises(asyncio.CancelledError):
            await host
        assert all(task.cancelled() for task in spawned)
        # asyncio.timeout relies on cancellation propagating unchanged.
        spawned.clear()
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.02):
                await body(spawned)
        assert all(task.cancelled() for task in spawned)

    _, reports = run_reporting(main)
    assert reports == []


def test_cancellation_while_exit_waits_cancels_tasks() -> None:
    spawned: list[asyncio.Task[Any]] = []

    async def body() -> None:
        async with epic.scope() as tasks:
            spawned.append(tasks.spawn(value_after(10, "never awaited")))

    async def main() -> None:
        host = asyncio.get_running_loop().create_task(body())
        await asyncio.sleep(0.02)  # body has exited normally and waits for the task
        host.cancel()
        with pytest.raises(asyncio.CancelledError):
            await host
        assert spawned[0].cancelled()

    run_reporting(main)


def test_normal_exit_waits_for_unawaited_tasks() -> None:
    async def main() -> list[asyncio.Task[str]]:
        async with epic.scope() as tasks:
            spawned = [tasks.spawn(value_after(0.02 * i, str(i))) for i in range(3)]
        return spawned

    spawned, reports = run_reporting(main)
    assert [task.result() for task in spawned] == ["0", "1", "2"]
    assert reports == []


def test_normal_exit_raises_first_failure_in_spawn_order() -> None:
    first = ValueError("first in spawn order")

    async def main() -> None:
        spawned: list[asyncio.Task[Any]] = []
        with pytest.raises(ValueError) as caught:
            async with epic.scope() as tasks:
                spawned.append(tasks.spawn(value_after(0.01, "ok")))
                spawned.append(tasks.spawn(fail_after(0.05, first)))
                spawned.append(tasks.spawn(fail_after(0, KeyError("earlier in time"))))
                spawned.append(tasks.spawn(value_after(10, "still running")))
        assert caught.value is first
        assert spawned[0].result() == "ok"
        assert spawned[3].cancelled()
        del caught  # its traceback would keep the tasks alive

    _, reports = run_reporting(main)
    assert reports == []


def test_spawn_after_waits_for_dependencies_in_order() -> None:
    events: list[str] = []

    async def step(label: str, delay: float) -> str:
        events.append(f"start {label}")
        await asyncio.sleep(delay)
        events.append(f"end {label}")
        return label

    async def main() -> tuple[str, str]:
        async with epic.scope() as tasks:
            a = tasks.spawn(step("a", 0.05))
            b = tasks.spawn(step("b", 0.01))
            refined = tasks.spawn_after(lambda x: step(f"refine {x}", 0), a)
            joined = tasks.spawn_after(lambda x, y, z: f"{x}+{y}+{z}", a, b, refined)
            return await refined, await joined

    result, _ = run_reporting(main)
    assert result == ("refine a", "a+b+refine a")
    assert events.index("start refine a") > events.index("end a")


def test_spawn_after_raises_the_dependencys_exception() -> None:
    first = ValueError("first dependency")
    called = []

    async def main() -> None:
        async with epic.scope() as tasks:
            slow_failure = tasks.spawn(fail_after(0.05, first))
            fast_failure = tasks.spawn(fail_after(0, KeyError("second dependency")))
            after = tasks.spawn_after(lambda *_: called.append(True), slow_failure, fast_failure)
            with pytest.raises(ValueError) as caught:
                await after
            assert caught.value is first
            with pytest.raises(KeyError):
                await fast_failure

    _, reports = run_reporting(main)
    assert called == []
    assert reports == []


def test_spawn_after_unpacks_and_spreads_a_tuple() -> None:
    # ``answer, count = Counter(votes).most_common(1)[0]`` computed in a task, and a
    # call that needs ``answer`` started from it.
    async def main() -> tuple[object, str]:
        async with epic.scope() as tasks:
            votes = tasks.spawn(asyncio.sleep(0, [3, 5, 3]))
            pair = tasks.spawn_after(
                lambda v: iter(max((v.count(x), x) for x in v)[::-1]), votes, unpack=2
            )
            why = tasks.spawn_after(lambda answer, count: f"{answer} x{count}", epic.spread(pair))
            # Typed as the function's value (an iterator here), which unpacks the same.
            return await pair, await why

    (pair, why), reports = run_reporting(main)
    assert pair == (3, 2)  # a generator's items, taken once, as a tuple
    assert why == "3 x2"
    assert reports == []


@pytest.mark.parametrize(
    ("value", "count"), [([1, 2, 3], 2), ((1,), 2), (5, 2), ("ab", 3), (iter(range(9)), 4)]
)
def test_spawn_after_unpack_raises_what_the_assignment_raises(value: Any, count: int) -> None:
    # What Python itself raises for ``a, b = value`` (a copy, so an iterator is fresh).
    probe = list(value) if isinstance(value, Iterator) else value
    expected: BaseException | None = None
    try:
        exec(", ".join(f"_{i}" for i in range(count)) + ", = probe", {"probe": probe})
    except Exception as error:
        expected = error
    assert expected is not None
    source = iter(probe) if isinstance(value, Iterator) else probe
    dependent_called = []

    async def main() -> None:
        async with epic.scope() as tasks:
            pair = tasks.spawn_after(lambda: source, unpack=count)
            after = tasks.spawn_after(lambda *_: dependent_called.append(1), epic.spread(pair))
            with pytest.raises(type(expected)) as caught:
                await pair
            assert str(caught.value) == str(expected)
            with pytest.raises(type(expected)):
                await after

    _, reports = run_reporting(main)
    assert dependent_called == []
    assert reports == []


def test_spawn_after_unpack_takes_two_to_four_names() -> None:
    async def main() -> None:
        async with epic.scope() as tasks:
            with pytest.raises(ValueError, match="unpack takes one of"):
                tasks.spawn_after(lambda: (1,), unpack=1)

    run_reporting(main)


def test_exception_seen_only_by_spawn_after_still_counts_in_spawn_order() -> None:
    # `dependent` retrieves a's exception internally; at exit a's exception must still
    # win over b's, which comes later in spawn order.
    first = ValueError("a")

    async def main() -> None:
        async with epic.scope() as tasks:
            a = tasks.spawn(fail_after(0.02, first))
            tasks.spawn(fail_after(0, KeyError("b")))
            tasks.spawn_after(lambda x: x, a)
            await asyncio.sleep(0.05)

    with pytest.raises(ValueError) as caught:
        asyncio.run(main())
    assert caught.value is first


def test_spawn_outside_the_block_is_an_error_with_a_fix() -> None:
    async def main() -> None:
        scope = epic.scope()
        with pytest.raises(RuntimeError, match="async with epic.scope"):
            scope.spawn(value_after(0, 1))
        async with scope as tasks:
            task = tasks.spawn(value_after(0, 1), name="one")
        assert task.get_name() == "one"
        with pytest.raises(RuntimeError, match="has exited"):
            tasks.spawn(value_after(0, 2))
        with pytest.raises(RuntimeError, match="has exited"):
            tasks.spawn_after(lambda: None)

    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        run_reporting(main)
        gc.collect()
    assert [str(w.message) for w in warned] == []  # the refused coroutine was closed


def test_task_names_are_readable() -> None:
    async def ask(prompt: str) -> str:
        return prompt

    async def main() -> list[str]:
        async with epic.scope() as tasks:
            a = tasks.spawn(ask("x"))
            b = tasks.spawn_after(ask, a)
        return [a.get_name(), b.get_name()]

    names, _ = run_reporting(main)
    assert names[0].endswith("ask#0")
    assert "ask#1" in names[1] and names[1].endswith("after " + names[0])


# --- to_thread and the cap -------------------------------------------------------------


def test_to_thread_overlaps_blocking_calls() -> None:
    # Each call blocks until all 16 are running: they only get through if they overlap.
    barrier = threading.Barrier(16, timeout=HANG_GUARD)

    async def main() -> list[int]:
        return await asyncio.gather(*(epic.to_thread(barrier.wait) for _ in range(16)))

    assert sorted(asyncio.run(main())) == list(range(16))


def test_to_thread_pool_is_larger_than_asyncios_default() -> None:
    # Every call waits at the barrier until all are in: this only passes if they all
    # run at once, on more threads than asyncio's default executor has.
    parties = ASYNCIO_DEFAULT_WORKERS + 8
    barrier = threading.Barrier(parties, timeout=HANG_GUARD)

    async def main() -> list[int]:
        return await asyncio.gather(*(epic.to_thread(barrier.wait) for _ in range(parties)))

    assert sorted(asyncio.run(main())) == list(range(parties))


def test_to_thread_passes_arguments_and_context() -> None:
    var: contextvars.ContextVar[str] = contextvars.ContextVar("var", default="unset")

    def work(a: int, *, b: int) -> tuple[int, str, str]:
        return a + b, var.get(), threading.current_thread().name

    async def main() -> tuple[int, str, str]:
        var.set("copied")
        return await epic.to_thread(work, 1, b=2)

    total, seen, thread = asyncio.run(main())
    assert (total, seen) == (3, "copied")
    assert thread.startswith("epic-io")


def test_cap_bounds_to_thread_calls() -> None:
    gauge = Gauge()
    # Three at a time get through the barrier: more would show in the gauge, fewer
    # would never fill it.
    barrier = threading.Barrier(3, timeout=HANG_GUARD)

    def call() -> None:
        with gauge:
            barrier.wait()

    async def main() -> None:
        await asyncio.gather(*(epic.to_thread(call) for _ in range(12)))

    epic.set_concurrency_limit(3)
    assert epic.concurrency_limit() == 3
    asyncio.run(main())
    assert gauge.peak == 3


def test_cancelled_to_thread_keeps_its_slot_until_the_thread_ends() -> None:
    events: list[str] = []
    running, release = threading.Event(), threading.Event()

    def blocking() -> None:
        running.set()
        release.wait(HANG_GUARD)
        events.append("first thread ends")

    async def main() -> None:
        first = asyncio.get_running_loop().create_task(epic.to_thread(blocking))
        await asyncio.to_thread(running.wait, HANG_GUARD)  # asyncio's own pool: no slot
        first.cancel()
        # Needs the only slot. Given the time to (wrongly) start now, it must not.
        second = asyncio.get_running_loop().create_task(
            epic.to_thread(events.append, "second call starts")
        )
        await asyncio.sleep(0.05)
        release.set()
        await second

    epic.set_concurrency_limit(1)
    asyncio.run(main())
    assert events == ["first thread ends", "second call starts"]


def test_concurrency_limit_is_validated() -> None:
    with pytest.raises(ValueError, match="None for no limit"):
        epic.set_concurrency_limit(0)
    with pytest.raises(TypeError, match="positive int or None"):
        epic.set_concurrency_limit(True)
    assert epic.concurrency_limit() is None


def test_bad_environment_values_say_how_to_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EPIC_MAX_CONCURRENCY", "many")
    with pytest.raises(ValueError, match="positive integer such as 8"):
        _limit._limit_from_env()
    monkeypatch.setenv("EPIC_IO_THREADS", "0")
    with pytest.raises(ValueError, match="EPIC_IO_THREADS='0'"):
        _executor._io_thread_count()


def test_environment_sets_cap_and_pool_size() -> None:
    script = textwrap.dedent("""
        import asyncio, threading, time
        import runtime_shim as epic

        lock = threading.Lock()
        now = peak = 0

        barrier = threading.Barrier(3, timeout=60)  # three threads at a time get through

        def call():
            global now, peak
            with lock:
                now += 1
                peak = max(peak, now)
            barrier.wait()
            with lock:
                now -= 1

        async def main():
            await asyncio.gather(*(epic.to_thread(call) for _ in range(9)))

        print(epic.concurrency_limit())
        epic.set_concurrency_limit(None)
        asyncio.run(main())
        print(peak)
        """)
    env = {**os.environ, "EPIC_IO_THREADS": "3", "EPIC_MAX_CONCURRENCY": "5"}
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=HANG_GUARD * 2,
    )
    # The cap came from the environment; with it lifted, the pool size is the bound.
    assert out.stdout.split() == ["5", "3"]


# --- http_client -----------------------------------------------------------------------

COMPLETION = {
    "id": "chatcmpl-test",
    "object": "chat.completion",
    "created": 0,
    "model": "test",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "hi"},
            "finish_reason": "stop",
        }
    ],
}


@contextlib.asynccontextmanager
async def slow_server(delay: float, together: int = 1) -> AsyncIterator[tuple[str, Gauge]]:
    """A local HTTP server whose every response takes ``delay`` seconds, and waits until
    ``together`` requests are in (a barrier: they go in groups of that many)."""
    gauge = Gauge()
    barrier = asyncio.Barrier(together)

    async def respond(request: web.Request) -> web.StreamResponse:
        with gauge:
            await asyncio.wait_for(barrier.wait(), HANG_GUARD)
            if request.path == "/stream":
                response = web.StreamResponse()
                await response.prepare(request)
                for _ in range(3):
                    await response.write(b"chunk\n")
                    await asyncio.sleep(delay)
                await response.write_eof()
                return response
            await asyncio.sleep(delay)
            return web.json_response(COMPLETION)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", respond)
    runner = web.AppRunner(app)
    await runner.setup()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    site = web.SockSite(runner, sock)
    await site.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", gauge
    finally:
        await runner.cleanup()


@pytest.mark.parametrize("cap", [2, None])
def test_http_client_requests_hold_a_slot(cap: int | None) -> None:
    async def main() -> int:
        # Six requests, in groups of what the cap lets through at once.
        async with slow_server(0.01, cap or 6) as (url, gauge), epic.http_client() as client:
            responses = await asyncio.gather(*(client.get(f"{url}/x") for _ in range(6)))
            assert all(r.status_code == 200 for r in responses)
            return gauge.peak

    epic.set_concurrency_limit(cap)
    assert asyncio.run(main()) == (cap or 6)


def test_http_client_streamed_response_holds_its_slot_until_closed() -> None:
    async def main() -> None:
        async with slow_server(0.01) as (url, gauge), epic.http_client() as client:
            async with client.stream("GET", f"{url}/stream") as streamed:
                second = asyncio.get_running_loop().create_task(client.get(f"{url}/x"))
                await asyncio.sleep(0.1)
                assert not second.done()  # waiting for the slot the stream holds
                lines = [line async for line in streamed.aiter_lines()]
            assert lines == ["chunk"] * 3
            assert (await second).status_code == 200

    epic.set_concurrency_limit(1)
    asyncio.run(main())


def test_http_client_caps_asyncopenai_requests() -> None:
    import openai

    async def main() -> int:
        async with slow_server(0.01, together=2) as (url, gauge):
            client = openai.AsyncOpenAI(
                api_key="test",
                base_url=f"{url}/v1",
                http_client=epic.http_client(),
                max_retries=0,
            )
            async with client:
                replies = await asyncio.gather(
                    *(
                        client.chat.completions.create(
                            model="test", messages=[{"role": "user", "content": str(i)}]
                        )
                        for i in range(6)
                    )
                )
            assert [r.choices[0].message.content for r in replies] == ["hi"] * 6
            return gauge.peak

    epic.set_concurrency_limit(2)
    assert asyncio.run(main()) == 2


# --- run -------------------------------------------------------------------------------


def test_run_is_asyncio_run_without_a_loop() -> None:
    assert epic.run(value_after(0, 42)) == 42
    with pytest.raises(TypeError, match=r"epic.run\(main\(\)\)"):
        epic.run(value_after)  # type: ignore[arg-type]


def test_run_inside_a_running_loop() -> None:
    error = ValueError("from the inner run")
    var: contextvars.ContextVar[str] = contextvars.ContextVar("var", default="unset")

    async def inner() -> tuple[str, bool]:
        return var.get(), threading.current_thread() is threading.main_thread()

    async def outer() -> tuple[str, bool]:
        var.set("outer")  # asyncio.run copies the caller's context; so does epic.run
        result = epic.run(inner())
        with pytest.raises(ValueError) as caught:
            epic.run(fail_after(0, error))
        assert caught.value is error
        with pytest.raises(SystemExit) as exited:
            epic.run(fail_after(0, SystemExit(3)))
        assert exited.value.code == 3
        return result

    assert asyncio.run(outer()) == ("outer", False)


def _main_thread_waits_in_run() -> bool:
    """Whether the main thread is blocked in ``epic.run``, waiting for its coroutine:
    in ``Condition.wait`` of the ``Event.wait`` that ``_HelperThreadRun.result`` calls
    (not the one inside ``Thread.start``, which comes before its ``try``)."""
    frame = sys._current_frames().get(threading.main_thread().ident or 0)
    stack: list[tuple[str, str]] = []
    while frame is not None and len(stack) < 3:
        stack.append((frame.f_code.co_name, Path(frame.f_code.co_filename).name))
        frame = frame.f_back
    return stack == [("wait", "threading.py"), ("wait", "threading.py"), ("result", "_run.py")]


def test_run_inside_a_loop_cancels_on_keyboard_interrupt() -> None:
    events = []

    async def inner() -> None:
        try:
            # Ctrl-C while the coroutine runs and its caller waits for it.
            while not _main_thread_waits_in_run():  # noqa: ASYNC110 - no event to wait on
                await asyncio.sleep(0.01)
            os.kill(os.getpid(), signal.SIGINT)
            await asyncio.sleep(HANG_GUARD)
            events.append("slept to the end")
        except asyncio.CancelledError:
            events.append("cancelled")
            raise
        finally:
            events.append("unwound")

    async def outer() -> None:
        epic.run(inner())

    loop = asyncio.new_event_loop()  # unlike asyncio.run, installs no SIGINT handler
    # A runner started in the background (nohup, &) may ignore SIGINT: Python's own
    # handler, for this test.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            loop.run_until_complete(outer())
    finally:
        loop.close()
        signal.signal(signal.SIGINT, previous)
    assert events == ["cancelled", "unwound"]


def test_run_twice_with_a_cap() -> None:
    gauge = Gauge()
    barrier = threading.Barrier(2, timeout=HANG_GUARD)  # two at a time get through

    def call() -> None:
        with gauge:
            barrier.wait()

    async def main() -> None:
        async with epic.scope() as tasks:
            for _ in range(6):
                tasks.spawn(epic.to_thread(call))

    epic.set_concurrency_limit(2)
    epic.run(main())
    epic.run(main())  # a new loop: a semaphore bound to the first one would fail here
    assert gauge.peak == 2


def test_public_api() -> None:
    assert sorted(epic.__all__) == sorted(
        [
            "Ahead",
            "InOrder",
            "LineSplitter",
            "NOT_STARTED",
            "Pending",
            "Pipe",
            "PipeClosedError",
            "PipeReader",
            "ReplayedStream",
            "Spread",
            "TaskScope",
            "add_in_order",
            "append_in_order",
            "ahead",
            "all",
            "any",
            "async_client",
            "cache",
            "concurrency_limit",
            "hashable",
            "in_order",
            "holds",
            "http_client",
            "keyed",
            "line_splitter",
            "lines",
            "pending",
            "pipe",
            "redirect_stdout",
            "replayed",
            "run",
            "single_flight",
            "scope",
            "set_concurrency_limit",
            "spread",
            "to_thread",
        ]
    )
    for name in epic.__all__:
        assert getattr(epic, name).__doc__, name


# --- gather: the parallel form of a comprehension -----------------------------------


async def _value(delay: float, value: int, fail: bool = False) -> int:
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(f"element {value}")
    return value


def test_gather_returns_values_in_order_and_overlaps() -> None:
    started: list[int] = []

    async def element(i: int, everyone_in: asyncio.Event) -> int:
        started.append(i)
        if len(started) == 8:
            everyone_in.set()
        # No element finishes before all have started: they overlap, or time out.
        await asyncio.wait_for(everyone_in.wait(), HANG_GUARD)
        return await _value(0.02 * (8 - i), i)  # the last one finishes first

    async def main() -> list[int]:
        everyone_in = asyncio.Event()
        async with epic.scope() as tasks:
            return await tasks.gather(element(i, everyone_in) for i in range(8))

    values, reports = run_reporting(main)
    assert values == list(range(8))
    assert sorted(started) == list(range(8))
    assert reports == []


def test_gather_raises_the_first_failure_in_order_not_in_time() -> None:
    async def main() -> None:
        async with epic.scope() as tasks:
            # element 1 fails late, element 3 fails early: element 1's escapes.
            await tasks.gather(
                _value(0.01 if i != 1 else 0.15, i, fail=i in (1, 3)) for i in range(5)
            )

    with pytest.raises(ValueError, match="element 1"):
        _, reports = run_reporting(main)
        assert reports == []


def test_gather_cancels_the_elements_after_a_failure() -> None:
    finished: list[int] = []

    async def slow(i: int) -> int:
        await asyncio.sleep(HANG_GUARD)  # only a missing cancellation gets past this
        finished.append(i)
        return i

    async def main() -> None:
        async with epic.scope() as tasks:
            await tasks.gather(_value(0.01, 0, fail=True) if i == 0 else slow(i) for i in range(4))

    with pytest.raises(ValueError, match="element 0"):
        asyncio.run(main())
    assert finished == []


def test_gather_error_while_consuming_comes_after_earlier_elements() -> None:
    def elements() -> Iterator[Coroutine[Any, Any, int]]:
        yield _value(0.05, 0, fail=True)
        raise KeyError("while building element 1")

    async def main() -> None:
        async with epic.scope() as tasks:
            await tasks.gather(elements())

    # The earlier element's failure comes first in program order.
    with pytest.raises(ValueError, match="element 0"):
        asyncio.run(main())

    def elements_ok() -> Iterator[Coroutine[Any, Any, int]]:
        yield _value(0.05, 0)
        raise KeyError("while building element 1")

    async def main_ok() -> None:
        async with epic.scope() as tasks:
            await tasks.gather(elements_ok())

    with pytest.raises(KeyError, match="while building element 1"):
        asyncio.run(main_ok())


# --- output of tasks, replayed in program order --------------------------------------


async def _loud(label: str, delay: float, fail: bool = False) -> str:
    print(f"start {label}")
    await asyncio.sleep(delay)
    print(f"end {label}")
    if fail:
        raise ValueError(label)
    return label


def _captured(main: Callable[[], Coroutine[Any, Any, Any]]) -> str:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        with contextlib.suppress(ValueError):
            asyncio.run(main())
    return buffer.getvalue()


def test_task_output_appears_where_it_is_awaited() -> None:
    async def main() -> None:
        async with epic.scope() as tasks:
            a = tasks.spawn(_loud("a", 0.05))
            b = tasks.spawn(_loud("b", 0.0))  # finishes first
            print("between")
            await a
            print("after a")
            await b

    assert _captured(main) == "between\nstart a\nend a\nafter a\nstart b\nend b\n"


def test_output_of_a_failed_task_comes_before_its_exception() -> None:
    async def main() -> None:
        async with epic.scope() as tasks:
            a = tasks.spawn(_loud("a", 0.01, fail=True))
            b = tasks.spawn(_loud("b", 0.0))
            await a
            await b

    # b never reached in program order: its output is dropped with it.
    assert _captured(main) == "start a\nend a\n"


def test_an_awaited_task_prints_as_it_goes() -> None:
    """Held back until the program awaits the task, its text then comes out as it is
    printed: the task sees its own second line on stdout before it finishes."""
    buffer = io.StringIO()
    seen: list[str] = []

    async def step(go: asyncio.Event) -> None:
        print("held")
        await go.wait()
        print("live")
        seen.append(buffer.getvalue())

    async def main() -> None:
        go = asyncio.Event()
        async with epic.scope() as tasks:
            task = tasks.spawn(step(go))
            for _ in range(5):
                await asyncio.sleep(0)  # the task has printed "held", held back
            seen.append(buffer.getvalue())
            go.set()
            await task

    with contextlib.redirect_stdout(buffer):
        asyncio.run(asyncio.wait_for(main(), HANG_GUARD))
    assert seen == ["", "held\nlive\n"]
    assert buffer.getvalue() == "held\nlive\n"


def test_dependencies_replay_where_the_code_awaits_them() -> None:
    async def main() -> None:
        async with epic.scope() as tasks:
            a = tasks.spawn(_loud("a", 0.02))
            c = tasks.spawn_after(lambda a: _loud(f"c after {a}", 0.0), a)
            print("first")
            await a
            await c

    assert _captured(main) == "first\nstart a\nend a\nstart c after a\nend c after a\n"


def test_gather_replays_elements_in_order() -> None:
    async def main() -> None:
        async with epic.scope() as tasks:
            await tasks.gather(_loud(str(i), 0.03 - i * 0.01) for i in range(3))

    assert _captured(main) == "".join(f"start {i}\nend {i}\n" for i in range(3))


def test_redirect_inside_a_task_takes_only_that_tasks_text() -> None:
    captured = io.StringIO()

    async def quiet(label: str) -> str:
        with epic.redirect_stdout(captured):
            print(f"report {label}")  # into ``captured``, not the task's held-back text
        await asyncio.sleep(0.01)
        print(f"done {label}")
        return label

    async def main() -> None:
        async with epic.scope() as tasks:
            a = tasks.spawn(quiet("a"))
            b = tasks.spawn(_loud("b", 0.0))
            print("between")
            await a
            await b

    assert _captured(main) == "between\ndone a\nstart b\nend b\n"
    assert captured.getvalue() == "report a\n"


def test_redirect_keeps_the_text_of_threads_running_meanwhile() -> None:
    captured = io.StringIO()
    started, entered, printed = threading.Event(), threading.Event(), threading.Event()

    def blocking() -> None:
        started.set()
        entered.wait(5)
        print("from the thread")
        printed.set()

    async def main() -> None:
        async with epic.scope() as tasks:
            worker = tasks.spawn(epic.to_thread(blocking))
            await asyncio.to_thread(started.wait, 5)
            with epic.redirect_stdout(captured):
                entered.set()
                printed.wait(5)  # the thread prints while the body runs
                print("from the body")
            await worker

    # ``contextlib.redirect_stdout`` would have taken the thread's line as well.
    assert _captured(main) == "from the thread\n"
    assert captured.getvalue() == "from the body\n"


def test_redirect_before_any_task_is_contextlibs_and_reentrant() -> None:
    outer, inner = io.StringIO(), io.StringIO()
    redirect = epic.redirect_stdout(outer)
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        with redirect as target:
            assert target is outer
            print("one")
            with epic.redirect_stdout(inner):
                print("two")
            with redirect:  # the same object again, as contextlib allows
                print("three")
            print("four")
        print("five")
    assert (outer.getvalue(), inner.getvalue(), shown.getvalue()) == (
        "one\nthree\nfour\n",
        "two\n",
        "five\n",
    )


def test_redirect_after_the_proxy_is_installed_nests_and_restores() -> None:
    outer, inner = io.StringIO(), io.StringIO()

    async def main() -> None:
        async with epic.scope() as tasks:
            await tasks.spawn(asyncio.sleep(0))  # installs the output proxy
            redirect = epic.redirect_stdout(outer)
            with redirect:
                print("one")
                with epic.redirect_stdout(inner):
                    print("two")
                with redirect:
                    print("three")
                print("four")
            print("five")

    assert _captured(main) == "five\n"
    assert (outer.getvalue(), inner.getvalue()) == ("one\nthree\nfour\n", "two\n")


def test_http_cap_slot_comes_back_for_a_response_already_in_memory() -> None:
    import openai

    from runtime_shim._http import _httpx_module_of

    httpx: Any = _httpx_module_of(openai.DefaultAsyncHttpxClient)

    def handler(request: Any) -> Any:
        return httpx.Response(200, json={"ok": True})

    async def main() -> int:
        epic.set_concurrency_limit(2)
        client = epic.http_client(transport=httpx.MockTransport(handler))
        async with client:
            for _ in range(5):  # more than the cap: a leaked slot would hang here
                response = await asyncio.wait_for(client.get("http://test/"), 5)
                assert response.json() == {"ok": True}
        return 5

    assert asyncio.run(main()) == 5


# ------------------------------------------------------------------ single_flight


@pytest.fixture
def no_flights() -> Iterator[None]:
    """A clean slate of single-flight keys: a failure is remembered for the rest of the
    process, so another test's failed key would otherwise show here."""
    epic._memo._flights.clear()
    yield
    epic._memo._flights.clear()


@pytest.mark.usefixtures("no_flights")
def test_single_flight_computes_each_key_once_and_other_keys_overlap() -> None:
    cache: dict[str, int] = {}
    started: list[str] = []
    in_flight = peak = 0

    async def value(key: str) -> int:
        nonlocal in_flight, peak
        async with epic.single_flight(cache, key):
            if key in cache:
                return cache[key]
            started.append(key)
            in_flight += 1
            peak = max(peak, in_flight)
            await asyncio.sleep(0.05)
            in_flight -= 1
            cache[key] = len(key)
            return cache[key]

    async def main() -> list[int]:
        async with epic.scope() as tasks:
            futures = [tasks.spawn(value(k)) for k in ["ab", "abc", "ab", "abcd", "abc"]]
            return [await f for f in futures]

    assert epic.run(main()) == [2, 3, 2, 4, 3]
    assert started == ["ab", "abc", "abcd"]  # each key computed once, in arrival order
    assert peak == 3  # the three keys were computed at the same time
    assert epic._memo._flights == {}  # nothing kept once no call uses a key


def _flaky_memo(
    fail_first: bool = True, always_fail: bool = False
) -> tuple[Callable[[str], Coroutine[Any, Any, str]], list[str]]:
    """A memo function over ``single_flight`` whose first attempt (or every attempt)
    raises; returns it and the list of keys it computed."""
    cache: dict[str, str] = {}
    attempts: list[str] = []

    async def value(key: str) -> str:
        async with epic.single_flight(cache, key):
            if key in cache:
                return cache[key]
            attempts.append(key)
            await asyncio.sleep(0.01)
            if always_fail:
                raise ValueError(f"no {key}")
            if fail_first and len(attempts) == 1:
                raise RuntimeError("first attempt fails")
            cache[key] = key.upper()
            return cache[key]

    return value, attempts


@pytest.mark.usefixtures("no_flights")
def test_single_flight_lets_the_next_caller_retry_after_a_failure() -> None:
    value, attempts = _flaky_memo()

    async def main() -> list[object]:
        first = asyncio.ensure_future(value("k"))
        second = asyncio.ensure_future(value("k"))
        return list(await asyncio.gather(first, second, return_exceptions=True))

    first, second = epic.run(main())
    assert isinstance(first, RuntimeError) and second == "K"
    assert attempts == ["k", "k"]  # as sequentially: the failed key is asked again
    assert epic._memo._flights == {}  # its last computation succeeded


def test_single_flight_with_an_unhashable_key_raises_like_the_cache_would() -> None:
    with pytest.raises(TypeError, match="unhashable type: 'list'"):
        epic.single_flight({}, [1])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="unhashable type: 'list'"):
        [1] in {}  # noqa: B015 - the sequential program's own error


@pytest.mark.usefixtures("no_flights")
def test_single_flight_after_an_escaping_failure_asks_nothing_more() -> None:
    """Tasks started early with the key of a call that fails: the exception escapes
    in program order and the waiting task is cancelled before it asks again."""
    value, attempts = _flaky_memo(always_fail=True)

    async def main() -> None:
        async with epic.scope() as tasks:
            first = tasks.spawn(value("k"))
            second = tasks.spawn(value("k"))
            await asyncio.sleep(0.05)  # the second task has long had the lock
            await first
            await second

    with pytest.raises(ValueError, match="no k"):
        epic.run(main())
    assert attempts == ["k"]  # as sequentially: the second call was never reached
    (kept,) = epic._memo._flights.values()  # the failure is remembered, and only that
    assert kept.failed and kept.users == 0


@pytest.mark.usefixtures("no_flights")
def test_single_flight_after_a_handled_failure_asks_again_when_reached() -> None:
    value, attempts = _flaky_memo()

    async def main() -> str:
        async with epic.scope() as tasks:
            first = tasks.spawn(value("k"))
            second = tasks.spawn(value("k"))
            await asyncio.sleep(0.05)
            assert attempts == ["k"]  # not asked again before the program gets there
            try:
                await first
            except RuntimeError:
                pass
            return await second

    assert epic.run(main()) == "K"
    assert attempts == ["k", "k"]


@pytest.mark.usefixtures("no_flights")
def test_single_flight_a_call_started_after_the_failure_ended_waits_to_be_reached() -> None:
    """The failed call is over before the next task with its key starts: that task
    still asks nothing until the program reaches it (the exception escapes first)."""
    value, attempts = _flaky_memo(always_fail=True)

    async def main() -> None:
        async with epic.scope() as tasks:
            first = tasks.spawn(value("k"))
            await asyncio.sleep(0.05)  # the first call has failed and left
            second = tasks.spawn(value("k"))
            await asyncio.sleep(0.05)
            assert attempts == ["k"]
            await first
            await second

    with pytest.raises(ValueError, match="no k"):
        epic.run(main())
    assert attempts == ["k"]


def test_cache_has_the_hits_and_misses_of_the_sequential_calls() -> None:
    calls: list[str] = []

    @epic.cache
    async def ask(prompt: str) -> str:
        calls.append(prompt)
        await asyncio.sleep(0.01)
        if prompt == "bad":
            raise ValueError(prompt)
        return prompt.upper()

    async def main() -> list[object]:
        async with epic.scope() as tasks:
            started = [tasks.spawn(ask(p)) for p in ["a", "b", "a", "bad", "bad", "a"]]
            results: list[object] = []
            for task in started:
                try:
                    results.append(await task)
                except ValueError as error:
                    results.append(f"error {error}")
            return results

    assert asyncio.run(main()) == ["A", "B", "A", "error bad", "error bad", "A"]
    # One computation per key at a time: "a" once; "bad" again after its failure.
    assert calls == ["a", "b", "bad", "bad"]
    info = ask.cache_info()  # type: ignore[attr-defined]
    assert (info.hits, info.misses, info.maxsize, info.currsize) == (2, 4, None, 2)
    ask.cache_clear()  # type: ignore[attr-defined]
    assert ask.cache_info().currsize == 0  # type: ignore[attr-defined]


def test_hashable_says_whether_a_key_can_be_looked_up() -> None:
    class BadHash:
        def __hash__(self) -> int:
            raise RuntimeError("no hash")

    assert epic.hashable("prompt") and epic.hashable(("a", 1))
    assert not epic.hashable(["a"])
    assert not epic.hashable(("a", ["b"]))
    assert not epic.hashable(BadHash())


def test_pending_raises_the_first_loops_error_after_the_items_before_it() -> None:
    scores = {"tea": 1, "rice": 2}
    pending = epic.pending()
    with pending.collecting():
        for word in ["tea", "rice", "salt", "milk"]:
            if scores[word] > 5:
                continue
            pending.append(word)
    seen = []
    with pytest.raises(KeyError, match="salt"):
        for word in pending:
            seen.append(word)
    assert seen == ["tea", "rice"]  # the items before the failing one, and no later one
    assert list(pending) == ["tea", "rice"]  # raised once, where the loop reached it


def test_pending_without_an_error_is_a_list_and_lets_cancellation_through() -> None:
    pending = epic.pending()
    with pending.collecting():
        pending.extend([1, 2])
    assert list(pending) == [1, 2] and pending == [1, 2]
    with pytest.raises(KeyboardInterrupt), pending.collecting():
        raise KeyboardInterrupt


def test_holds_is_false_when_the_condition_raises() -> None:
    limits: dict[str, int | None] = {"a": 1, "b": None}
    assert epic.holds(lambda: limits["a"] == 1)
    assert not epic.holds(lambda: limits["a"] == 2)
    assert not epic.holds(lambda: limits["b"] + 1 > 0)  # type: ignore[operator]
    assert not epic.holds(lambda: limits["missing"])


def test_not_started_fails_loudly_if_awaited() -> None:
    async def main() -> None:
        await epic.NOT_STARTED

    with pytest.raises(RuntimeError, match="not started"):
        epic.run(main())


def test_add_in_order_holds_additions_back_until_the_task_is_awaited() -> None:
    namespace: dict[str, object] = {"total": 0.0}

    async def add(amount: float, delay: float) -> None:
        await asyncio.sleep(delay)
        epic.add_in_order(namespace, "total", amount)

    async def main() -> list[object]:
        seen = []
        async with epic.scope() as tasks:
            first = tasks.spawn(add(0.1, 0.02))
            second = tasks.spawn(add(0.2, 0.0))  # finishes first
            third = tasks.spawn(add(1e16, 0.0))  # never awaited: never added
            await asyncio.sleep(0.05)
            seen.append(namespace["total"])  # nothing added yet
            await first
            seen.append(namespace["total"])
            await second
            seen.append(namespace["total"])
            third.cancel()
        return seen

    assert epic.run(main()) == [0.0, 0.1, 0.1 + 0.2]
    assert namespace["total"] == 0.1 + 0.2  # in program order, bit for bit
    epic.add_in_order(namespace, "total", 1.0)  # outside a task: at once
    assert namespace["total"] == 0.1 + 0.2 + 1.0
    with pytest.raises(TypeError, match=r"\+="):
        epic.add_in_order(namespace, "total", "x")


def test_append_in_order_holds_appends_back_until_the_task_is_awaited() -> None:
    items: list[str] = []

    async def append(item: str, ready: asyncio.Event | None) -> None:
        if ready is not None:
            await ready.wait()
        epic.append_in_order(items, item)

    async def main() -> list[list[str]]:
        seen = []
        ready = asyncio.Event()
        async with epic.scope() as tasks:
            first = tasks.spawn(append("first", ready))
            second = tasks.spawn(append("second", None))  # done before the first
            third = tasks.spawn(append("third", None))  # never awaited: never appended
            for _ in range(5):
                await asyncio.sleep(0)
            seen.append(list(items))  # nothing appended yet
            ready.set()
            await first
            seen.append(list(items))
            await second
            seen.append(list(items))
            third.cancel()
        return seen

    assert epic.run(main()) == [[], ["first"], ["first", "second"]]
    assert items == ["first", "second"]
    epic.append_in_order(items, "at once")  # outside a task: at once
    assert items == ["first", "second", "at once"]


def test_any_and_all_stop_at_the_deciding_element() -> None:
    seen: list[int] = []

    async def element(value: int) -> int:
        seen.append(value)
        await asyncio.sleep(0)
        return value

    async def main() -> tuple[bool, bool, bool, bool]:
        found = await epic.any(await element(v) > 1 for v in [0, 2, 5])
        every = await epic.all(await element(v) > 0 for v in [3, 0, 7])
        nothing: list[int] = []
        empty_any = await epic.any(await element(v) for v in nothing)
        empty_all = await epic.all(await element(v) for v in nothing)
        return found, every, empty_any, empty_all

    assert epic.run(main()) == (True, False, False, True)
    assert seen == [0, 2, 3, 0]  # nothing after the deciding element


def test_keyed_pairs_a_key_with_its_value() -> None:
    async def value(x: int) -> int:
        await asyncio.sleep(0)
        return x * 10

    async def main() -> dict[str, int]:
        async with epic.scope() as tasks:
            return dict(
                await tasks.gather(
                    epic.keyed(k, value(v)) for k, v in [("a", 1), ("b", 2), ("a", 3)]
                )
            )

    assert list(epic.run(main()).items()) == [("a", 30), ("b", 20)]


def test_ahead_computes_a_comprehension_line_by_line() -> None:
    text = "1. sea\nno claim\n2. sky\n"
    claims = epic.ahead(lambda lines: [line.split(". ", 1)[1] for line in lines if ". " in line])
    started = [claim for line in text.splitlines() for claim in claims.add(line)]
    expected = [line.split(". ", 1)[1] for line in text.splitlines() if ". " in line]
    assert started == expected == claims.result()


def test_ahead_keeps_the_first_error_for_its_place() -> None:
    evaluated: list[str] = []

    def element(line: str) -> str:
        evaluated.append(line)
        return line.split(". ", 1)[1]

    claims = epic.ahead(lambda lines: [element(line) for line in lines])
    assert claims.add("1. sea") == ["sea"]
    assert claims.add("no number") == []  # raises IndexError: kept, nothing started
    assert claims.add("2. sky") == []  # the comprehension stopped at its first error
    assert evaluated == ["1. sea", "no number"]
    with pytest.raises(IndexError, match="list index out of range"):
        claims.result()
