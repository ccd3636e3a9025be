"""Calls started where a loop reaches them and retired in order while it goes on.

A loop that must run iteration by iteration (it reads a stream, or carries a buffer
from one iteration to the next) may still hand work to a helper whose value it drops
(``carry_out(line)``), if all the helper does besides its requests is print and add to
what it collects in order (the runtime holds that back). The generated code starts each
such call as a task where the loop reaches it, and the tasks retire in program order
while the loop goes on::

    async with epic.in_order() as carry_out_calls:
        async for chunk in stream:
            ...
            carry_out_calls.spawn(carry_out(line))

* **Retire in order, as soon as possible.** A retirer awaits the tasks one after the
  other, in the order they were started: each task's output comes out once the ones
  before it are done, and as it is printed (see ``_output.py``), in the output of the
  code around the block. The code inside the block does nothing whose order could show
  (epic starts calls this way only then), so the text is exactly the sequential text.
  What the block prints itself goes through :meth:`InOrder.print`: made where the block
  prints it, it comes out after the text of the calls started before it (at once when
  they are done), so tokens of a stream still show as they arrive.
* **The first failure in order wins.** When a task fails, the tasks after it are
  cancelled and no more are started: the next :meth:`InOrder.spawn` raises the failure,
  and so does leaving the block. When the code of the block raises, the tasks started
  before are retired first (their failure, earlier in program order, wins), then the
  block's exception propagates.
* **Nothing hangs, nothing is left running.** Leaving the block waits for every task
  (normally) or cancels them (on cancellation, ``KeyboardInterrupt`` or ``SystemExit``)
  and waits for them to end.
"""

from __future__ import annotations

import asyncio
import builtins
import collections
import io
import sys
from collections.abc import Coroutine
from types import TracebackType
from typing import Any, TypeVar

from ._output import BufferedTask, install_stdout_proxy, start_buffered
from ._scope import cancel_and_wait

_T = TypeVar("_T")


class InOrder:
    """Tasks retired in the order they were started, while the block that starts them
    runs on (see the module docstring). Use it as ``async with epic.in_order() as
    calls:`` and start each call with ``calls.spawn(coro)``."""

    __slots__ = ("_queue", "_wakeup", "_retirer", "_error", "_open", "_count")

    def __init__(self) -> None:
        # Calls, and the text the block printed between them, in program order.
        self._queue: collections.deque[BufferedTask[Any] | str] = collections.deque()
        self._wakeup: asyncio.Event | None = None
        self._retirer: asyncio.Task[None] | None = None
        self._error: BaseException | None = None
        self._open = False
        self._count = 0

    def __repr__(self) -> str:
        state = "open" if self._open else "closed"
        return f"<InOrder {state}, {len(self._queue)} pending>"

    async def __aenter__(self) -> InOrder:
        if self._retirer is not None:
            raise RuntimeError("an InOrder block can be entered once: use a new epic.in_order()")
        install_stdout_proxy()
        self._open = True
        self._wakeup = asyncio.Event()
        # A plain task in the context of the code around the block: what it replays
        # goes where that code's own output goes.
        self._retirer = asyncio.ensure_future(self._retire())
        return self

    def spawn(self, coro: Coroutine[Any, Any, _T]) -> asyncio.Task[_T]:
        """Start ``coro`` now; it retires after every call started before it. Raises
        the failure of an earlier call, if one failed (the call is not started)."""
        if self._error is not None:
            coro.close()
            raise self._error
        if not self._open:
            coro.close()
            raise RuntimeError("this InOrder block has ended: start calls inside it")
        self._count += 1
        task = start_buffered(coro, name=f"{getattr(coro, '__qualname__', 'call')}#{self._count}")
        self._queue.append(task)
        assert self._wakeup is not None
        self._wakeup.set()
        return task

    def print(  # noqa: A003 - ``print`` in the block, in order
        self, *values: object, sep: str | None = " ", end: str | None = "\n", flush: bool = False
    ) -> None:
        """``print(*values, sep=sep, end=end)`` where the block prints: the text is made
        now (``str`` of each value, as the sequential program makes it here) and comes
        out after the text of the calls started before, at once if they are done.
        Raises the failure of an earlier call, if one failed (nothing is printed)."""
        if self._error is not None:
            raise self._error
        text = io.StringIO()
        builtins.print(*values, sep=sep, end=end, file=text)
        if self._queue:
            self._queue.append(text.getvalue())
            assert self._wakeup is not None
            self._wakeup.set()
        else:
            sys.stdout.write(text.getvalue())
            if flush:
                sys.stdout.flush()

    async def _retire(self) -> None:
        assert self._wakeup is not None
        while True:
            if not self._queue:
                if not self._open:
                    return
                self._wakeup.clear()
                await self._wakeup.wait()
                continue
            task = self._queue[0]
            if isinstance(task, str):
                sys.stdout.write(task)  # the block's own text, in its place
                sys.stdout.flush()
                self._queue.popleft()
                continue
            try:
                await task  # replays its output here, in order
            except asyncio.CancelledError:
                if task.cancelled() and not self._is_cancelling():
                    self._queue.popleft()  # cancelled from outside: it never ran
                    continue
                raise
            except BaseException as error:  # noqa: BLE001 - every failure is retired
                self._queue.popleft()
                self._error = error
                await cancel_and_wait([t for t in self._queue if not isinstance(t, str)])
                self._queue.clear()
                return
            self._queue.popleft()

    @staticmethod
    def _is_cancelling() -> bool:
        current = asyncio.current_task()
        return current is not None and current.cancelling() > 0

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        self._open = False
        assert self._wakeup is not None and self._retirer is not None
        self._wakeup.set()
        if exc is not None and not isinstance(exc, Exception):
            # Cancelled, interrupted or exiting: nothing more is retired.
            await self._stop()
            return False
        try:
            await asyncio.shield(self._retirer)
        except BaseException:  # cancelled while retiring: clean up, re-raise
            await self._stop()
            raise
        if self._error is not None and self._error is not exc:
            # Earlier in program order than anything the block raised after it; not
            # chained to it (the sequential program never got that far).
            error, context = self._error, self._error.__context__
            try:
                raise error
            finally:
                error.__context__ = context
        return False

    async def _stop(self) -> None:
        assert self._retirer is not None
        await cancel_and_wait([*(t for t in self._queue if not isinstance(t, str)), self._retirer])
        self._queue.clear()


def in_order() -> InOrder:
    """A new :class:`InOrder` block: ``async with epic.in_order() as calls:``."""
    return InOrder()
