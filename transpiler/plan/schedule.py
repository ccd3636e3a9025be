"""Scheduling one block: where each call is dispatched and where each value is awaited.

Decisions only, as pure functions of the facts: the output is a list of operations
(:class:`Spawn`, :class:`Resolve`, :class:`Retire`, :class:`Run`) that ``emit/`` turns
into code without deciding anything.

The rules (docs/semantics.md has the long form):

* A statement is a *task* when it is one independent external call (``x = ask(q)`` or a
  bare ``ask(q)``) or a pure computation from pending values that a later task needs.
  Tasks are spawned as early as their inputs allow: *dispatch early*.
* Every other statement runs in program order. Before it runs, the pending values it
  reads are awaited (*force late*); before an ordered effect (output, unknown call,
  ``raise``, ``return``, leaving the block) every task that comes earlier in program
  order is awaited, in program order (*retire in order*), so the first exception in
  program order is the one that escapes.
* A task whose value is awaited right after its spawn, with nothing to overlap in
  between, is written as a plain ``await`` (no task at all).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import replace

import libcst as cst

from transpiler.analysis.effects import StatementFacts, gathered_call
from transpiler.analysis.externals import Effect
from transpiler.analysis.facts import Facts
from transpiler.analysis.names import names_of, variables
from transpiler.plan.cleanup import inline_tasks, sink_dispatches
from transpiler.plan.naming import Namer
from transpiler.plan.raising import call_args_safe, gather_safe, is_safe
from transpiler.plan.types import (
    BlockPlan,
    Dispatch,
    LoopDispatch,
    Op,
    Resolve,
    Retire,
    Run,
    Spawn,
    Task,
)
from transpiler.plan.units import (
    Unit,
    commute_conflict,
    single_small,
    start_order,
    unpacked_names,
)


def _shape(
    node: cst.BaseStatement, facts: StatementFacts, analysis: Facts
) -> tuple[str | None, cst.BaseExpression | None, cst.BaseExpression | None, bool]:
    """(target, awaited call, value, may be a task) for one statement."""
    small = single_small(node)
    if small is None or facts.names.mutates:
        return None, None, None, False
    if facts.effect > Effect.EXTERNAL and not _deferrable_printing(small, facts, analysis):
        return None, None, None, False
    target: str | None = None
    value: cst.BaseExpression | None = None
    if isinstance(small, cst.Assign):
        if len(small.targets) != 1 or not isinstance(small.targets[0].target, cst.Name):
            return None, None, None, False
        target = small.targets[0].target.value
        value = small.value
    elif isinstance(small, cst.AnnAssign):
        if small.value is None or not isinstance(small.target, cst.Name):
            return None, None, None, False
        target = small.target.value
        value = small.value
    elif isinstance(small, cst.Expr):
        value = small.value
    else:
        return None, None, None, False
    calls = facts.awaited_calls
    if not calls:
        return target, None, value, target is not None
    if len(calls) == 1 and calls[0] is value:
        return target, calls[0], value, True
    if (
        isinstance(value, cst.ListComp)
        and value in analysis.gathered
        and calls == (gathered_call(value),)
    ):
        return target, value, value, True
    return target, None, value, False


def _deferrable_printing(
    small: cst.BaseSmallStatement, facts: StatementFacts, analysis: Facts
) -> bool:
    """``x = f(...)`` where ``f`` only prints besides its independent calls: its text
    is held back by the runtime, so the call may still start early."""
    value = small.value if isinstance(small, (cst.Assign, cst.AnnAssign, cst.Expr)) else None
    # ``small`` is the statement's only part: its calls are the statement's.
    return (
        isinstance(value, cst.Call)
        and facts.awaited_calls == (value,)
        and analysis.is_deferrable(value)
        and max(
            (analysis.call_effect(c) for c in facts.calls if c is not value),
            default=Effect.PURE,
        )
        <= Effect.EXTERNAL
    )


def _is_declaration(node: cst.BaseStatement) -> bool:
    """``global``/``nonlocal`` declarations and docstrings: they stay first."""
    return isinstance(node, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Global, cst.Nonlocal))
        or (
            isinstance(s, cst.Expr)
            and isinstance(s.value, (cst.SimpleString, cst.ConcatenatedString))
        )
        for s in node.body
    )


def _result_name(statement: cst.BaseStatement) -> str | None:
    """A name for the value a statement stores: ``fr`` for ``d["fr"] = ...``, ``x``
    for ``x = ...`` and ``x += ...`` (None: name the future after the callee)."""
    small = single_small(statement)
    target: cst.BaseExpression | None = None
    if isinstance(small, cst.Assign) and len(small.targets) == 1:
        target = small.targets[0].target
    elif isinstance(small, (cst.AugAssign, cst.AnnAssign)):
        target = small.target
    if isinstance(target, cst.Name):
        return target.value
    if isinstance(target, cst.Subscript) and len(target.slice) == 1:
        index = target.slice[0].slice
        if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
            key = index.value.evaluated_value
            if isinstance(key, str) and key.isidentifier():
                return key
    return None


_CONDITIONAL = (
    cst.IfExp,
    cst.BooleanOperation,
    cst.Lambda,
    cst.ListComp,
    cst.SetComp,
    cst.DictComp,
    cst.GeneratorExp,
)


class _Conditional(cst.CSTVisitor):
    """Calls that may not run every time their statement does (under ``x if c else
    y``, ``and``/``or``, a lambda or a comprehension), and those that always run."""

    def __init__(self) -> None:
        self.depth = 0
        self.conditional: list[cst.Call] = []
        self.unconditional: list[cst.Call] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.Call):
            (self.conditional if self.depth else self.unconditional).append(node)
        if isinstance(node, _CONDITIONAL):
            self.depth += 1
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if isinstance(original_node, _CONDITIONAL):
            self.depth -= 1


def extractable_calls(
    statement: cst.BaseStatement,
    fact: StatementFacts,
    analysis: Facts,
    *,
    lazy_ok: bool = False,
) -> list[cst.Call]:
    """The independent calls a simple statement always makes that can start early
    (``print(ask(a), ask(b))``: both), in evaluation order: safe arguments, and nothing
    else in the statement with an effect beyond output. Each is awaited in its place,
    so values, printed text and exceptions still come in the statement's order.
    ``lazy_ok``: arguments that may raise but do nothing else are fine too (the caller
    evaluates them inside the task)."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return []
    finder = _Conditional()
    statement.visit(finder)
    calls = [
        call
        for call in fact.awaited_calls
        if call in finder.unconditional
        and analysis.is_deferrable(call)
        and (
            call_args_safe(call) or (lazy_ok and analysis.effect_besides(call, call) == Effect.PURE)
        )
    ]
    others = [c for c in finder.unconditional + finder.conditional if c not in calls]
    if any(analysis.call_effect(c) > Effect.OUTPUT for c in others):
        return []
    return calls


