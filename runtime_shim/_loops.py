"""Helpers for the first loop of a split loop (the one that starts every iteration's
calls ahead of the loop): checks that must not raise there, since any error has to
come from the second loop, in program order, after the output of earlier iterations
(or, with :func:`pending`, are kept for it). And :func:`keyed`, the element of a gathered dict comprehension, and :func:`ahead`, a
list comprehension over lines computed line by line ahead of its place.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Generator, Iterator
from contextlib import contextmanager
from typing import Any, Generic, NoReturn, TypeVar

_K = TypeVar("_K")
_V = TypeVar("_V")
_E = TypeVar("_E")


def hashable(key: object) -> bool:
    """Whether ``key`` can be looked up in a dict: a split loop that fills a memo cache
    starts a key's call ahead of the loop only then. For any other key it starts
    nothing, and the loop's own ``key in cache`` raises the error in program order."""
    try:
        hash(key)
    except Exception:  # noqa: BLE001 - whatever __hash__ raises, it raises in order later
        return False
    return True


def holds(condition: Callable[[], object]) -> bool:
    """Whether ``condition()`` is true: a split loop starts a call under ``if`` ahead of
    the loop only then. When evaluating it raises, the loop's own ``if`` raises the
    error in program order, so here it is just false."""
    try:
        return bool(condition())
    except Exception:  # noqa: BLE001 - raised again, in order, by the loop itself
        return False


class Pending(list[_V]):
    """What a split loop's first loop hands to its second, item by item (a list), and
    the error that stopped the first loop, if one did: code that may raise runs there
    only ahead of the item's calls (``if done(x): continue``, ``n = int(row["n"])``),
    so when it raises, the first loop stops with nothing of that item started, and the
    second loop raises the same error where it reaches that item, after finishing the
    items before it, as the sequential loop does.

    ``with pending.collecting():`` around the first loop keeps the error; iterating
    raises it after the last item."""

    __slots__ = ("_error",)

    def __init__(self) -> None:
        super().__init__()
        self._error: Exception | None = None

    @contextmanager
    def collecting(self) -> Iterator[None]:
        """Keep an error the first loop raises for the second loop to raise in order."""
        try:
            yield
        except Exception as error:  # noqa: BLE001 - raised again, in order, by __iter__
            self._error = error

    def __iter__(self) -> Iterator[_V]:
        yield from super().__iter__()
        error, self._error = self._error, None
        if error is not None:
            raise error


def pending() -> Pending[Any]:
    """An empty :class:`Pending` for a split loop whose first loop may raise."""
    return Pending()


class NotStarted:
    """The place of a call under ``if`` that the first loop did not start (its condition
    was false): the second loop evaluates the same condition, so it never awaits it."""

    __slots__ = ()

    def __await__(self) -> Generator[Any, None, NoReturn]:
        raise RuntimeError("epic: awaiting a call that was not started (a bug in epic)")
        yield  # a generator, as __await__ must return an iterator

    def __repr__(self) -> str:
        return "epic.NOT_STARTED"


NOT_STARTED = NotStarted()


class Keyed(Generic[_K, _V]):
    """``(key, await value)``: ``{k: ask(k) for k in ks}`` runs as
    ``dict(await tasks.gather(epic.keyed(k, ask(k)) for k in ks))``, every call at
    once, each key evaluated before its call starts, as in the comprehension.

    An awaitable rather than a coroutine, so that a gather cancelled before the pair
    ever ran can close the call's coroutine (:meth:`close`): Python would otherwise
    warn that it was never awaited."""

    __slots__ = ("key", "value")

    def __init__(self, key: _K, value: Awaitable[_V]) -> None:
        self.key = key
        self.value = value

    def __await__(self) -> Generator[Any, None, tuple[_K, _V]]:
        result = yield from self.value.__await__()
        return self.key, result

    def close(self) -> None:
        """Close the call's coroutine if it never ran (nothing if it did)."""
        close = getattr(self.value, "close", None)
        if inspect.iscoroutine(self.value) and close is not None:
            close()


def keyed(key: _K, value: Awaitable[_V]) -> Keyed[_K, _V]:
    """The pair ``(key, await value)`` as an awaitable: see :class:`Keyed`."""
    return Keyed(key, value)


class Ahead(Generic[_E]):
    """A list comprehension over lines computed a line at a time, ahead of its place,
    with its first error kept for its place: see :func:`ahead`."""

    __slots__ = ("_comprehension", "_values", "_error")

    def __init__(self, comprehension: Callable[[list[str]], list[_E]]) -> None:
        self._comprehension = comprehension
        self._values: list[_E] = []
        self._error: Exception | None = None

    def add(self, line: str) -> list[_E]:
        """The comprehension's elements for one more line (none, one or several), kept
        for :meth:`result`. After an error: nothing, ever again (the
        comprehension stops at its first error)."""
        if self._error is not None:
            return []
        try:
            found = self._comprehension([line])
        except Exception as error:  # noqa: BLE001 - raised in order, by result()
            self._error = error
            return []
        self._values.extend(found)
        return found

    def result(self) -> list[_E]:
        """The comprehension's value: every element, in order; or the error the first
        failing element (or condition) raised, raised here, at the comprehension's place."""
        if self._error is not None:
            error, self._error = self._error, None
            try:
                raise error
            finally:
                del error
        return self._values


def ahead(comprehension: Callable[[list[str]], list[_E]]) -> Ahead[_E]:
    """A list comprehension over the lines of a streamed text, computed as each line
    arrives so that the loop it feeds can start its calls then:
    ``claims = epic.ahead(lambda lines: [l.split(". ", 1)[1] for l in lines if ". " in l])``,
    then ``claims.add(line)`` for each line (its elements), and ``claims.result()`` at
    the comprehension's place: the same list, or the same error raised there. The
    comprehension is pure (epic checks that), so computing it earlier is invisible."""
    return Ahead(comprehension)
