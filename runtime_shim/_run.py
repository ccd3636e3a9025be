"""The entry point of generated programs: asyncio.run that also works in a notebook."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Coroutine
from typing import Any, Generic, TypeVar

from ._clients import close_twins
from ._interrupt import run_interruptibly

_T = TypeVar("_T")


def run(main: Coroutine[Any, Any, _T], *, debug: bool | None = None) -> _T:
    """Run the coroutine ``main`` to completion and return its result.

    With no event loop running in this thread, this is :func:`asyncio.run`. When one is
    running (a notebook cell, or any ``async def`` calling a generated entry point), the
    coroutine runs on a new event loop in a helper thread while this thread blocks; its
    result is returned and its exception re-raised unchanged. Either way,
    ``SystemExit`` propagates as with :func:`asyncio.run`. Ctrl-C raises
    ``KeyboardInterrupt`` in the coroutine where it waits (or runs), so the script's own
    ``except KeyboardInterrupt:`` handlers run as they would sequentially (see
    ``runtime_shim._interrupt``); in the helper thread, Ctrl-C cancels the coroutine,
    waits for it, and raises ``KeyboardInterrupt``.
    """
    if not asyncio.iscoroutine(main):
        raise TypeError(
            f"epic.run() expects a coroutine object, got {type(main).__name__}; "
            "call the async function first: epic.run(main()), not epic.run(main)"
        )
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        running = False
    else:
        running = True
    main = _closing_twins(main)
    if not running:
        # Outside the ``except``: an exception from the program must not be chained
        # to "no running event loop" (its traceback would differ from the original).
        return run_interruptibly(main, debug=debug)
    return _HelperThreadRun(main, debug).result()


async def _closing_twins(main: Coroutine[Any, Any, _T]) -> _T:
    """``main``, then the async twins it made closed, however it ended."""
    try:
        return await main
    finally:
        await close_twins()


class _HelperThreadRun(Generic[_T]):
    """One coroutine run to completion on a fresh loop in its own thread."""

    def __init__(self, main: Coroutine[Any, Any, _T], debug: bool | None) -> None:
        self._main = main
        self._debug = debug
        # asyncio.run gives the main task a copy of the caller's context; so do we.
        self._context = contextvars.copy_context()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[Any] | None = None
        self._value: list[_T] = []  # [result] once it has returned
        self._error: BaseException | None = None
        self._finished = threading.Event()
        self._cancel_requested = False

    def result(self) -> _T:
        # Wait on an Event, not Thread.join(): a join interrupted by Ctrl-C can mark
        # the thread as stopped while it still runs (CPython 3.11), and the second
        # wait below must really wait.
        threading.Thread(target=self._target, name="epic-run", daemon=True).start()
        try:
            self._finished.wait()
        except BaseException:
            # Ctrl-C arrives in this (main) thread: cancel the coroutine as asyncio.run
            # would, wait until it has unwound, then raise KeyboardInterrupt here.
            self._cancel()
            self._finished.wait()
            raise
        if self._error is not None:
            error, self._error = self._error, None  # no traceback <-> frame cycle
            raise error
        return self._value[0]

    def _target(self) -> None:
        try:
            with asyncio.Runner(debug=self._debug) as runner:
                self._value.append(runner.run(self._track(), context=self._context))
        except BaseException as error:  # re-raised in the calling thread
            self._error = error
        finally:
            self._finished.set()

    async def _track(self) -> _T:
        self._loop = asyncio.get_running_loop()
        self._task = task = asyncio.current_task()
        if self._cancel_requested and task is not None:  # Ctrl-C came before this
            task.cancel()
        return await self._main

    def _cancel(self) -> None:
        self._cancel_requested = True
        loop, task = self._loop, self._task
        if loop is not None and task is not None:
            try:
                loop.call_soon_threadsafe(task.cancel)
            except RuntimeError:
                pass  # the loop has already finished
