"""Streams whose existence is only known when the request is made.

``client.chat.completions.create(**payload)`` returns a stream when ``payload`` holds
``stream=True``, and the sync code after it iterates that stream with a plain ``for``.
The generated code awaits ``epic.replayed(<the async twin's call>)``: a reply that is not
a stream comes back as it is; a stream is read whole (inside the task that started the
request, so other work goes on meanwhile) and handed back as a :class:`ReplayedStream`,
which the sync code iterates as it would have iterated the stream: the same chunks, in
order, and an error the stream raised part-way is raised at the same point of the
iteration, after the chunks that came before it.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterable, Awaitable, Callable, Iterator
from types import TracebackType
from typing import Any, TypeVar

_T = TypeVar("_T")


class ReplayedStream:
    """The chunks of a stream that has been read, for sync iteration (``for chunk in
    stream``, ``with stream:``, ``stream.close()``, ``stream.response``), like the
    openai client's sync ``Stream``."""

    def __init__(self, chunks: list[Any], error: BaseException | None, response: Any) -> None:
        self._chunks = chunks
        self._error = error
        self._next = 0
        self.response = response

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        if self._next < len(self._chunks):
            chunk = self._chunks[self._next]
            self._next += 1
            return chunk
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        raise StopIteration

    def close(self) -> None:
        """Nothing is left open: the stream was closed when it had been read."""
        self._next = len(self._chunks)
        self._error = None

    def __enter__(self) -> ReplayedStream:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


async def replayed(request: Awaitable[_T]) -> _T | ReplayedStream:
    """Await ``request``; if its reply is an openai ``AsyncStream``, read it whole and
    return a :class:`ReplayedStream` of its chunks (the error that ended it, if any,
    kept for its place in the iteration). A cancellation closes the stream and
    propagates."""
    reply = await request
    if inspect.isasyncgen(reply):
        # The pre-1.0 API: ``acreate(..., stream=True)`` gives an async generator of
        # chunks where ``create`` gave a generator.
        return await _read_whole(reply, reply.aclose, None)
    try:
        import openai  # lazily, and not required: the pre-1.0 API has no AsyncStream
    except ImportError:  # pragma: no cover - a twin call needs openai
        return reply
    stream_type = getattr(openai, "AsyncStream", None)
    if stream_type is None or not isinstance(reply, stream_type):
        return reply
    return await _read_whole(reply, reply.close, reply.response)


async def _read_whole(
    stream: AsyncIterable[Any], close: Callable[[], Awaitable[Any]], response: Any
) -> ReplayedStream:
    """Every chunk of ``stream`` and the error that ended it; ``close`` is awaited
    however the reading ends (a cancellation included)."""
    chunks: list[Any] = []
    error: BaseException | None = None
    try:
        async for chunk in stream:
            chunks.append(chunk)
    except Exception as exc:  # raised where the sync iteration would have raised it
        error = exc
    finally:
        await close()
    return ReplayedStream(chunks, error, response)
