"""Ctrl-C in a generated program behaves as in the sequential one.

``asyncio.run`` answers SIGINT by cancelling the main task, so a script's own
``except KeyboardInterrupt:`` never runs (it sees ``CancelledError``), and the process
ends with asyncio's traceback. The sequential script gets ``KeyboardInterrupt`` at the
line that is running. Here, the main coroutine runs inside :class:`Interruptible`:

* SIGINT while the main task's own code runs (a blocking call it makes in place): the
  handler raises ``KeyboardInterrupt`` right there, as Python's default handler would;
* SIGINT while the loop waits (the main task is suspended at an ``await``): the main
  task is cancelled, and the cancellation is turned into ``KeyboardInterrupt`` thrown
  in at that ``await``: the script's handlers, ``finally`` blocks and the task scopes'
  clean-up run as they would sequentially (tasks started early are cancelled);
* a second SIGINT before the first was delivered raises at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from collections.abc import Coroutine, Generator, Iterator
from types import FrameType
from typing import Any, Generic, TypeVar

_T = TypeVar("_T")


class Interruptible(Generic[_T]):
    """Awaits ``coro``, throwing ``KeyboardInterrupt`` into it where a pending
    interrupt finds it waiting (see the module docstring)."""

    __slots__ = ("_coro", "pending")

    def __init__(self, coro: Coroutine[Any, Any, _T]) -> None:
        self._coro = coro
        self.pending = False

    def __await__(self) -> Generator[Any, Any, _T]:
        send: Any = None
        throw: BaseException | None = None
        while True:
            try:
                yielded = self._coro.send(send) if throw is None else self._coro.throw(throw)
            except StopIteration as stop:
                return stop.value  # type: ignore[no-any-return]
            send, throw = None, None
            try:
                send = yield yielded
            except asyncio.CancelledError as cancelled:
                if self.pending:
                    self.pending = False
                    task = asyncio.current_task()
                    if task is not None:
                        task.uncancel()
                    throw = KeyboardInterrupt()
                else:
                    throw = cancelled
            except BaseException as error:  # noqa: BLE001 - handed on as it is
                throw = error


async def _drive(wrapper: Interruptible[_T]) -> _T:
    return await wrapper


@contextlib.contextmanager
def _sigint_handler(
    loop: asyncio.AbstractEventLoop, wrapper: Interruptible[Any], task_box: list[asyncio.Task[Any]]
) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or (
        signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield  # not ours to handle (a worker thread, or the script set its own)
        return

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        task = task_box[0] if task_box else None
        if task is None or task.done():
            raise KeyboardInterrupt
        if wrapper.pending:
            raise KeyboardInterrupt  # a second Ctrl-C: at once
        if asyncio.current_task(loop) is task:
            raise KeyboardInterrupt  # the main task's own code is running: here
        wrapper.pending = True
        loop.call_soon_threadsafe(task.cancel)

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run_interruptibly(main: Coroutine[Any, Any, _T], *, debug: bool | None) -> _T:
    """``asyncio.run(main)`` with the Ctrl-C behaviour of the module docstring."""
    wrapper = Interruptible(main)
    task_box: list[asyncio.Task[Any]] = []
    with asyncio.Runner(debug=debug) as runner:
        loop = runner.get_loop()

        async def start() -> _T:
            current = asyncio.current_task()
            assert current is not None
            task_box.append(current)
            return await _drive(wrapper)

        with _sigint_handler(loop, wrapper, task_box):
            return runner.run(start())
