"""The plan's data types: every decision the planner makes, as immutable records.

``emit/`` reads only these (and the tree): a block's operations (:class:`Spawn`,
:class:`Resolve`, :class:`Retire`, :class:`Run`, :class:`Dispatch`), split loops
(:class:`LoopPlan`), pipelined loop pairs (:class:`Pipelining`), the async entry point
(:class:`MainPlan`), and the call-level rewrites (:class:`Rewrites`); :class:`ModulePlan`
holds them all. Plans are keyed by the *original* nodes.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

import libcst as cst


@dataclass(frozen=True, slots=True)
class Task:
    """A statement that becomes a task: ``future = tasks.spawn(...)``."""

    index: int
    future: str
    # The plain name the statement binds (None for a bare call).
    target: str | None
    # What the task awaits: the call, or a comprehension whose calls all start at once
    # (``tasks.gather``); None for a pure computation from pending values.
    call: cst.BaseExpression | None
    # Earlier tasks whose values the statement needs, by their program index.
    deps: tuple[int, ...] = ()
    # A call inside a larger statement, started early: the statement awaits the
    # future in the call's place (no Resolve/Retire of its own).
    in_place: bool = False
    # It prints (held back by the runtime, replayed when awaited): every earlier task
    # is awaited before it, so text comes out in program order.
    prints: bool = False
    # Its arguments may raise (``value(candidate[-1])``): they are evaluated inside
    # the task (``spawn_after(lambda: ...)``), so an error surfaces where the task is
    # awaited, in program order, not where it is started.
    lazy: bool = False
    # ``a, b = value``: the names the statement unpacks its value into (``target`` is
    # None). The task unpacks the value (``spawn_after(..., unpack=2)``): its future
    # holds their tuple, which a task needing them takes with ``epic.spread``.
    unpack: tuple[str, ...] = ()

    @property
    def binds(self) -> tuple[str, ...]:
        """The names the statement binds from the task's value."""
        return (self.target,) if self.target is not None else self.unpack


@dataclass(frozen=True, slots=True)
class Spawn:
    task: Task


@dataclass(frozen=True, slots=True)
class Resolve:
    """``target = await future``: a pending value is needed."""

    task: Task


@dataclass(frozen=True, slots=True)
class Retire:
    """``await future``: an earlier task must be complete before an ordered effect."""

    task: Task


@dataclass(frozen=True, slots=True)
class Run:
    """The statement in place (its awaited calls written as ``await``)."""

    index: int


@dataclass(frozen=True, slots=True)
class Dispatch:
    """The first part of a split loop (its pending list and dispatch loop), started
    ahead of the loop's place; the loop's own ``Run`` then writes the rest."""

    index: int


@dataclass(frozen=True, slots=True)
class LoopDispatch:
    """What the dispatch part of a split loop reads (its iterable included; callees'
    module-level reads too), binds (its loop names, the values it computes), and the
    memo caches its calls fill: what decides how far up it may move."""

    reads: frozenset[str]
    binds: frozenset[str]
    commuting: frozenset[str]


Op = Spawn | Resolve | Retire | Run | Dispatch


@dataclass(frozen=True, slots=True)
class InOrderBlock:
    """Statements ``first`` to ``last`` of a block (run in place) become ``async with
    epic.in_order() as <name>:``, and each of ``calls`` (a bare call statement in
    them) ``<name>.spawn(<the call>)``: started where the code reaches it, retired in
    order while the code goes on (see ``plan/in_order.py``)."""

    first: int
    last: int
    name: str
    calls: tuple[cst.Call, ...]
    # ``print(...)`` statements in them: ``<name>.print(...)``, in order with the calls.
    prints: tuple[cst.Call, ...] = ()


@dataclass(frozen=True, slots=True)
class BlockPlan:
    ops: tuple[Op, ...]
    # Names read by a deferred computation that a later statement rebinds: such a
    # computation must capture them when it is spawned (lambda defaults).
    rebound_later: dict[int, frozenset[str]] = field(default_factory=dict)
    in_order: tuple[InOrderBlock, ...] = ()

    @property
    def spawns(self) -> bool:
        return any(isinstance(op, Spawn) for op in self.ops)


