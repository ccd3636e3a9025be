"""The clean-up passes over a scheduled block: tasks that buy nothing are written as
plain statements again (*inlining*), and a loop's dispatch part moved above quick code
only goes back down.

Each pass takes and returns the list of operations; :func:`inline_tasks` runs them in
order (drop inputs already awaited, drop early calls that gain nothing, then inline
tasks and sink those that wait for inputs until nothing changes).
"""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from transpiler.plan.types import Dispatch, Op, Resolve, Retire, Run, Spawn, Task
from transpiler.plan.units import Unit


def _to_value(ops: list[Op], index: int) -> list[Op]:
    """Task ``index`` now binds its name in place: drop its awaits and its future."""
    result: list[Op] = []
    became_values: list[int] = []
    for op in ops:
        if isinstance(op, (Resolve, Retire)) and op.task.index == index:
            continue
        if isinstance(op, Spawn) and index in op.task.deps:
            task = replace(op.task, deps=tuple(d for d in op.task.deps if d != index))
            if not task.deps and task.call is None:
                # A pure computation whose inputs are all values now: just run it.
                result.append(Run(task.index))
                became_values.append(task.index)
                continue
            op = Spawn(task)
        result.append(op)
    for later in became_values:
        result = _to_value(result, later)
    return result


def _inlinable(ops: list[Op], start: int, task: Task, units: list[Unit]) -> bool:
    """Whether spawning ``task`` at ``start`` buys nothing over awaiting it right there.

    True when everything between the spawn and the first op that waits for the task
    (directly, or through a task that needs its value) is quick synchronous code or
    the spawn of a task that needs its value anyway: those could not start any earlier.
    """
    waiting = {task.index}
    for j in range(start + 1, len(ops)):
        other = ops[j]
        if isinstance(other, Run):
            unit = units[other.index]
            touches = task.target is not None and task.target in (
                unit.facts.names.reads | unit.facts.names.writes
            )
            quick = isinstance(unit.node, cst.SimpleStatementLine) and not unit.facts.awaits
            # Awaiting at the spawn would move the wait (its exception, its text) ahead
            # of an earlier statement's output or exception.
            overtakes = other.index < task.index and (unit.ordered or unit.may_raise)
            if touches or not quick or overtakes:
                return False
            continue
        if isinstance(other, (Resolve, Retire)):
            return other.task.index in waiting
        if isinstance(other, Spawn):
            if not waiting & set(other.task.deps):
                return False  # independent work would be held back
            waiting.add(other.task.index)
        if isinstance(other, Dispatch):
            return False  # a loop's calls would be held back
    return False


def _resolved_before(ops: list[Op], position: int, dep: int, units: list[Unit]) -> bool:
    """Whether task ``dep`` was awaited into its name before ``position``, and the name
    still holds that value there."""
    target = units[dep].target
    if target is None:
        return False
    for j in range(position - 1, -1, -1):
        other = ops[j]
        if isinstance(other, Resolve):
            if other.task.index == dep:
                return True
            if other.task.target == target:
                return False
        elif isinstance(other, Run) and target in units[other.index].facts.names.writes:
            return False
    return False


def _drop_resolved_deps(ops: list[Op], units: list[Unit]) -> list[Op]:
    """A spawn whose inputs were already awaited into their names reads the names."""
    result = list(ops)
    changed = True
    while changed:
        changed = False
        for i, op in enumerate(result):
            if not (isinstance(op, Spawn) and op.task.deps):
                continue
            kept = tuple(d for d in op.task.deps if not _resolved_before(result, i, d, units))
            if kept == op.task.deps:
                continue
            task = replace(op.task, deps=kept)
            if kept or task.call is not None:
                result[i] = Spawn(task)
            else:
                result[i] = Run(task.index)
                result = _to_value(result, task.index)
            changed = True
            break
    return result


