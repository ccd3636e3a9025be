"""The global cap on external calls in flight.

The cap is one number for the whole process, but asyncio semaphores belong to the event
loop that first uses them, and one process may run several loops (``epic.run`` called
twice, or from a notebook, which runs the coroutine on a helper thread). So each loop
gets its own semaphore, created on first use and kept in a ``WeakKeyDictionary`` that
dies with the loop. Changing the cap swaps in a fresh, empty dictionary in one
assignment, so a reader never sees a new limit with old semaphores.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

_ENV_MAX_CONCURRENCY = "EPIC_MAX_CONCURRENCY"


@dataclass(frozen=True, slots=True, eq=False)
class _LimitState:
    limit: int | None
    semaphores: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = field(
        default_factory=WeakKeyDictionary
    )


def _check_limit(n: object, source: str) -> int | None:
    if n is None:
        return None
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(
            f"{source} must be a positive int or None, got {type(n).__name__} {n!r}; "
            "use None for no limit"
        )
    if n < 1:
        raise ValueError(f"{source} must be at least 1, got {n}; use None for no limit")
    return n


def _limit_from_env() -> int | None:
    raw = os.environ.get(_ENV_MAX_CONCURRENCY, "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(
            f"{_ENV_MAX_CONCURRENCY}={raw!r} is not an integer; set it to a positive "
            "integer such as 8, or unset it for no limit"
        ) from None
    return _check_limit(value, _ENV_MAX_CONCURRENCY)


_state = _LimitState(_limit_from_env())


def set_concurrency_limit(n: int | None) -> None:
    """Cap the number of external calls in flight at ``n`` (``None``: no cap).

    The cap applies to :func:`to_thread` calls and to requests sent through
    :func:`http_client`. It is counted per event loop. Calls already waiting for a slot
    or already running when the cap changes finish under the old cap; new calls use
    the new one. The initial value comes from the ``EPIC_MAX_CONCURRENCY`` environment
    variable (unset: no cap).
    """
    global _state
    _state = _LimitState(_check_limit(n, "the concurrency limit"))


def concurrency_limit() -> int | None:
    """Return the current cap on external calls in flight, or ``None`` if there is none."""
    return _state.limit


async def acquire_slot() -> asyncio.Semaphore | None:
    """Wait for a free slot under the cap; return the semaphore to release, or ``None``.

    ``None`` means no cap is set and nothing needs releasing: the uncapped path is one
    attribute read.
    """
    state = _state
    if state.limit is None:
        return None
    loop = asyncio.get_running_loop()
    semaphore = state.semaphores.get(loop)
    if semaphore is None:
        semaphore = state.semaphores[loop] = asyncio.Semaphore(state.limit)
    await semaphore.acquire()
    return semaphore