@dataclass(frozen=True, slots=True)
class ExtractedCall:
    """A call inside a larger statement (``results.append(ask(q))``) that the first
    loop starts and the statement, in the second loop, awaits in its place."""

    index: int  # the body statement it belongs to
    call: cst.Call
    future: str
    params: tuple[str, ...]  # names of the dispatched values it needs...
    dep_futures: tuple[str, ...]  # ...and their futures
    defaults: tuple[str, ...]  # loop names it reads, captured when it is spawned
    # Futures of ``a, b = ...`` statements whose tuple fills several ``params``.
    spread: frozenset[str] = frozenset()
    # Its arguments may raise: evaluated inside the task (see Task.lazy).
    lazy: bool = False
    # The call is under ``if condition:`` in the body: the first loop starts it only
    # when the condition holds (None otherwise)...
    condition: cst.BaseExpression | None = None
    # ...evaluating it with ``epic.holds`` when it may raise.
    condition_may_raise: bool = False


@dataclass(frozen=True, slots=True)
class MemoCall:
    """``if key not in cache: cache[key] = f(key)`` in a split loop: the first loop
    starts ``f(key)`` once per key that is neither cached nor already started (what the
    sequential loop would ask, duplicates included, exactly once), keeping the tasks in
    ``started[key]``; the second loop keeps the statement and awaits
    ``started[key]`` in the call's place."""

    index: int
    call: cst.Call
    key: cst.BaseExpression
    cache: str
    started: str


@dataclass(frozen=True, slots=True)
class LoopPlan:
    """How to write one ``for`` loop as a dispatch loop and a retire loop."""

    pending: str  # the list of per-iteration values the first loop collects
    dispatch: BlockPlan  # the first loop's body (spawns and quick code only)
    extracted: tuple[ExtractedCall, ...]
    memo: tuple[MemoCall, ...]
    carried: tuple[str, ...]  # what each iteration hands to the second loop
    retire: BlockPlan  # the second loop's body
    # Inner loops split along with this one (by body index): their dispatch loops run
    # in this loop's first loop (all their calls start up front too), their retire
    # loops in the second, over the pending list each iteration hands on.
    nested: tuple[tuple[int, LoopPlan], ...] = ()
    # The first loop runs code that may raise (a skip's test, pure code ahead of the
    # item's calls): ``pending`` is an ``epic.pending()`` that keeps the error and
    # raises it where the second loop reaches its item, after the items before it.
    collects: bool = False
    # The first loop must stay a loop of its own (it skips items, or collects its
    # error): it is not merged into a producer loop or an enclosing split loop.
    own_dispatch: bool = False
    # The loop iterates a progress bar (``tqdm(items, ...)``): the first loop takes
    # ``items``, the second iterates ``tqdm(pending, ...)``, so the bar advances as
    # each item retires.
    progress: bool = False
    # Skips (``if test: continue``, by body index) the first loop decides: a skipped
    # item is handed on with ``skip_carried`` (per carried slot, the name whose value it
    # has there, or None: ``epic.NOT_STARTED``, a call it does not start), and the
    # second loop takes the skip again on the same values.
    skips: tuple[int, ...] = ()
    skip_carried: tuple[str | None, ...] = ()


@dataclass(frozen=True, slots=True)
class LoopRefusal:
    """Why a loop runs iteration by iteration (for ``epic explain`` and the notes), and
    the statement, call or clause that makes it so, when one does."""

    reason: str
    at: cst.CSTNode | None = None


@dataclass(frozen=True, slots=True)
class LineStage:
    """A pure list comprehension over the lines between the text and a consumer loop
    over its value (``claims = [f(line) for line in answer.splitlines() if ...]``):
    computed a line at a time in the producer (``epic.ahead``), each line's elements
    handed to the consumer's dispatch, its value (or first error) taken at its place."""

    comprehension: cst.ListComp
    # The output's ``epic.ahead(...)`` object, and the name its lambda gives the lines.
    name: str
    parameter: str
    # The producer's loop over the lines that ``text += piece`` completes.
    line: str