def extractable_call(
    statement: cst.BaseStatement,
    fact: StatementFacts,
    analysis: Facts,
    *,
    lazy_ok: bool = False,
) -> cst.Call | None:
    """The call of a statement that makes exactly one awaited call, if it can start
    early (see :func:`extractable_calls`)."""
    if len(fact.awaited_calls) != 1:
        return None
    calls = extractable_calls(statement, fact, analysis, lazy_ok=lazy_ok)
    return calls[0] if calls else None


class _Scheduler:
    def __init__(
        self,
        units: list[Unit],
        can_task: list[bool],
        names: Namer,
        done: Mapping[int, str | None],
        analysis: Facts,
        loop_dispatch: Mapping[int, LoopDispatch] | None = None,
    ) -> None:
        self.analysis = analysis
        # Split loops whose dispatch part may start ahead of the loop (rule 2).
        self.loop_dispatch = loop_dispatch or {}
        self.units = units
        self.can_task = can_task
        self.names = names
        # Statements already run before this block (a loop's dispatch pass): tasks
        # already spawned (with their future), or pure statements already computed.
        self.done = done
        self.tasks: dict[int, Task] = {}
        # Calls inside in-order statements that start early (see Task.in_place), in
        # the statement's evaluation order.
        self.in_place: dict[int, list[Task]] = {}
        self.call_reads: dict[int, frozenset[str]] = {}
        # Per name, the (sorted) indices of the statements that write it.
        self._writers: dict[str, list[int]] = {}
        for unit in units:
            for name in unit.facts.names.writes:
                self._writers.setdefault(name, []).append(unit.index)
        self.can_extract: list[bool] = [True] * len(units)
        self.ops: list[Op] = []
        # Emission state (see :meth:`schedule`).
        self._emitted: set[int] = set()
        self._retired: set[int] = set()
        self._eager: list[Unit] = []
        self._preds: dict[int, list[int]] = {}
        self._call_preds: dict[int, list[int]] = {}
        self._dispatch_preds: dict[int, list[int]] = {}
        self._spawned_early: set[int] = set()
        self._dispatched: set[int] = set()

    # -- which statements are tasks ------------------------------------------------
    def _last_writer(self, index: int, name: str) -> int | None:
        writers = self._writers.get(name)
        if not writers:
            return None
        position = bisect.bisect_left(writers, index)
        return writers[position - 1] if position else None

    def _fresh_future(self, unit: Unit) -> str:
        if unit.target is not None:
            base = f"{unit.target}_task"
        elif isinstance(unit.call, cst.Call):
            func = unit.call.func
            name = (
                func.attr.value
                if isinstance(func, cst.Attribute)
                else (func.value if isinstance(func, cst.Name) else "call")
            )
            base = f"{name}_task"
        else:
            base = "value_task"
        return self.names.fresh(base)

    def choose_in_place(self, analysis: Facts) -> None:
        """Calls inside statements that run in order but can start earlier."""
        for unit in self.units:
            if unit.index in self.tasks or unit.index in self.done:
                continue
            if not self.can_extract[unit.index]:
                continue
            calls = extractable_calls(unit.node, unit.facts, analysis, lazy_ok=True)
            if not calls:
                continue
            all_reads: set[str] = set(unit.facts.late_reads)
            early: list[Task] = []
            for call in calls:
                reads = names_of(call).reads
                all_reads |= reads
                deps = set()
                for name in reads:
                    writer = self._last_writer(unit.index, name)
                    if writer is not None and writer in self.tasks:
                        deps.add(writer)
                # Arguments (or a receiver) that may raise are evaluated inside the
                # task: the error surfaces where the statement awaits it.
                base = Task(
                    unit.index,
                    "",
                    None,
                    call,
                    in_place=True,
                    prints=analysis.prints(call),
                    lazy=not call_args_safe(call),
                )
                # The statement's own name only for its one call (``x = f(ask(q))``).
                target = _result_name(unit.node) if len(calls) == 1 else None
                named = replace(unit, target=target, call=call)
                early.append(
                    replace(base, future=self._fresh_future(named), deps=tuple(sorted(deps)))
                )
            self.call_reads[unit.index] = frozenset(all_reads)
            self.in_place[unit.index] = early

    def choose_tasks(self) -> None:
        # Calls first; then pure statements that read pending values and feed a later
        # task become tasks too (so the later task need not wait in the main flow).
        for unit in self.units:
            if unit.index in self.done:
                continue
            if self.can_task[unit.index] and unit.call is not None:
                prints = isinstance(unit.call, cst.Call) and self.analysis.prints(unit.call)
                # Arguments that may raise are evaluated inside the task: the error
                # surfaces where the task is awaited, in program order.
                lazy = isinstance(unit.call, cst.Call) and not call_args_safe(unit.call)
                self.tasks[unit.index] = Task(
                    unit.index, "", unit.target, unit.call, prints=prints, lazy=lazy
                )
        changed = True
        while changed:
            changed = False
            for unit in reversed(self.units):
                if unit.index in self.tasks or not self.can_task[unit.index]:
                    continue
                if unit.index in self.done:
                    continue
                if unit.call is not None or unit.target is None:
                    continue
                if not self._pending_deps(unit) or not self._feeds_task(unit):
                    continue
                self.tasks[unit.index] = Task(unit.index, "", unit.target, None)
                changed = True
        # A comprehension starts all its calls at once: it cannot wait for inputs
        # first (``spawn_after`` awaits one awaitable), so with pending inputs it runs
        # in place instead.
        for index in sorted(self.tasks):
            if isinstance(self.tasks[index].call, cst.ListComp) and self._pending_deps(
                self.units[index]
            ):
                del self.tasks[index]
        for index in sorted(self.tasks):
            unit = self.units[index]
            task = self.tasks[index]
            self.tasks[index] = replace(
                task, future=self._fresh_future(unit), deps=tuple(sorted(self._pending_deps(unit)))
            )
        for index, future in self.done.items():
            if future is not None:
                unit = self.units[index]
                prints = isinstance(unit.call, cst.Call) and self.analysis.prints(unit.call)
                self.tasks[index] = Task(
                    index,
                    future,
                    unit.target,
                    unit.call,
                    prints=prints,
                    unpack=unpacked_names(unit.node) if unit.target is None else (),
                )

    def _pending_deps(self, unit: Unit) -> set[int]:
        deps: set[int] = set()
        for name in unit.facts.names.reads - unit.facts.late_reads:
            writer = self._last_writer(unit.index, name)
            if writer is not None and writer in self.tasks:
                deps.add(writer)
        return deps

    def _feeds_task(self, unit: Unit) -> bool:
        assert unit.target is not None
        for later in self.units[unit.index + 1 :]:
            if later.index in self.tasks and unit.target in later.facts.names.reads:
                return True
            if unit.target in later.facts.names.writes:
                return False
        return False

    # -- dependencies ----------------------------------------------------------------
    def _must_follow(self, earlier: Unit, later: Unit) -> bool:
        """Whether ``later`` may only be emitted after ``earlier``."""
        if commute_conflict(earlier.facts, later.facts) or start_order(earlier.facts, later.facts):
            return True
        a, b = earlier.facts.names, later.facts.names
        later_is_task = later.index in self.tasks
        if (
            later_is_task
            and self._start_may_raise(later)
            and (earlier.ordered or earlier.may_raise)
        ):
            return True  # its error must come after the earlier statement's effects
        if later_is_task:
            # A task's own writes happen when it is resolved, not when it is spawned;
            # what it needs at spawn time are its inputs.
            if b.reads & a.writes:
                return True
            if earlier.barrier:
                return True
            if later.facts.late_reads & a.writes:
                return True
            return False
        if earlier.index in self.tasks:
            # Spawned earlier or not: a task is only ordered before the statements that
            # read or rebind its inputs (the value itself is forced separately).
            return bool(b.writes & a.reads) or later.barrier or bool(b.reads & a.writes)
        if a.writes & (b.reads | b.writes) or b.writes & a.reads:
            return True
        if earlier.ordered and later.ordered:
            return True
        return earlier.barrier or later.barrier or earlier.ordered or later.ordered

    def _start_may_raise(self, unit: Unit) -> bool:
        """Whether spawning the unit's task may raise: a gathered comprehension runs
        its iterables, conditions and arguments where it is started."""
        call = self.tasks[unit.index].call
        return isinstance(call, (cst.ListComp, cst.GeneratorExp)) and not gather_safe(call)

    # -- emission ----------------------------------------------------------------------
    def schedule(self) -> list[Op]:
        """The block's operations: statements that may move (tasks, declarations,
        quick code a task needs, early calls, loop dispatches) go as soon as what they
        follow is out; every other statement runs in order, after awaiting what it
        needs (force late) and the earlier tasks its effect must follow (retire in
        order); the tasks left are awaited at the end of the block."""
        self._emitted = set(self.done)
        self._retired = set()
        self._eager = self._eager_units()
        self._preds = {u.index: self._predecessors(u) for u in self._eager}
        self._call_preds = {index: self._call_predecessors(index) for index in self.in_place}
        self._dispatch_preds = self._dispatch_predecessors()
        self._spawned_early = set()
        self._dispatched = set()
        eager_indices = {u.index for u in self._eager}
        for unit in self.units:
            if unit.index in eager_indices:
                continue
            self._emit_ready()
            for task_index in sorted(self._needed_before(unit)):  # awaited in program order
                self._force(self.tasks[task_index], unit.index)
            self._emitted.add(unit.index)
            self.ops.append(Run(unit.index))
        self._emit_ready()
        end = len(self.units)
        for task_index in sorted(self.tasks):
            self._force(self.tasks[task_index], end)
        return self.ops

    def _eager_units(self) -> list[Unit]:
        """The statements that may move: tasks, declarations, and quick code that
        cannot raise and changes nothing observable (a prompt built from values), run
        as soon as its inputs exist when a task needs it (otherwise it stays where
        the reader expects it)."""
        return [
            u
            for u in self.units
            if u.index in self.done
            or u.index in self.tasks
            or _is_declaration(u.node)
            or (
                u.facts.effect == Effect.PURE
                and not u.facts.awaits
                and not self._pending_deps(u)
                and u.value is not None
                and is_safe(u.value)
                and not self._disturbs_earlier_task(u)
                and self._feeds_a_task(u)
            )
        ]

    def _predecessors(self, unit: Unit) -> list[int]:
        # Only statements that may move need their predecessors (the others run in
        # program order): this keeps long blocks linear in practice.
        return [e.index for e in self.units[: unit.index] if self._must_follow(e, unit)]

    def _call_predecessors(self, index: int) -> list[int]:
        """An early call's inputs: the statements that write what it reads, barriers,
        and the uses of the memo caches it fills."""
        unit = self.units[index]
        return [
            e.index
            for e in self.units[:index]
            if e.facts.names.writes & self.call_reads[index]
            or e.barrier
            or commute_conflict(e.facts, unit.facts)
            or start_order(e.facts, unit.facts)
        ]

    def _dispatch_predecessors(self) -> dict[int, list[int]]:
        """A split loop's dispatch part: after what writes what it reads, what uses the
        names it binds, barriers, and uses of the memo caches its calls fill. Not
        after a task: its value does not exist yet where the task is spawned."""
        found: dict[int, list[int]] = {}
        for index, dispatch in self.loop_dispatch.items():
            before = [
                e.index
                for e in self.units[:index]
                if e.facts.names.writes & dispatch.reads
                or (e.facts.names.reads | e.facts.names.writes) & dispatch.binds
                or e.barrier
                or e.facts.commuting & (dispatch.reads | dispatch.binds | dispatch.commuting)
                or dispatch.commuting & (e.facts.names.reads | e.facts.names.writes)
            ]
            if not any(p in self.tasks or p in self.in_place for p in before):
                found[index] = before
        return found

    def _emit_ready(self) -> None:
        """Emit every movable statement, early call and loop dispatch whose
        predecessors are all out, until none is left ready."""
        progress = True
        while progress:
            progress = False
            for unit in self._eager:
                if unit.index in self._emitted:
                    continue
                if all(p in self._emitted for p in self._preds[unit.index]):
                    self._emitted.add(unit.index)
                    task = self.tasks.get(unit.index)
                    self.ops.append(Spawn(task) if task is not None else Run(unit.index))
                    progress = True
            for index, earlies in self.in_place.items():
                if index in self._spawned_early:
                    continue
                if all(p in self._emitted for p in self._call_preds[index]):
                    self._spawned_early.add(index)
                    self.ops.extend(Spawn(early) for early in earlies)
                    progress = True
            for index, before in self._dispatch_preds.items():
                if index not in self._dispatched and all(p in self._emitted for p in before):
                    self._dispatched.add(index)
                    self.ops.append(Dispatch(index))
                    progress = True

    def _needed_before(self, unit: Unit) -> set[int]:
        """The tasks to await before an in-order statement runs: those whose values it
        reads (directly, or through its callees' module-level reads), and the earlier
        ones its effect, its exception or its changes must follow."""
        facts = unit.facts
        needed = self._pending_deps(unit) | self._late_deps(unit)
        for task_index in self.tasks:
            if task_index >= unit.index or task_index in self._retired:
                continue
            task_unit = self.units[task_index]
            if (
                # Its effect or its exception must come after the earlier tasks'
                # (which may raise first, in program order).
                unit.ordered
                or unit.barrier
                or unit.may_raise
                # It changes an object the task received, or a global it reads.
                or facts.names.mutates & task_unit.facts.names.reads
                or facts.names.binds & task_unit.facts.late_reads
                # It uses a memo cache the task fills.
                or commute_conflict(task_unit.facts, facts)
            ):
                needed.add(task_index)
        return needed

    def _force(self, task: Task, position: int) -> None:
        """Await ``task``: into its name when that name still holds its version."""
        if task.index in self._retired:
            return
        # Awaiting it may raise its exception (or replay its text): every task
        # before it in program order is awaited first, so theirs come first.
        for earlier in sorted(self.tasks):
            if earlier < task.index:
                self._force(self.tasks[earlier], position)
        self._retired.add(task.index)
        # (The names of ``a, b = ...`` are rebound together or not at all.)
        current = bool(task.binds) and all(
            self._last_writer(position, name) == task.index for name in task.binds
        )
        self.ops.append(Resolve(task) if current else Retire(task))

    def _feeds_a_task(self, unit: Unit) -> bool:
        binds = unit.facts.names.binds
        later = [i for i in (*self.tasks, *self.in_place) if i > unit.index]
        return any(binds & self.units[i].facts.names.reads for i in later)

    def _disturbs_earlier_task(self, unit: Unit) -> bool:
        """Whether the statement changes something an earlier task reads while it runs
        (a global its function reads, an object it received): the task must be awaited
        first, so the statement cannot move freely."""
        for index in self.tasks:
            if index >= unit.index:
                continue
            task_facts = self.units[index].facts
            if unit.facts.names.writes & task_facts.late_reads:
                return True
            if unit.facts.names.mutates & task_facts.names.reads:
                return True
            if commute_conflict(task_facts, unit.facts):
                return True
        return False

    def _late_deps(self, unit: Unit) -> set[int]:
        """Tasks whose names the statement's callees read from module scope."""
        deps: set[int] = set()
        for name in unit.facts.late_reads:
            writer = self._last_writer(unit.index, name)
            if writer is not None and writer in self.tasks:
                deps.add(writer)
        return deps


