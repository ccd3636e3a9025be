"""Printed output of tasks (and additions to global counters), held back and replayed
in program order.

A task started early may print (a helper that logs ``asking ...`` before its request).
Its text must appear where the sequential program would have printed it, so while a
task runs, what it writes to ``sys.stdout`` goes to a buffer of its own. When the
generated code awaits the task, which it does in program order, the program has
reached the call's place: the text held so far is replayed into the awaiting code's
output, and from then on what the task prints goes straight there, as it is printed
(see :class:`BufferedTask`), so a helper that prints ``Step 1: ...`` before its request
shows it at once, not after the reply. Nested tasks nest naturally: a task's buffer is
replayed into the buffer of the task that awaits it.

``sys.stdout`` is replaced, once, by a thin proxy that writes to the current task's
buffer when there is one and to the real stream otherwise.

A global counter (``total += amount`` in a function; see
``transpiler/analysis/counters.py``) is changed through :func:`add_in_order`: in a
task, the addition waits in the buffer, among the text, and is made when the text is
replayed; elsewhere it is made at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import operator
import sys
import threading
from collections.abc import Awaitable, Callable, Coroutine, Generator, MutableMapping
from typing import Any, TextIO, TypeVar

_T = TypeVar("_T")

# What a task holds back: text it printed, and changes to make in order.
Held = str | Callable[[], None]


class _Output:
    """What one task started early prints and changes: held back until the program
    reaches the task's place, then passed on to where that is as it comes (``live``)."""

    __slots__ = ("held", "live", "into", "_lock")

    def __init__(self) -> None:
        self.held: list[Held] = []
        self.live = False
        # Where a live task's output goes: the awaiting task's output (None: out).
        self.into: _Output | None = None
        # Blocking calls on threads (``epic.to_thread``) print from other threads.
        self._lock = threading.Lock()

    def add(self, item: Held) -> None:
        with self._lock:
            if not self.live:
                self.held.append(item)
                return
        _emit(item, self.into)

    def go_live(self, into: _Output | None) -> None:
        """Pass what is held to ``into`` (in order), and from now on each new item."""
        with self._lock:
            held, self.held = self.held, []
            for item in held:
                _emit(item, into)
            self.into = into
            self.live = True


def _emit(item: Held, into: _Output | None) -> None:
    if into is not None:
        into.add(item)
    elif isinstance(item, str):
        stdout = sys.stdout
        target = stdout._epic_target if isinstance(stdout, _StdoutProxy) else stdout
        target.write(item)
    else:
        item()


# The output of the task running now (None: write through).
_buffer: contextvars.ContextVar[_Output | None] = contextvars.ContextVar(
    "epic_output_buffer", default=None
)


def _in_order(change: Callable[[], None]) -> None:
    """Make ``change`` now, or hold it back with the current task's output."""
    buffer = _buffer.get()
    if buffer is None:
        change()
    else:
        buffer.add(change)


# ``a += b`` for any a and b (the same error message as the statement when it fails).
_iadd: Callable[[Any, Any], Any] = operator.iadd


def add_in_order(namespace: MutableMapping[str, Any], name: str, amount: Any) -> None:
    """``namespace[name] += amount``, made in program order: in a task started early,
    when the generated code awaits the task (never, if the task is cancelled).

    An addition that cannot be made (``0 + "x"``) raises here, at once, as it would
    sequentially: whether it can depends only on the types, not on the order.
    """
    _iadd(namespace[name], amount)

    def add() -> None:
        namespace[name] = _iadd(namespace[name], amount)

    _in_order(add)


def append_in_order(items: list[_T], item: _T) -> None:
    """``items.append(item)``, made in program order: in a task started early, when
    the generated code awaits the task (never, if the task is cancelled), among its
    printed text; elsewhere at once."""
    _in_order(lambda: items.append(item))


# Where ``epic.redirect_stdout`` sends the current context's text (None: nowhere).
_redirected: contextvars.ContextVar[TextIO | None] = contextvars.ContextVar(
    "epic_redirected_stdout", default=None
)


class _StdoutProxy:
    """``sys.stdout`` while epic's tasks may run: routes text by task."""

    def __init__(self, target: TextIO) -> None:
        self._epic_target = target

    def write(self, text: str) -> int:
        redirected = _redirected.get()
        if redirected is not None:
            return redirected.write(text)
        buffer = _buffer.get()
        if buffer is None:
            return self._epic_target.write(text)
        buffer.add(text)
        return len(text)

    def flush(self) -> None:
        redirected = _redirected.get()
        if redirected is not None:
            redirected.flush()
        elif _buffer.get() is None:
            self._epic_target.flush()

    def __getattr__(self, name: str) -> Any:
        # encoding, isatty, fileno, getvalue, ...: the stream the text goes to.
        redirected = _redirected.get()
        return getattr(redirected if redirected is not None else self._epic_target, name)


