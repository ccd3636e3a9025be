"""One computation per key of a memo cache at a time.

A memo function (``if key in cache: return cache[key]`` ... ``cache[key] = value``)
whose calls run concurrently would ask twice for a key that two calls miss at the same
time. ``async with single_flight(cache, key):`` around the check and the miss path
lets the first call for a key compute while the others with that key wait; they then
find the value in the cache, as the sequential program's later calls do. Calls with
other keys, or other caches, do not wait for each other. When the computing call
raises, the next one computes again (as sequentially, where it runs only if the
exception was handled), but not before the program has reached it; that holds for a
call that starts after the failed one has finished, too (the key's failure is kept
until a call for it succeeds).

:func:`cache` is ``functools.cache`` for a coroutine function, built on the same
flights: one computation per arguments at a time, the same hits and misses as the
sequential program's calls.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine, Hashable
from types import TracebackType
from typing import Any, ParamSpec, TypeVar

from ._output import until_demanded


class _Flight:
    __slots__ = ("lock", "users", "failed", "cache")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0
        # The last call that computed this key raised.
        self.failed = False
        # While a failure is kept: the cache itself, so that its id (our key) cannot
        # be reused by another object.
        self.cache: object = None


# (id of the cache, key) -> the lock of that key while some call holds or awaits it.
_flights: dict[tuple[int, Hashable], _Flight] = {}


class single_flight:  # noqa: N801 - used like a function: ``async with epic.single_flight(...)``
    """``async with single_flight(cache, key):`` runs its body for one key of one
    cache at a time (first come, first served); nothing is kept once no call uses it,
    except that the key's last computation failed."""

    __slots__ = ("_slot", "_flight", "_cache")

    def __init__(self, cache: object, key: Hashable) -> None:
        self._cache = cache
        self._slot = (id(cache), key)
        hash(self._slot)  # an unhashable key raises here, as ``key in cache`` would

    async def __aenter__(self) -> None:
        flight = _flights.get(self._slot)
        if flight is None:
            flight = _flights[self._slot] = _Flight()
        flight.users += 1
        self._flight = flight
        try:
            await flight.lock.acquire()
        except BaseException:
            self._leave()
            raise
        if flight.failed:
            # The call before this one raised without storing the key. Sequentially this
            # call happens only if that exception was handled: compute again only once
            # the program has reached this call (its task is awaited); if the exception
            # escapes instead, this task is cancelled before it asks anything.
            try:
                await until_demanded()
            except BaseException:
                flight.lock.release()
                self._leave()
                raise

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._flight.failed = exc is not None
        self._flight.cache = self._cache if exc is not None else None
        self._flight.lock.release()
        self._leave()

    def _leave(self) -> None:
        self._flight.users -= 1
        if self._flight.users == 0 and not self._flight.failed:
            # A failed key stays: a call started early that comes after the failure
            # must not ask again before the program reaches it.
            del _flights[self._slot]


_P = ParamSpec("_P")
_R = TypeVar("_R")


def cache(
    function: Callable[_P, Coroutine[Any, Any, _R]],
) -> Callable[_P, Coroutine[Any, Any, _R]]:
    """``functools.cache`` (``lru_cache(maxsize=None)``) for a coroutine function.

    The value of each call's arguments is kept (an exception is not); a call whose
    arguments another call is computing waits for it and then finds the value, a hit,
    as the later of two sequential calls would. ``cache_info()`` and
    ``cache_clear()`` behave as ``functools``'s (the size is unbounded)."""
    store: dict[Hashable, Any] = {}
    counts = {"hits": 0, "misses": 0}

    @functools.wraps(function)
    async def cached(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        # As ``functools``'s key: keyword order counts; an unhashable argument raises.
        key = (args, tuple(kwargs.items())) if kwargs else args
        async with single_flight(store, key):
            if key in store:
                counts["hits"] += 1
                value: _R = store[key]
                return value
            counts["misses"] += 1
            value = await function(*args, **kwargs)
            store[key] = value
            return value

    def cache_info() -> functools._CacheInfo:
        return functools._CacheInfo(counts["hits"], counts["misses"], None, len(store))

    def cache_clear() -> None:
        store.clear()
        counts["hits"] = counts["misses"] = 0

    cached.cache_info = cache_info  # type: ignore[attr-defined]
    cached.cache_clear = cache_clear  # type: ignore[attr-defined]
    return cached