def _sink_target(ops: list[Op], start: int, task: Task, units: list[Unit]) -> int | None:
    """Where a task that waits for inputs can run in place instead.

    A spawn whose only followers, up to the point its value is awaited, are quick code
    and the awaits of its own inputs starts no earlier than that point anyway (it waits
    for the same inputs): it is written there as a plain statement. Returns the index of
    the ``Resolve`` to replace, or None.
    """
    reads = units[task.index].facts.names.reads
    for j in range(start + 1, len(ops)):
        other = ops[j]
        if isinstance(other, Run):
            unit = units[other.index]
            quick = isinstance(unit.node, cst.SimpleStatementLine) and not unit.facts.awaits
            writes = unit.facts.names.writes
            if not quick or writes & reads or (task.target is not None and task.target in writes):
                return None
            if other.index > task.index and (unit.ordered or unit.may_raise):
                return None  # the call would come after a later statement's effect
            continue
        if isinstance(other, (Resolve, Retire)) and other.task.index in task.deps:
            continue
        if isinstance(other, Dispatch):
            continue  # a loop's dispatch needs no task's value (it would not be here)
        if isinstance(other, Resolve) and other.task.index == task.index:
            inputs_ready = all(_resolved_before(ops, j, d, units) for d in task.deps)
            return j if inputs_ready else None
        return None
    return None


def _drop_useless_early_calls(ops: list[Op], units: list[Unit]) -> list[Op]:
    """An early call whose statement comes next, with only quick code (or the awaits
    of the call's own inputs, or the start of the statement's other early calls)
    between, and that is the first call its statement awaits, gains nothing: it is
    awaited in place. (A later one waits, in place, for the awaits before it in the
    statement: ``print(await a, await b, ask(c))`` would not send ``c`` until ``a`` and
    ``b`` are in.)"""
    result: list[Op] = []
    for i, op in enumerate(ops):
        if isinstance(op, Spawn) and op.task.in_place:
            awaited = units[op.task.index].facts.awaited_calls
            useless = not awaited or awaited[0] is op.task.call
            for other in ops[i + 1 :] if useless else ():
                if isinstance(other, Run) and other.index == op.task.index:
                    break
                if isinstance(other, (Resolve, Retire)) and other.task.index in op.task.deps:
                    continue
                if (
                    isinstance(other, Spawn)
                    and other.task.in_place
                    and other.task.index == op.task.index
                ):
                    continue
                quick = (
                    isinstance(other, Run)
                    and isinstance(units[other.index].node, cst.SimpleStatementLine)
                    and not units[other.index].facts.awaits
                )
                if not quick:
                    useless = False
                    break
            if useless:
                continue
        result.append(op)
    return result


def sink_dispatches(ops: list[Op], units: list[Unit]) -> list[Op]:
    """A loop's dispatch part moved above quick code only gains nothing: it goes back
    down, toward the loop, past such code (where the reader expects it)."""
    result = list(ops)
    for i in range(len(result) - 1, -1, -1):
        if not isinstance(result[i], Dispatch):
            continue
        j = i
        while j + 1 < len(result):
            other = result[j + 1]
            quick = (
                isinstance(other, Run)
                and isinstance(units[other.index].node, cst.SimpleStatementLine)
                and not units[other.index].facts.awaits
            )
            if not quick:
                break
            result[j], result[j + 1] = result[j + 1], result[j]
            j += 1
    # Right before its own loop: the loop is written whole, as usual.
    return [
        op
        for i, op in enumerate(result)
        if not (isinstance(op, Dispatch) and i + 1 < len(result) and result[i + 1] == Run(op.index))
    ]


def inline_tasks(ops: list[Op], units: list[Unit]) -> list[Op]:
    """Write a task as a plain statement where nothing could overlap with it."""
    result = _drop_useless_early_calls(_drop_resolved_deps(ops, units), units)
    changed = True
    while changed:  # each step removes a task: terminates
        changed = False
        for i, op in enumerate(result):
            if not isinstance(op, Spawn):
                continue
            task = op.task
            if not task.deps and task.call is not None and _inlinable(result, i, task, units):
                result[i] = Run(task.index)
                result = _to_value(result, task.index)
                changed = True
                break
            sink = _sink_target(result, i, task, units) if not task.in_place else None
            if sink is not None:
                result[sink] = Run(task.index)
                del result[i]
                result = _to_value(result, task.index)
                changed = True
                break
    return result
