"""Blocking calls on the shim's own I/O thread pool.

asyncio's default executor has ``min(32, cpu_count + 4)`` workers, sized for CPU work;
the blocking calls epic moves off the loop (``requests.get``, ``subprocess.run``, a
user's synchronous API wrapper) mostly wait on the network, so the pool here is larger
and separate, and a slow burst of them cannot starve ``loop.run_in_executor`` users.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import functools
import os
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from ._limit import acquire_slot

_ENV_IO_THREADS = "EPIC_IO_THREADS"
_DEFAULT_IO_THREADS = 64

_P = ParamSpec("_P")
_T = TypeVar("_T")

_pool: concurrent.futures.ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _io_thread_count() -> int:
    raw = os.environ.get(_ENV_IO_THREADS, "").strip()
    if not raw:
        return _DEFAULT_IO_THREADS
    try:
        count = int(raw)
    except ValueError:
        count = 0
    if count < 1:
        raise ValueError(
            f"{_ENV_IO_THREADS}={raw!r} is not a positive integer; set it to the number "
            f"of I/O threads (e.g. 64) or unset it for the default of {_DEFAULT_IO_THREADS}"
        )
    return count


def _io_pool() -> concurrent.futures.ThreadPoolExecutor:
    # Created on first use, so scripts that never block pay nothing; shared by every
    # event loop of the process. concurrent.futures joins its threads at exit.
    global _pool
    if _pool is None:
        with _pool_lock:
            if _pool is None:
                _pool = concurrent.futures.ThreadPoolExecutor(
                    max_workers=_io_thread_count(), thread_name_prefix="epic-io"
                )
    return _pool


def _release_soon(loop: asyncio.AbstractEventLoop, semaphore: asyncio.Semaphore) -> None:
    try:
        loop.call_soon_threadsafe(semaphore.release)
    except RuntimeError:
        pass  # The loop is closed: nobody is left waiting on its semaphore.


async def to_thread(func: Callable[_P, _T], /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
    """Run the blocking ``func(*args, **kwargs)`` on the I/O thread pool and await it.

    Like :func:`asyncio.to_thread` (the current ``contextvars`` context is copied to
    the thread), but on the shim's own pool, sized for waiting rather than computing:
    64 threads, or ``EPIC_IO_THREADS``. The call holds one slot of the concurrency cap
    (:func:`set_concurrency_limit`) until the function returns. A thread cannot be
    interrupted: if the awaiting task is cancelled, the function still runs to the end
    (unless it had not started yet) and keeps its slot until then.
    """
    loop = asyncio.get_running_loop()
    context = contextvars.copy_context()
    semaphore = await acquire_slot()
    try:
        work = _io_pool().submit(context.run, functools.partial(func, *args, **kwargs))
    except BaseException:
        if semaphore is not None:
            semaphore.release()
        raise
    try:
        return await asyncio.wrap_future(work, loop=loop)
    finally:
        if semaphore is not None:
            if work.done():
                semaphore.release()
            else:
                # Cancelled while the function runs: the slot stays taken until the
                # thread is really free again, so the cap still holds.
                work.add_done_callback(lambda _: _release_soon(loop, semaphore))