def plan_block(
    statements: Sequence[cst.BaseStatement],
    analysis: Facts,
    names: Namer,
    *,
    allow_tasks: bool = True,
    done: Mapping[int, str | None] | None = None,
    start_nested_calls: bool = True,
    started_calls: frozenset[int] = frozenset(),
    loop_dispatch: Mapping[int, LoopDispatch] | None = None,
) -> BlockPlan:
    """Schedule one block of statements (``done``: see :class:`_Scheduler`;
    ``started_calls``: statements whose call an enclosing split loop already started,
    which await its future in place and so cannot be tasks themselves;
    ``loop_dispatch``: split loops whose dispatch part may start ahead of them)."""
    units: list[Unit] = []
    can_task: list[bool] = []
    for index, node in enumerate(statements):
        facts = analysis.statement_facts(node)
        target, call, value, may_task = _shape(node, facts, analysis)
        units.append(Unit(index, node, facts, target, call, value))
        can_task.append(may_task and allow_tasks and index not in started_calls)
    scheduler = _Scheduler(units, can_task, names, done or {}, analysis, loop_dispatch)
    scheduler.can_extract = [
        allow_tasks and start_nested_calls and index not in started_calls
        for index in range(len(units))
    ]
    scheduler.choose_tasks()
    scheduler.choose_in_place(analysis)
    ops = sink_dispatches(inline_tasks(scheduler.schedule(), units), units)
    # Names written after each statement (one pass, not one per deferred task).
    written_after: list[frozenset[str]] = [frozenset()] * (len(units) + 1)
    for unit in reversed(units):
        written_after[unit.index] = written_after[unit.index + 1] | unit.facts.names.writes
    rebound: dict[int, frozenset[str]] = {}
    for op in ops:
        if isinstance(op, Spawn) and (op.task.deps or op.task.lazy):
            later_writes = written_after[op.task.index + 1]
            # What the deferred computation itself reads: for a call inside a larger
            # statement, not the rest of the statement (``xs`` in ``xs.append(f(y))``
            # may not even be bound yet where the call is spawned). Names the callee
            # reads from module scope cannot be captured, and need not be: a statement
            # that rebinds one awaits the task first.
            unit = units[op.task.index]
            computed = op.task.call if op.task.call is not None else unit.value
            reads = names_of(computed).reads if computed is not None else unit.facts.names.reads
            rebound[op.task.index] = variables(reads & later_writes)
    return BlockPlan(tuple(ops), rebound)