@dataclass(frozen=True, slots=True)
class LineSource:
    """A consumer over the lines of a string that its producer accumulates (``text +=
    piece``): ``text.split("\\n")``, or ``text.splitlines(keepends)``."""

    splitlines: bool
    keepends: bool
    # The output's ``epic.line_splitter(...)``, which yields the lines as they complete.
    splitter: str
    # A list comprehension consumer: the list of its elements' tasks, started as the
    # lines complete and gathered at the comprehension's place.
    pending: str | None = None
    # A loop consumer over the value of a comprehension over the lines.
    stage: LineStage | None = None


@dataclass(frozen=True, slots=True)
class Pipelining:
    """The consumer loop's dispatch runs after ``<items>.append(x)`` in ``producer``,
    or, with ``lines``, for each line of ``<items>`` as soon as ``<items> += piece``
    has completed it (and for the rest of them just after the producer)."""

    producer: cst.For
    items: str
    lines: LineSource | None = None


@dataclass(frozen=True, slots=True)
class MainPlan:
    """The async entry point that runs the module's script part."""

    name: str
    # Module body indices of the statements that move into the entry point.
    moved: tuple[int, ...]
    # The ``if __name__ == "__main__":`` guard whose body becomes the entry point.
    guard: cst.If | None
    # Module-level names the moved statements bind (declared ``global``).
    global_names: tuple[str, ...]
    scope: str | None
    block: BlockPlan
    # The guard body was a single call of an async function: ``epic.run(that())``.
    direct: bool
    # Module body index where ``async def main`` is written (where the script part
    # starts; setup assignments that moved in may come from before it).
    position: int = 0


class Spelling(enum.Enum):
    """How the awaitable form of a call is written."""

    # ``await <the same call>``: an async script function.
    SAME = "same"
    # ``await epic.async_client(<client>).<path>(...)``: a request through the async
    # twin of the script's own openai client.
    CLIENT_TWIN = "client-twin"
    # ``await openai.ChatCompletion.acreate(...)``: the pre-1.0 module API.
    ACREATE = "acreate"
    # ``await asyncio.sleep(...)``.
    ASYNCIO_SLEEP = "asyncio-sleep"
    # ``await epic.to_thread(f, ...)``: a blocking call on the shim's I/O executor.
    TO_THREAD = "to-thread"


@dataclass(frozen=True, slots=True)
class StartedTask:
    """The call was started earlier: its place awaits this future instead."""

    future: str
    # A memo call started by a split loop lives in ``future[key]`` (a dict of tasks).
    key: cst.BaseExpression | None = None


@dataclass(frozen=True, slots=True)
class AwaitedCall:
    """A call that becomes ``await <spelling of the call>``, or ``await <future>``."""

    spelling: Spelling
    started: StartedTask | None = None
    # CLIENT_TWIN: the client is what the call's function is this many attributes down.
    client_depth: int = 0
    # CLIENT_TWIN and ACREATE: a stream or not is only known when it runs: ``await
    # epic.replayed(<the async call>)`` reads a stream whole and replays it to sync
    # iteration.
    replayed: bool = False
    # Started in an in-order block: ``<in_order>.spawn(<the call>)``, not awaited.
    in_order: str | None = None


class GatherKind(enum.Enum):
    """How a comprehension whose calls all start at once is collected."""

    LIST = "list"  # ``await tasks.gather(...)``
    PAIRS = "pairs"  # ``await tasks.gather(epic.keyed(x, f(x)) ...)`` for ``(x, f(x))``
    GENERATOR = "generator"  # the same, for an eager consumer (``sum(...)``)
    SET = "set"  # ``set(await tasks.gather(...))``
    DICT = "dict"  # ``dict(await tasks.gather(epic.keyed(k, v) ...))``


@dataclass(frozen=True, slots=True)
class MemoGuard:
    """From ``check`` on, the body runs under ``async with epic.single_flight(cache,
    key):``."""

    check: cst.If
    cache: str
    key: str


