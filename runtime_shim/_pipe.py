"""Pipes: one streamed reply read by several consumers while it arrives.

A streamed response is an async iterator that only one loop can walk. A program that
does several things with it (prints each token, accumulates the text, hands each
complete line to a function that makes requests of its own) either walks it once and
does everything in lockstep, or reads it into a :class:`Pipe` that each consumer reads
at its own pace::

    async with epic.pipe(stream, readers=2) as (printed, lines):
        ...  # two tasks: one walks ``printed``, one walks ``epic.lines(...)``

* **One pump.** Entering the pipe starts one task that reads the source; every reader
  sees every item, in order, from the first one on.
* **Bounded memory.** The pipe keeps only the items some open reader has not read yet,
  and at most ``window`` of them: when the slowest open reader is ``window`` items
  behind, the pump waits (back-pressure reaches the source, as for a program that reads
  slowly). A reader that is closed, or has reached the end, no longer holds anything.
* **Failures reach every consumer.** An exception from the source is raised by each
  reader where it reaches that point of the stream (after the items before it), never
  by the pump's task, so a program that catches it sees it once per consumer, exactly
  where a sequential loop over the stream would have raised it.
* **Nothing hangs, nothing is left running.** Leaving the ``async with`` (normally, by
  an exception or by cancellation) cancels the pump if it still runs, waits for it,
  and closes the source; a reader still waiting then raises :class:`PipeClosedError`.

:func:`lines` turns an iterable of text pieces into the text's lines as they complete,
the way ``text.split("\\n")`` splits the whole text. :class:`LineSplitter` does the
same for text a loop accumulates (``answer += piece``), for ``split("\\n")`` or
``splitlines()``: fed the text so far after each addition, it returns the lines that
have become complete, and at the end the rest, so that all it returns is exactly what
splitting the final text returns.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import inspect
from collections.abc import AsyncIterable, AsyncIterator
from types import TracebackType
from typing import Final, Generic, TypeVar

_T = TypeVar("_T")

#: Items a pipe keeps at most for its slowest reader (a streamed chat reply is one item
#: per token: a window of this many tokens is a few kilobytes).
DEFAULT_WINDOW: Final = 4096


class PipeClosedError(RuntimeError):
    """A reader read on after its pipe was closed before the stream ended."""


class _End:
    """Marks the end of the stream (``error`` set when the source failed)."""

    __slots__ = ("error",)

    def __init__(self, error: BaseException | None) -> None:
        self.error = error


class PipeReader(Generic[_T], AsyncIterator[_T]):
    """One consumer's view of a :class:`Pipe`: every item, in order, then the end (or
    the source's exception). Iterate it with ``async for``, inside ``async with
    reader:`` so that a consumer that stops early or fails closes it (a reader nobody
    reads would otherwise hold the pipe's window, and the pump, forever)."""

    __slots__ = ("_pipe", "_position", "_open")

    def __init__(self, pipe: Pipe[_T]) -> None:
        self._pipe = pipe
        self._position = 0  # index of the next item, counted from the stream's start
        self._open = True

    def __aiter__(self) -> PipeReader[_T]:
        return self

    async def __aenter__(self) -> PipeReader[_T]:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()  # a consumer that stops, or fails, holds nothing back

    async def __anext__(self) -> _T:
        if not self._open:
            raise StopAsyncIteration
        item = await self._pipe._item_at(self._position)
        if isinstance(item, _End):
            self.close()
            if item.error is not None:
                raise item.error
            raise StopAsyncIteration
        self._position += 1
        self._pipe._trim()
        return item

    @property
    def closed(self) -> bool:
        return not self._open

    def close(self) -> None:
        """Stop reading: the pipe no longer keeps items for this reader."""
        if self._open:
            self._open = False
            self._pipe._trim()


class Pipe(Generic[_T]):
    """The items of ``source`` for ``readers`` consumers, read while they arrive (see
    the module docstring). Use it as ``async with epic.pipe(source, readers=n) as
    (r1, ..., rn):``; entering starts the pump, leaving stops it."""

    __slots__ = (
        "_source",
        "_window",
        "_readers",
        "_items",
        "_base",
        "_end",
        "_waiters",
        "_pump",
        "_closed",
    )

    def __init__(self, source: AsyncIterable[_T], readers: int, window: int) -> None:
        if readers < 1:
            raise ValueError(f"a pipe needs at least one reader, got {readers}")
        if window < 1:
            raise ValueError(f"a pipe's window must be at least 1 item, got {window}")
        self._source = source
        self._window = window
        self._readers = tuple(PipeReader(self) for _ in range(readers))
        self._items: collections.deque[_T] = collections.deque()
        self._base = 0  # stream index of self._items[0]
        self._end: _End | None = None
        # Futures of the pump and readers waiting for a change (all on one loop: no lock).
        self._waiters: list[asyncio.Future[None]] = []
        self._pump: asyncio.Task[None] | None = None
        self._closed = False

    async def __aenter__(self) -> tuple[PipeReader[_T], ...]:
        if self._pump is not None:
            raise RuntimeError("a pipe can be entered only once")
        self._pump = asyncio.get_running_loop().create_task(self._run())
        return self._readers

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop the pump (if it still runs), wait for it, close the source, and wake
        every waiting reader (they raise :class:`PipeClosedError`)."""
        self._closed = True
        self._wake()
        pump = self._pump
        if pump is not None and not pump.done():
            pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pump
        await _close_source(self._source)

    # -- the pump ------------------------------------------------------------------
    async def _run(self) -> None:
        error: BaseException | None = None
        try:
            async for item in self._source:
                while not self._closed and len(self._items) >= self._window:
                    await self._wait()
                if self._closed:
                    return
                self._items.append(item)
                self._wake()
        except asyncio.CancelledError:
            raise
        except BaseException as exc:  # noqa: BLE001 - delivered to every reader
            error = exc
        self._end = _End(error)
        self._wake()

    async def _wait(self) -> None:
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)

    def _wake(self) -> None:
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    # -- for the readers -----------------------------------------------------------
    async def _item_at(self, position: int) -> _T | _End:
        if self._pump is None:
            raise RuntimeError("read a pipe inside its `async with`")
        while True:
            index = position - self._base
            if index < len(self._items):
                return self._items[index]
            if self._end is not None:
                return self._end
            if self._closed:
                raise PipeClosedError("the pipe was closed before the stream ended")
            await self._wait()

    def _trim(self) -> None:
        """Drop the items every open reader has read; wake the pump if it waits."""
        open_positions = [r._position for r in self._readers if not r.closed]
        keep_from = min(open_positions, default=self._base + len(self._items))
        dropped = False
        while self._base < keep_from and self._items:
            self._items.popleft()
            self._base += 1
            dropped = True
        if dropped:
            self._wake()


async def _close_source(source: object) -> None:
    """Close an async iterator (``aclose``) or a stream with ``close()``, if it can."""
    for name in ("aclose", "close"):
        method = getattr(source, name, None)
        if callable(method):
            result = method()
            if inspect.isawaitable(result):
                await result
            return


def pipe(source: AsyncIterable[_T], *, readers: int = 1, window: int = DEFAULT_WINDOW) -> Pipe[_T]:
    """A pipe that reads ``source`` for ``readers`` consumers (see :class:`Pipe`)."""
    return Pipe(source, readers, window)


async def lines(pieces: AsyncIterable[str]) -> AsyncIterator[str]:
    """The lines of the text ``pieces`` make up, each as soon as it is complete.

    Yields exactly ``"".join(all pieces).split("\\n")``, one part at a time: each line
    without its ``"\\n"`` once the ``"\\n"`` has arrived, and the rest of the text
    (possibly ``""``) when the pieces end.
    """
    buffer = ""
    async for piece in pieces:
        buffer += piece
        while "\n" in buffer:
            line, buffer = buffer.split("\n", 1)
            yield line
    yield buffer


class LineSplitter:
    """The lines of a text that grows, as they complete (see the module docstring).

    ``for line in splitter.feed(text):`` after each ``text += piece`` (``text`` starting
    at ``""``), then ``for line in splitter.end():`` once it stops growing: together
    they yield ``text.split("\\n")`` (``splitlines=False``) or
    ``text.splitlines(keepends)`` (``splitlines=True``) of the final text, in order.
    A line is complete when the text after it cannot change it: for ``split("\\n")`` at
    its ``"\\n"``; for ``splitlines`` at any of its line boundaries, except a final
    ``"\\r"``, which a ``"\\n"`` may follow (``"\\r\\n"`` is one boundary).
    """

    __slots__ = ("_splitlines", "_keepends", "_done", "_rest")

    def __init__(self, *, splitlines: bool = False, keepends: bool = False) -> None:
        self._splitlines = splitlines
        self._keepends = keepends
        self._done = 0  # length of the text's prefix already returned as lines
        self._rest = ""  # the text after that prefix: the incomplete last line

    def feed(self, text: str) -> list[str]:
        """The lines completed since the last call; ``text`` is the whole text so far."""
        self._rest += text[self._done + len(self._rest) :]
        if not self._splitlines:
            *complete, self._rest = self._rest.split("\n")
            self._done += sum(len(line) + 1 for line in complete)
            return complete
        parts = self._rest.splitlines(keepends=True)
        if parts and _ends_line(parts[-1]):
            complete, self._rest = parts, ""
        else:
            complete, self._rest = parts[:-1], parts[-1] if parts else ""
        self._done += sum(len(part) for part in complete)
        return complete if self._keepends else [_strip_boundary(p) for p in complete]

    def end(self) -> list[str]:
        """The rest of the text, once it is complete (then the splitter is spent)."""
        rest, self._rest = self._rest, ""
        self._done += len(rest)
        if not self._splitlines:
            return [rest]
        if not rest:
            return []
        return [rest] if self._keepends else [_strip_boundary(rest)]


def _ends_line(part: str) -> bool:
    """Whether a part of ``splitlines(keepends=True)`` ends with a boundary that the
    text after it cannot extend (anything but a lone final ``"\\r"``)."""
    return part != _strip_boundary(part) and not part.endswith("\r")


def _strip_boundary(part: str) -> str:
    return part.splitlines()[0] if part else part


def line_splitter(*, splitlines: bool = False, keepends: bool = False) -> LineSplitter:
    """A :class:`LineSplitter` for ``text.split("\\n")`` or ``text.splitlines()``."""
    return LineSplitter(splitlines=splitlines, keepends=keepends)
