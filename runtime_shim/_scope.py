"""TaskScope: tasks that start early and fail in program order.

``asyncio.TaskGroup`` cancels every sibling as soon as one task fails and reports the
failures as an ``ExceptionGroup``. A sequential program instead raises the first
exception in program order, and only when execution reaches it. So here a failed task
just holds its exception until the generated code awaits it (which it does in program
order), and the scope's exit does the rest of the bookkeeping:

* normal exit: wait for the remaining tasks in spawn order; the first one that failed
  with an exception nobody has seen decides the outcome: the others are cancelled and
  that exception is raised as it is;
* exit by an exception: cancel everything still running, wait until it has really
  finished, mark every exception as retrieved, and let the original exception through.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from types import TracebackType
from typing import Any, Final, TypeVar, overload

from ._loops import Keyed
from ._output import install_stdout_proxy, start_buffered, unwrap, wait_quietly

_T = TypeVar("_T")
_A = TypeVar("_A")
_B = TypeVar("_B")
_C = TypeVar("_C")

_NEW: Final = "new"
_OPEN: Final = "open"
_CLOSING: Final = "closing"  # normal exit: running tasks may still spawn more
_CLOSED: Final = "closed"


def _has_unseen_exception(task: asyncio.Task[Any]) -> bool:
    # asyncio keeps this flag to decide whether to log "Task exception was never
    # retrieved"; it turns False once anyone calls result()/exception() or awaits the
    # task. There is no public way to ask without retrieving.
    return task.done() and not task.cancelled() and bool(getattr(task, "_log_traceback", True))


class Spread:
    """A task whose value (a tuple) :meth:`TaskScope.spawn_after` passes as several
    arguments: see :func:`spread`."""

    __slots__ = ("task",)

    def __init__(self, task: asyncio.Future[Any]) -> None:
        self.task = task

    def __repr__(self) -> str:
        return f"spread({self.task!r})"


def spread(task: asyncio.Future[Any]) -> Spread:
    """``task``'s value, a tuple, as that many arguments of a :meth:`TaskScope.spawn_after`
    function: ``tasks.spawn_after(lambda answer, count: ..., epic.spread(pair_task))``
    is how code that needs the names of ``answer, count = ...`` waits for them."""
    return Spread(task)


def _unpack2(value: Any) -> tuple[Any, ...]:
    first, second = value
    return first, second


def _unpack3(value: Any) -> tuple[Any, ...]:
    first, second, third = value
    return first, second, third


def _unpack4(value: Any) -> tuple[Any, ...]:
    first, second, third, fourth = value
    return first, second, third, fourth


_UNPACKERS: Final = {2: _unpack2, 3: _unpack3, 4: _unpack4}


def _unpacked(value: Any, count: int) -> tuple[Any, ...]:
    """``value`` unpacked into ``count`` names by Python itself (so a value of another
    length raises exactly the error the assignment would)."""
    return _UNPACKERS[count](value)


class TaskScope:
    """Tasks started early whose failures surface where they are awaited.

    Create it with :func:`scope` and use it as ``async with epic.scope() as tasks:``.
    Unlike :class:`asyncio.TaskGroup`, a failing task does not cancel its siblings: its
    exception is raised where the code awaits the task. On leaving the block normally,
    the scope waits for the tasks still running (in spawn order); if one of them, or a
    finished task whose exception nobody retrieved, failed, the remaining tasks are
    cancelled and the first such exception, in spawn order, is raised as it is (never
    wrapped in an ``ExceptionGroup``). On leaving by an exception (including
    cancellation), every unfinished task is cancelled and waited for, and the original
    exception propagates unchanged.
    """

    __slots__ = ("_state", "_tasks", "_carriers")

    def __init__(self) -> None:
        self._state: str = _NEW
        self._tasks: list[asyncio.Task[Any]] = []
        # dependency task -> spawn_after tasks that failed with its exception (same
        # object). Awaiting the dependency marked its exception as retrieved, but as
        # long as one of these carriers is unseen, the exception is still unseen.
        self._carriers: dict[asyncio.Future[Any], list[asyncio.Task[Any]]] = {}

    def __repr__(self) -> str:
        return f"<TaskScope {self._state}, {len(self._tasks)} tasks>"

    async def __aenter__(self) -> TaskScope:
        if self._state != _NEW:
            raise RuntimeError(
                f"this TaskScope is {self._state}; a scope can be entered once: "
                "create a new one with epic.scope()"
            )
        self._state = _OPEN
        install_stdout_proxy()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is not None:
            self._state = _CLOSED
            await cancel_and_wait(self._tasks)
            return  # the original exception propagates unchanged
        self._state = _CLOSING
        try:
            first_failed = await self._wait_in_spawn_order()
        except BaseException:  # cancelled while waiting (or worse): clean up, re-raise
            self._state = _CLOSED
            await cancel_and_wait(self._tasks)
            raise
        self._state = _CLOSED
        if first_failed is not None:
            await cancel_and_wait(self._tasks)
            error = first_failed.exception()
            assert error is not None
            raise unwrap(error)

    def spawn(self, coro: Coroutine[Any, Any, _T], *, name: str | None = None) -> asyncio.Task[_T]:
        """Start ``coro`` as a task now and return it.

        Await the task where its value is needed; if it failed, its exception is raised
        there. ``name`` names the task (default: the coroutine's name and its number
        in this scope, e.g. ``ask#2``).
        """
        self._check_open(coro)
        if name is None:
            name = f"{getattr(coro, '__qualname__', 'task')}#{len(self._tasks)}"
        # What the task prints is held back until the code awaits it (program order).
        task = start_buffered(coro, name=name)
        self._tasks.append(task)
        return task

    def gather(
        self, awaitables: Iterable[Awaitable[_T]], /, *, name: str | None = None
    ) -> asyncio.Task[list[_T]]:
        """Start every awaitable now; return a task whose value is their values in order.

        This is the parallel form of ``[ask(q) for q in qs]``: the iterable is consumed
        here, right away and in order (so the element expressions see the variables as
        they are now), each element starts as a task at once, and the returned task
        awaits them in order. The first failure *in order* is the one it raises, after
        the elements before it have finished, as a sequential comprehension would; the
        elements after it are cancelled. An exception raised while consuming the
        iterable is raised after the elements started before it have finished (one of
        theirs wins if they fail).
        """
        self._check_open()
        loop = asyncio.get_running_loop()
        started: list[asyncio.Future[_T]] = []
        error: Exception | None = None
        try:
            for awaitable in awaitables:
                element: asyncio.Future[_T]
                if inspect.iscoroutine(awaitable):
                    element = start_buffered(awaitable)
                elif isinstance(awaitable, Keyed):
                    element = start_buffered(_awaited(awaitable))
                    element.add_done_callback(lambda _, pair=awaitable: pair.close())
                else:
                    element = asyncio.ensure_future(awaitable, loop=loop)
                if isinstance(element, asyncio.Task):
                    self._tasks.append(element)
                started.append(element)
        except Exception as exc:  # raised in program order, below
            error = exc
        if name is None:
            name = f"gather#{len(self._tasks)}"
        return self.spawn(self._in_order(started, error), name=name)

    async def _in_order(
        self, started: list[asyncio.Future[_T]], error: Exception | None
    ) -> list[_T]:
        values: list[_T] = []
        try:
            for element in started:
                values.append(await element)
        except BaseException:
            await cancel_and_wait([e for e in started if isinstance(e, asyncio.Task)])
            raise
        if error is not None:
            raise error
        return values

    # One async and one plain overload per number of dependencies, so that mypy checks
    # the callee against the dependencies' types; then, unchecked, the calls with a
    # :func:`spread` dependency (its values fill several parameters: by the position of
    # the first one) and the calls with four or more dependencies.
    # With no dependency, ``fn`` is ``Callable[..., ...]``: generated code passes a
    # lambda whose parameters all have defaults (``lambda c=c: value(c[-1])``, values
    # captured when the task is started), which mypy cannot infer as ``Callable[[], ...]``.
    @overload
    def spawn_after(
        self,
        fn: Callable[..., Awaitable[_T]],
        /,
        *,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[_T]: ...
    @overload
    def spawn_after(
        self, fn: Callable[..., _T], /, *, name: str | None = None, unpack: int | None = None
    ) -> asyncio.Task[_T]: ...
    @overload
    def spawn_after(
        self,
        fn: Callable[[_A], Awaitable[_T]],
        dep1: Awaitable[_A],
        /,
        *,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[_T]: ...
    @overload
    def spawn_after(
        self,
        fn: Callable[[_A], _T],
        dep1: Awaitable[_A],
        /,
        *,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[_T]: ...
    @overload
    def spawn_after(
        self,
        fn: Callable[[_A, _B], Awaitable[_T]],
        dep1: Awaitable[_A],
        dep2: Awaitable[_B],
        /,
        *,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[_T]: ...
    @overload
    def spawn_after(
        self,
        fn: Callable[[_A, _B], _T],
        dep1: Awaitable[_A],
        dep2: Awaitable[_B],
        /,
        *,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[_T]: ...
    @overload
    def spawn_after(
        self,
        fn: Callable[[_A, _B, _C], Awaitable[_T]],
        dep1: Awaitable[_A],
        dep2: Awaitable[_B],
        dep3: Awaitable[_C],
        /,
        *,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[_T]: ...
    @overload
    def spawn_after(
        self,
        fn: Callable[[_A, _B, _C], _T],
        dep1: Awaitable[_A],
        dep2: Awaitable[_B],
        dep3: Awaitable[_C],
        /,
        *,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[_T]: ...
    @overload
    def spawn_after(
        self,
        fn: Callable[..., Awaitable[_T]],
        dep1: Spread,
        /,
        *deps: Awaitable[Any] | Spread,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[_T]: ...
    @overload
    def spawn_after(
        self,
        fn: Callable[..., _T],
        dep1: Spread,
        /,
        *deps: Awaitable[Any] | Spread,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[_T]: ...
    @overload
    def spawn_after(
        self,
        fn: Callable[..., Awaitable[_T]],
        dep1: Awaitable[Any],
        dep2: Spread,
        /,
        *deps: Awaitable[Any] | Spread,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[_T]: ...
    @overload
    def spawn_after(
        self,
        fn: Callable[..., _T],
        dep1: Awaitable[Any],
        dep2: Spread,
        /,
        *deps: Awaitable[Any] | Spread,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[_T]: ...
    @overload
    def spawn_after(
        self,
        fn: Callable[..., Awaitable[_T]],
        dep1: Awaitable[Any],
        dep2: Awaitable[Any],
        dep3: Spread,
        /,
        *deps: Awaitable[Any] | Spread,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[_T]: ...
    @overload
    def spawn_after(
        self,
        fn: Callable[..., _T],
        dep1: Awaitable[Any],
        dep2: Awaitable[Any],
        dep3: Spread,
        /,
        *deps: Awaitable[Any] | Spread,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[_T]: ...
    @overload
    def spawn_after(
        self,
        fn: Callable[..., Awaitable[_T]],
        dep1: Awaitable[Any],
        dep2: Awaitable[Any],
        dep3: Awaitable[Any],
        dep4: Awaitable[Any] | Spread,
        /,
        *deps: Awaitable[Any] | Spread,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[_T]: ...
    @overload
    def spawn_after(
        self,
        fn: Callable[..., _T],
        dep1: Awaitable[Any],
        dep2: Awaitable[Any],
        dep3: Awaitable[Any],
        dep4: Awaitable[Any] | Spread,
        /,
        *deps: Awaitable[Any] | Spread,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[_T]: ...

    def spawn_after(
        self,
        fn: Callable[..., Any],
        /,
        *deps: Awaitable[Any] | Spread,
        name: str | None = None,
        unpack: int | None = None,
    ) -> asyncio.Task[Any]:
        """Start a task that waits for ``deps``, then returns ``fn(*their values)``.

        The dependencies (tasks or other awaitables) are awaited in order; if one
        raises, the task raises that same exception and ``fn`` is not called. A
        dependency wrapped in :func:`spread` passes the items of its value (a tuple)
        as that many arguments. If ``fn`` returns an awaitable (an ``async def`` or a
        lambda calling one), it is awaited and the task's result is its value. With
        ``unpack=n`` the result is unpacked as ``a, b = result`` would unpack it into
        ``n`` names (raising the same error if it has another length) and the task's
        value is the tuple of those ``n`` items. ``name`` names the task (default: the
        function's name, its number in this scope and the tasks it waits for).
        """
        self._check_open()
        if unpack is not None and unpack not in _UNPACKERS:
            raise ValueError(f"unpack takes one of {sorted(_UNPACKERS)}, not {unpack!r}")
        if name is None:
            waited = [d.task if isinstance(d, Spread) else d for d in deps]
            after = ", ".join(d.get_name() for d in waited if isinstance(d, asyncio.Task))
            name = f"{getattr(fn, '__qualname__', 'task')}#{len(self._tasks)}"
            name += f" after {after}" if after else ""
        return self.spawn(self._call_after(fn, deps, unpack), name=name)

    async def _call_after(
        self, fn: Callable[..., Any], deps: tuple[Awaitable[Any] | Spread, ...], unpack: int | None
    ) -> Any:
        values: list[Any] = []
        for dep in deps:
            waited = dep.task if isinstance(dep, Spread) else dep
            try:
                # The dependency's output is replayed where the code awaits it, not
                # here: that is its place in program order.
                value = await wait_quietly(waited)
            except BaseException:
                if isinstance(waited, asyncio.Future):
                    carrier = asyncio.current_task()
                    assert carrier is not None
                    self._carriers.setdefault(waited, []).append(carrier)
                raise
            if isinstance(dep, Spread):
                values.extend(value)
            else:
                values.append(value)
        result = fn(*values)
        if inspect.isawaitable(result):
            result = await result
        if unpack is not None:
            result = _unpacked(result, unpack)
        return result

    def _check_open(self, coro: Coroutine[Any, Any, Any] | None = None) -> None:
        if self._state in (_OPEN, _CLOSING):
            return
        if coro is not None:
            coro.close()  # never started: avoid a "was never awaited" warning on top
        if self._state == _NEW:
            raise RuntimeError(
                "this TaskScope is not open yet: spawn tasks inside "
                "`async with epic.scope() as tasks:`"
            )
        raise RuntimeError(
            "this TaskScope has exited and takes no new tasks: spawn inside its "
            "`async with` block, or open a new one with epic.scope()"
        )

    def _is_unseen_failure(self, task: asyncio.Task[Any]) -> bool:
        # Seen only by spawn_after tasks that failed with it in turn? Then it is unseen
        # as long as one of theirs is (transitively). A carrier fails in the same loop
        # step in which it sees the exception, so it is already done here.
        stack = [task]
        while stack:
            current = stack.pop()
            if _has_unseen_exception(current):
                return True
            stack.extend(self._carriers.get(current, ()))
        return False

    async def _wait_in_spawn_order(self) -> asyncio.Task[Any] | None:
        # Index loop: tasks still running may spawn more while we wait.
        index = 0
        while index < len(self._tasks):
            task = self._tasks[index]
            if not task.done():
                await asyncio.wait((task,))
            if self._is_unseen_failure(task):
                return task
            index += 1
        return None


async def cancel_and_wait(tasks: list[asyncio.Task[Any]]) -> None:
    """Cancel the unfinished ``tasks``, wait until every one has ended, and mark their
    exceptions retrieved."""
    pending = [task for task in tasks if not task.done()]
    for task in pending:
        task.cancel()
    while pending:
        try:
            await asyncio.wait(pending)
        except asyncio.CancelledError:
            # Cancelled again while cleaning up: finish cleaning up first (the
            # tasks are already cancelled, so this is short), as TaskGroup does;
            # the exception already on its way out is the one that propagates.
            pass
        pending = [task for task in pending if not task.done()]
    for task in tasks:
        if not task.cancelled():
            task.exception()  # mark it retrieved: no "never retrieved" log


def scope() -> TaskScope:
    """Return a new :class:`TaskScope`; use it as ``async with epic.scope() as tasks:``."""
    return TaskScope()


async def _awaited(awaitable: Awaitable[_T]) -> _T:
    """A coroutine that awaits ``awaitable`` (to start it as a buffered task)."""
    return await awaitable