@dataclass(frozen=True, slots=True)
class Imports:
    """The imports the output needs: ``asyncio``; the shim as ``epic`` (None: not
    used); names bound by ``time`` and ``functools`` imports that may be left unused
    (dropped if so)."""

    asyncio: bool
    epic: str | None
    maybe_unused: frozenset[str]


@dataclass(frozen=True, slots=True)
class Rewrites:
    """Every change below the statement level: what each call, comprehension,
    binding and block becomes (see ``plan/rewrites.py``, one rule per field)."""

    calls: Mapping[cst.Call, AwaitedCall]
    gathers: Mapping[cst.BaseExpression, GatherKind]
    # ``any(...)``/``all(...)`` over a generator that awaits -> ``await epic.any(...)``.
    short_circuits: Mapping[cst.Call, str]
    # ``total += amount`` -> ``epic.add_in_order(globals(), "total", amount)``.
    counter_additions: Mapping[cst.AugAssign, str]
    # ``results.append(item)`` -> ``epic.append_in_order(results, item)``.
    sink_appends: Mapping[cst.Call, str]
    # ``print(...)`` in an in-order block -> ``<its name>.print(...)``.
    in_order_prints: Mapping[cst.Call, str]
    memo_guards: Mapping[cst.FunctionDef, MemoGuard]
    # ``for chunk in stream`` -> ``async for``.
    async_loops: frozenset[cst.For]
    # ``try``/``with`` bodies that start tasks get a scope of their own (its name).
    inner_scopes: Mapping[cst.IndentedBlock, str]
    # ``@functools.cache`` of an async function -> ``@epic.cache``.
    caches: frozenset[cst.Decorator]
    # ``contextlib.redirect_stdout(out)`` -> ``epic.redirect_stdout(out)``.
    redirects: frozenset[cst.Call]
    imports: Imports


@dataclass(frozen=True, slots=True)
class CallDecision:
    """One awaited call, whether it starts early, and how or why not (1-based)."""

    line: int
    column: int
    call: str
    function: str
    early: bool
    how: str


@dataclass(frozen=True, slots=True)
class KeptInOrder:
    """A statement that keeps the calls around it in program order, at its call of
    unknown effect (1-based), and why."""

    line: int
    column: int
    why: str


@dataclass(frozen=True, slots=True)
class KeptLoop:
    """A loop with awaited calls that runs iteration by iteration: the position of its
    ``for`` (1-based), its header, why, and the line of what keeps it so (the loop's
    own line when the reason is the whole loop)."""

    line: int
    column: int
    header: str
    why: str
    at_line: int


@dataclass(frozen=True, slots=True)
class UnpacedSleep:
    """A sleep (1-based position of the call that sleeps) in a loop whose iterations
    now overlap: it no longer spaces out the loop's requests."""

    line: int
    column: int
    call: str
    # The call is of a function that sleeps (not a sleep itself).
    through_function: bool = False


@dataclass(frozen=True, slots=True)
class ModulePlan:
    """Everything ``emit/`` needs to write the output, and the reasons behind it."""

    blocks: dict[cst.IndentedBlock, BlockPlan]
    loops: dict[cst.For, LoopPlan]
    # Loops that run iteration by iteration, and why.
    loop_refusals: dict[cst.For, LoopRefusal]
    # Split loops (and list comprehensions over lines) whose dispatch runs in an
    # earlier loop, as it fills their list or text.
    pipelines: dict[cst.CSTNode, Pipelining]
    async_functions: frozenset[cst.FunctionDef]
    # Async functions whose body spawns tasks, with the name of their task scope.
    scoped_functions: dict[cst.FunctionDef, str]
    main: MainPlan | None
    epic: str
    rewrites: Rewrites
    # For ``epic explain`` and the notes (``plan/reasons.py``).
    decisions: tuple[CallDecision, ...] = ()
    kept_in_order: tuple[KeptInOrder, ...] = ()
    kept_loops: tuple[KeptLoop, ...] = ()
    unpaced_sleeps: tuple[UnpacedSleep, ...] = ()