class redirect_stdout(contextlib.AbstractContextManager[TextIO]):  # noqa: N801
    """``contextlib.redirect_stdout`` for code that runs beside epic's tasks.

    ``contextlib.redirect_stdout`` replaces ``sys.stdout`` for the whole process: a
    blocking call running meanwhile on a thread (``epic.to_thread``) would print into
    the redirect target too. Once epic's output proxy is installed, this sends only the
    text written in the current context (the ``with`` body) to ``new_target``; before
    that (no task has started), it is ``contextlib.redirect_stdout`` itself. epic uses
    it only for a ``with`` body that awaits nothing, so no task of the event loop runs
    while the body does, as none ran in the sequential program. Reentrant, as the
    original is.
    """

    def __init__(self, new_target: TextIO) -> None:
        self._new_target = new_target
        self._exits: list[Callable[[], None]] = []

    def __enter__(self) -> TextIO:
        if isinstance(sys.stdout, _StdoutProxy):
            token = _redirected.set(self._new_target)
            self._exits.append(lambda: _redirected.reset(token))
        else:
            plain = contextlib.redirect_stdout(self._new_target)
            plain.__enter__()
            self._exits.append(lambda: plain.__exit__(None, None, None))
        return self._new_target

    def __exit__(self, *exc_info: object) -> None:
        self._exits.pop()()


def install_stdout_proxy() -> None:
    """Route ``sys.stdout`` through the proxy (idempotent; the proxy wraps whatever
    ``sys.stdout`` is now, e.g. a ``contextlib.redirect_stdout`` target)."""
    if not isinstance(sys.stdout, _StdoutProxy):
        sys.stdout = _StdoutProxy(sys.stdout)  # type: ignore[assignment,unused-ignore]


class EscapedBaseException(Exception):
    """Carries a ``SystemExit``/``KeyboardInterrupt`` raised inside a task started early.

    asyncio lets those two leave the event loop at once, from whatever task raised
    them, ahead of the output and the exceptions that come before them in program
    order. Inside the task they travel as this ordinary exception instead, and the
    place that awaits the task (in program order) raises the original again.
    """

    def __init__(self, original: BaseException) -> None:
        super().__init__(original)
        self.original = original


def unwrap(error: BaseException) -> BaseException:
    """The exception a task's failure stands for (see :class:`EscapedBaseException`)."""
    return error.original if isinstance(error, EscapedBaseException) else error


async def _with_buffer(coro: Coroutine[Any, Any, _T], buffer: _Output) -> _T:
    _buffer.set(buffer)  # this task's context only (tasks run in a copy)
    try:
        return await coro
    except (SystemExit, KeyboardInterrupt) as error:
        raise EscapedBaseException(error) from None


class BufferedTask(asyncio.Task[_T]):
    """A task whose printed output is replayed where the generated code awaits it.

    The first ``await`` in the generated code replays the text held so far, and the
    task's later text goes straight to the awaiting code's output (also when the task
    fails: the sequential program would have printed it before raising). The awaiting
    code waits for the task there, doing nothing else, so the text comes out where
    the sequential program printed it. Internal waits of the shim use
    :func:`wait_quietly` and replay nothing.
    """

    _epic_output: _Output
    _epic_replayed: bool
    # Set once code awaits the task for its value (the generated code, or a gather
    # collecting it in order): the program has reached the call's place.
    _epic_demanded: bool
    _epic_demand_waiters: list[asyncio.Future[None]]

    def demand(self) -> None:
        """Record that the task's value is wanted now, and wake what waits for that."""
        if self._epic_demanded:
            return
        self._epic_demanded = True
        if not self.done():
            # The program is at the call's place: its text may come out as it is printed.
            self._epic_replayed = True
            self._epic_output.go_live(_buffer.get())
        for waiter in self._epic_demand_waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._epic_demand_waiters.clear()

    def replay_output(self) -> None:
        """Write the task's held-back output to the current output, once."""
        if self._epic_replayed:
            return
        self._epic_replayed = True
        self._epic_output.go_live(_buffer.get())

    def __await__(self) -> Generator[Any, None, _T]:
        self.demand()
        try:
            result = yield from super().__await__()
        except EscapedBaseException as escaped:
            if self.done() and not self.cancelled():
                self.replay_output()
            raise escaped.original.with_traceback(escaped.original.__traceback__) from None
        finally:
            if self.done() and not self.cancelled():
                self.replay_output()
        return result

    __iter__ = __await__


def start_buffered(coro: Coroutine[Any, Any, _T], *, name: str | None = None) -> BufferedTask[_T]:
    """Start ``coro`` as a :class:`BufferedTask` on the running loop."""
    loop = asyncio.get_running_loop()
    buffer = _Output()
    task = BufferedTask(_with_buffer(coro, buffer), loop=loop, name=name)
    task._epic_output = buffer
    task._epic_replayed = False
    task._epic_demanded = False
    task._epic_demand_waiters = []
    # Cancelled before it ever ran, ``coro`` was never awaited: close it so Python
    # does not warn about that (closing a finished coroutine does nothing).
    task.add_done_callback(lambda _: coro.close())
    return task


async def until_demanded() -> None:
    """Return once the current task's value is wanted (at once outside a task started
    early: code running in program order is always wanted)."""
    task = asyncio.current_task()
    if not isinstance(task, BufferedTask) or task._epic_demanded:
        return
    waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    task._epic_demand_waiters.append(waiter)
    await waiter


class _Quietly:
    """Awaits a :class:`BufferedTask` as a plain future: no replay."""

    __slots__ = ("_task",)

    def __init__(self, task: BufferedTask[Any]) -> None:
        self._task = task

    def __await__(self) -> Generator[Any, None, Any]:
        return asyncio.Future.__await__(self._task)


def wait_quietly(awaitable: Awaitable[_T]) -> Awaitable[_T]:
    """``awaitable`` itself, or for a :class:`BufferedTask` an awaitable of its value
    that does not replay its output."""
    if isinstance(awaitable, BufferedTask):
        return _Quietly(awaitable)
    return awaitable
