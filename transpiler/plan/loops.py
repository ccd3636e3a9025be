"""Loops whose iterations are independent: dispatch every iteration's calls first.

A ``for`` loop is split in two (loop fission, the software form of out-of-order issue
with in-order commit)::

    answer_tasks = []
    for q in questions:                       # dispatch: every iteration's calls
        answer_task = tasks.spawn(ask(q))
        answer_tasks.append((q, answer_task))
    for q, answer_task in answer_tasks:       # retire: the rest, in iteration order
        answer = await answer_task
        results.append(answer)

The *dispatch* part of an iteration is the statements that are independent external
calls, or quick code that cannot raise, whose inputs are the loop variables, values
computed earlier in the same dispatch part, or names the loop never changes. Everything
else stays in the second loop, in program order, awaiting that iteration's values where
it needs them and retiring them in order, so output, accumulation and exceptions happen
exactly as in the original. Requirements (else the loop runs iteration by iteration):

* a plain ``for`` with no ``else``, no ``break``/``continue``/``return``/``yield``
  (no iteration may be skipped or cut short after its calls were sent);
* an iterable that is pure to evaluate and not changed by the body;
* the dispatch part reads nothing the rest of the body (or a callee) changes, and its
  call arguments cannot raise (they are evaluated in the first loop, ahead of the
  effects of earlier iterations).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import libcst as cst

from transpiler.analysis.effects import StatementFacts
from transpiler.analysis.facts import Facts
from transpiler.analysis.externals import Effect
from transpiler.analysis.names import names_of, names_of_target
from transpiler.plan.naming import fresh_name
from transpiler.plan.raising import call_args_safe, gather_safe, is_safe, safe_iterable
from transpiler.plan.schedule import extractable_call, plan_block
from transpiler.plan.types import (
    BlockPlan,
    ExtractedCall,
    LoopDispatch,
    LoopPlan,
    LoopRefusal,
    MemoCall,
    Run,
    Spawn,
    Task,
)


_LEAVING = (cst.Break, cst.Continue, cst.Return, cst.Yield)


class _ControlTransfer(cst.CSTVisitor):
    def __init__(self, kinds: tuple[type[cst.CSTNode], ...]) -> None:
        self.kinds = kinds
        self.found = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, self.kinds):
            self.found = True
        return super().on_visit(node)


def transfers_control(
    node: cst.CSTNode, kinds: tuple[type[cst.CSTNode], ...] = _LEAVING
) -> bool:
    """Whether ``node`` (outside nested functions) contains a statement of ``kinds``."""
    finder = _ControlTransfer(kinds)
    node.visit(finder)
    return finder.found


def plan_loop(
    loop: cst.For,
    analysis: Facts,
    taken: set[str],
    enclosing_written: frozenset[str] = frozenset(),
) -> LoopPlan | LoopRefusal:
    """The fission plan for ``loop``, or why it must run iteration by iteration.

    ``enclosing_written``: names an enclosing split loop rebinds before this loop's
    deferred computations run (they capture them, like their own loop's names)."""
    if loop.orelse is not None:
        return LoopRefusal("the loop has an `else` clause")
    if loop.asynchronous is not None:
        return LoopRefusal("it is an `async for`")
    if loop in analysis.calls.stream_loops:
        return LoopRefusal("it consumes a streamed response as it arrives")
    if not isinstance(loop.body, cst.IndentedBlock) or transfers_control(loop.body):
        return LoopRefusal(
            "the body can leave the loop or skip ahead (`break`, `continue`, `return`, "
            "`yield`), so a later iteration's calls may not be due"
        )
    targets = names_of_target(loop.target)
    if not targets or not _is_names(loop.target):
        return LoopRefusal("the loop variable is not a plain name")
    body: Sequence[cst.BaseStatement] = loop.body.body
    facts = [analysis.statement_facts(s) for s in body]
    body_writes: set[str] = set()
    for fact in facts:
        body_writes |= fact.names.writes
    iterable = analysis.statement_facts(loop.iter)
    if iterable.effect != Effect.PURE or iterable.awaits:
        return LoopRefusal("evaluating what it iterates over has effects")
    if iterable.names.reads & body_writes:
        return LoopRefusal("the body changes what it iterates over")

    # A memo cache the loop also uses in another way (``len(cache)`` in the body):
    # the calls that fill it stay in order, in the second loop.
    plain_uses = set(iterable.names.reads)
    for fact in facts:
        plain_uses |= fact.names.reads | fact.names.writes

    def fills_used_cache(fact: StatementFacts) -> bool:
        return bool(fact.commuting & plain_uses)

    dispatched: dict[int, Task | None] = {}  # body index -> task (None: pure, run)
    dispatch_binds: set[str] = set()
    # Loop variables the body does not rebind: their value is the iteration's in
    # both loops. Values of dispatched pure code exist in the first loop; results of
    # dispatched calls only as futures.
    clean_targets = targets - body_writes
    pure_binds: set[str] = set()
    for index, (statement, fact) in enumerate(zip(body, facts)):
        small = _single_assign_or_expr(statement)
        if small is None or fact.names.mutates or fact.late_reads & body_writes:
            continue
        if fills_used_cache(fact):
            continue
        target, value = small
        others_write: set[str] = set()
        for j, other in enumerate(facts):
            if j != index:
                others_write |= other.names.writes
        # Inputs: loop variables, this iteration's dispatched values, invariants.
        is_call = isinstance(value, (cst.Call, cst.ListComp)) and fact.awaits
        available = dispatch_binds if is_call else pure_binds
        inputs_ok = all(
            name in clean_targets
            or name in available
            or (name not in body_writes and name not in targets)
            for name in fact.names.reads
        )
        if not inputs_ok or (target is not None and target in others_write | targets):
            continue
        if target is not None and any(
            target in facts[j].names.reads for j in range(index)
        ):
            continue  # an earlier statement reads the previous iteration's value
        if isinstance(value, cst.Call) and fact.awaited_calls == (value,):
            deferrable = analysis.is_deferrable(value) and (
                analysis.effect_besides(statement, value) <= Effect.EXTERNAL
            )
            if not deferrable:
                continue
            # Arguments that may raise but do nothing else are evaluated in the task.
            lazy = not call_args_safe(value)
            if lazy and analysis.effect_besides(value, value) != Effect.PURE:
                continue
            dispatched[index] = Task(
                index, "", target, value, prints=analysis.prints(value), lazy=lazy
            )
        elif (
            isinstance(value, cst.ListComp)
            and value in analysis.gathered
            and fact.awaited_calls == (value.elt,)
            and gather_safe(value)
            and not names_of(value).reads & dispatch_binds
        ):
            # ``votes = [sample(q, s) for s in range(n)]``: all of it starts up front
            # (tasks.gather defers an error in the comprehension to where it is awaited).
            element = value.elt
            prints = isinstance(element, cst.Call) and analysis.prints(element)
            dispatched[index] = Task(index, "", target, value, prints=prints)
        elif not fact.awaits and fact.effect == Effect.PURE and is_safe(value):
            if target is None:
                continue
            dispatched[index] = None
            pure_binds.add(target)
        else:
            continue
        if target is not None:
            dispatch_binds.add(target)
    # Memo-cache statements: ``if key not in cache: cache[key] = f(...)``.
    memo_shapes: dict[int, tuple[cst.Call, cst.BaseExpression, str]] = {}
    for index, (statement, fact) in enumerate(zip(body, facts)):
        if index in dispatched:
            continue
        shape = _memo_shape(statement, analysis)
        if shape is None:
            continue
        memo_call, key, cache = shape
        other_writes: set[str] = set()
        for j, other in enumerate(facts):
            if j != index:
                other_writes |= other.names.writes
        reads = names_of(memo_call).reads | names_of(key).reads
        if cache in other_writes or cache in targets:
            continue  # the cache changes elsewhere: the keys to ask are not known
        if all(
            n in clean_targets or n in pure_binds or (n not in body_writes and n not in targets)
            for n in reads - {cache}
        ):
            memo_shapes[index] = shape

    # Inner loops whose dispatch needs only this iteration's loop names and
    # invariants: their dispatch loops join this loop's first loop.
    nested: dict[int, LoopPlan] = {}
    for index, statement in enumerate(body):
        if index in dispatched or index in memo_shapes or not isinstance(statement, cst.For):
            continue
        trial = set(taken)  # names are only taken if the inner loop is nested
        inner = plan_loop(
            statement, analysis, trial, enclosing_written | body_writes | targets
        )
        if not isinstance(inner, LoopPlan) or fills_used_cache(facts[index]):
            continue
        if not safe_iterable(statement.iter) and (
            names_of(statement.iter).reads & (body_writes | targets)
            or any(j not in dispatched for j in range(index))
        ):
            # An iterable that may raise (``range(1, n + 1)``) runs ahead only when it
            # reads nothing this loop changes (it raises in the first iteration or
            # never) and nothing before it is left for the second loop.
            continue
        inputs = _dispatch_reads(statement, inner, analysis)
        if inputs is not None and all(
            n in clean_targets or (n not in body_writes and n not in targets) for n in inputs
        ):
            nested[index] = inner
            taken |= trial

    def ready(names: frozenset[str] | set[str], values: set[str]) -> bool:
        return all(
            n in clean_targets or n in values or (n not in body_writes and n not in targets)
            for n in names
        )

    # Calls inside the other statements, evaluated whenever the statement runs; and
    # calls under ``if condition:`` whose condition the first loop can evaluate.
    candidates: dict[int, cst.Call] = {}
    conditions: dict[int, cst.BaseExpression] = {}
    for index, (statement, fact) in enumerate(zip(body, facts)):
        if index in dispatched or index in memo_shapes or index in nested:
            continue
        if fact.effect >= Effect.UNKNOWN:
            # An opaque effect: no call may move across it.
            return LoopRefusal("a statement in the body has effects epic cannot see")
        caller, condition = statement, None
        guarded = _guarded_call_statement(statement, analysis)
        if guarded is not None:
            condition, caller = guarded
            test = analysis.statement_facts(condition)
            # Evaluated in the first loop: values only (not the futures of its calls).
            if not ready(test.names.reads, pure_binds) or test.late_reads & body_writes:
                continue
        caller_fact = analysis.statement_facts(caller)
        call = extractable_call(caller, caller_fact, analysis, lazy_ok=True)
        if call is None or caller_fact.late_reads & body_writes or fills_used_cache(fact):
            continue
        if ready(names_of(call).reads, dispatch_binds):
            candidates[index] = call
            if condition is not None:
                conditions[index] = condition
    if (
        not any(task is not None for task in dispatched.values())
        and not candidates
        and not memo_shapes
        and not nested
    ):
        return LoopRefusal(
            "each call needs a value the body computes (or ordered effects come "
            "first), so no call can start before the previous iteration is done"
        )

    # Futures, with their dependencies inside the iteration.
    ops: list[Run | Spawn] = []
    futures: dict[int, str] = {}
    by_name: dict[str, int] = {}
    rebound: dict[int, frozenset[str]] = {}
    loop_written = body_writes | targets | enclosing_written
    for index in sorted(dispatched):
        task = dispatched[index]
        fact = facts[index]
        if task is None:
            ops.append(Run(index))
        else:
            deps = tuple(
                sorted(
                    by_name[name]
                    for name in fact.names.reads
                    if name in by_name and by_name[name] in futures
                )
            )
            future = fresh_name(f"{task.target or _callee(task.call)}_task", taken)
            futures[index] = future
            ops.append(Spawn(Task(index, future, task.target, task.call, deps, lazy=task.lazy)))
            # A deferred computation must capture the loop's names when spawned.
            rebound[index] = frozenset(fact.names.reads & loop_written)
        target = task.target if task is not None else _assigned_name(body[index])
        if target is not None:
            by_name[target] = index

    extracted: list[ExtractedCall] = []
    for index, call in sorted(candidates.items()):
        reads = names_of(call).reads
        dep_names = sorted(n for n in reads if n in by_name and by_name[n] in futures)
        lazy = not call_args_safe(call)
        extracted.append(
            ExtractedCall(
                index=index,
                call=call,
                future=fresh_name(f"{_callee(call)}_task", taken),
                params=tuple(dep_names),
                dep_futures=tuple(futures[by_name[n]] for n in dep_names),
                defaults=tuple(sorted((reads & loop_written) - set(dep_names)))
                if dep_names or lazy
                else (),
                lazy=lazy,
                condition=conditions.get(index),
                condition_may_raise=index in conditions and not is_safe(conditions[index]),
            )
        )

    memo = tuple(
        MemoCall(index, call, key, cache, fresh_name(f"{cache}_tasks", taken))
        for index, (call, key, cache) in sorted(memo_shapes.items())
    )

    rest_reads: set[str] = set()
    for index, fact in enumerate(facts):
        if index in candidates or index in memo_shapes:
            # In the second loop the call is an ``await`` of its future.
            call = candidates[index] if index in candidates else memo_shapes[index][0]
            without_call = body[index].deep_replace(call, cst.Name("_"))
            rest_reads |= names_of(without_call).reads - {"_"}
        elif index not in dispatched:
            rest_reads |= fact.names.reads
    carried_values = sorted(
        name
        for name in targets | {_assigned_name(body[i]) or "" for i, t in dispatched.items() if t is None}
        if name and name in rest_reads
    )
    carried = (
        tuple(carried_values)
        + tuple(futures[i] for i in sorted(futures))
        + tuple(e.future for e in extracted)
        + tuple(nested[i].pending for i in sorted(nested))
    )
    done: dict[int, str | None] = {i: futures.get(i) for i in dispatched}
    # The calls this loop starts early are already taken care of: none again.
    retire = plan_block(
        body,
        analysis,
        taken,
        done=done,
        start_nested_calls=False,
        started_calls=frozenset(e.index for e in extracted),
    )
    return LoopPlan(
        pending=fresh_name(
            _pending_name(futures, extracted, memo, nested, loop.target), taken
        ),
        dispatch=BlockPlan(tuple(ops), rebound),
        extracted=tuple(extracted),
        memo=memo,
        carried=carried,
        retire=retire,
        nested=tuple(sorted(nested.items())),
    )


def _pending_name(
    futures: dict[int, str],
    extracted: Sequence[ExtractedCall],
    memo: Sequence[MemoCall],
    nested: dict[int, LoopPlan],
    target: cst.BaseExpression,
) -> str:
    """A name for the list the first loop fills, after what it holds: ``research_tasks``
    for the ``research_task`` of every iteration, ``ask_tasks_by_state`` for the lists
    of an inner loop; ``pending`` when nothing better fits."""
    first = sorted(
        [(index, future) for index, future in futures.items()]
        + [(e.index, e.future) for e in extracted]
    )
    if first:
        stem = re.sub(r"_task\d*$", "", first[0][1])
        return f"{stem}_tasks" if stem else "pending"
    if nested and not memo and isinstance(target, cst.Name):
        inner = nested[min(nested)].pending
        if inner != "pending" and not inner.startswith("pending"):
            return f"{inner}_by_{target.value}"
    return "pending"


def _dispatch_reads(
    loop: cst.For, plan: LoopPlan, analysis: Facts
) -> set[str] | None:
    """What the dispatch loop of a split ``loop`` reads from outside it, its iterable
    included. None when it cannot run ahead of an enclosing loop: a memo cache (its
    state spans iterations), or loops nested deeper."""
    if plan.memo or plan.nested:
        return None
    reads, own, _ = dispatch_names(loop, plan, analysis)
    return (reads | names_of(loop.iter).reads) - own


def dispatch_names(
    loop: cst.For, plan: LoopPlan, analysis: Facts
) -> tuple[set[str], set[str], set[str]]:
    """(reads, binds, commuting) of the dispatch loop of a split ``loop``, without its
    own iterable: what the statements and calls it runs early read (their callees'
    module-level reads included) and bind, and the memo caches those calls fill; inner
    loops split along with it count with their iterables."""
    assert isinstance(loop.body, cst.IndentedBlock)
    body = loop.body.body
    reads: set[str] = set()
    own = set(names_of_target(loop.target))
    commuting: set[str] = set()
    nodes: list[cst.CSTNode] = []
    for op in plan.dispatch.ops:
        if isinstance(op, Spawn):
            nodes.append(body[op.task.index])
        elif isinstance(op, Run):
            nodes.append(body[op.index])
    for node in nodes:
        facts = analysis.statement_facts(node)
        reads |= facts.names.reads
        own |= facts.names.binds
        commuting |= facts.commuting
    for call in [e.call for e in plan.extracted] + [m.call for m in plan.memo]:
        facts = analysis.statement_facts(call)
        reads |= facts.names.reads
        commuting |= facts.commuting
    for extracted in plan.extracted:
        if extracted.condition is not None:  # evaluated in the dispatch loop too
            reads |= analysis.statement_facts(extracted.condition).names.reads
    for memo in plan.memo:
        reads |= names_of(memo.key).reads | {memo.cache}
    for index, inner in plan.nested:
        inner_loop = body[index]
        assert isinstance(inner_loop, cst.For)
        inner_reads, inner_own, inner_commuting = dispatch_names(inner_loop, inner, analysis)
        reads |= inner_reads | names_of(inner_loop.iter).reads
        own |= inner_own
        commuting |= inner_commuting
    return reads, own, commuting


def hoistable_dispatch(
    loop: cst.For, plan: LoopPlan, analysis: Facts
) -> LoopDispatch | None:
    """The facts of a split loop's dispatch part if it may start ahead of the loop, above
    earlier statements of its block (rule 2, as for tasks): None when running it could
    raise (an iterable that may, its own or an inner loop's), since the exception would
    then come before those statements' effects. (A memo key whose hash fails starts
    nothing: see ``epic.hashable``.)"""
    if not safe_iterable(loop.iter):
        return None
    assert isinstance(loop.body, cst.IndentedBlock)
    for index, inner in plan.nested:
        inner_loop = loop.body.body[index]
        assert isinstance(inner_loop, cst.For)
        if hoistable_dispatch(inner_loop, inner, analysis) is None:
            return None
    reads, binds, commuting = dispatch_names(loop, plan, analysis)
    iterable = analysis.statement_facts(loop.iter).names.reads
    return LoopDispatch(frozenset(reads | iterable), frozenset(binds), frozenset(commuting))


def _guarded_call_statement(
    statement: cst.BaseStatement, analysis: Facts
) -> tuple[cst.BaseExpression, cst.BaseStatement] | None:
    """(condition, statement) for ``if condition: <statement with a call>`` (the other
    statements of the branch, and an ``else`` branch, awaiting nothing): a pure
    condition, the one awaiting statement first in the branch."""
    if not isinstance(statement, cst.If) or not isinstance(statement.body, cst.IndentedBlock):
        return None
    if isinstance(statement.orelse, cst.If):
        return None  # elif: which branch runs takes more than one condition
    if statement.orelse is not None and analysis.statement_facts(statement.orelse).awaits:
        return None
    test = analysis.statement_facts(statement.test)
    if test.effect != Effect.PURE or test.awaits:
        return None
    branch = statement.body.body
    if not branch or any(analysis.statement_facts(s).awaits for s in branch[1:]):
        return None
    return statement.test, branch[0]


def _memo_shape(
    statement: cst.BaseStatement, analysis: Facts
) -> tuple[cst.Call, cst.BaseExpression, str] | None:
    """(call, key, cache) for ``if key not in cache: cache[key] = call``."""
    if not isinstance(statement, cst.If) or statement.orelse is not None:
        return None
    test = statement.test
    if not (
        isinstance(test, cst.Comparison)
        and len(test.comparisons) == 1
        and isinstance(test.comparisons[0].operator, cst.NotIn)
        and isinstance(test.comparisons[0].comparator, cst.Name)
        and isinstance(test.left, cst.Name)
    ):
        return None
    key, cache = test.left, test.comparisons[0].comparator.value
    body = statement.body
    if not isinstance(body, cst.IndentedBlock) or len(body.body) != 1:
        return None
    line = body.body[0]
    if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return None
    assign = line.body[0]
    if not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
        return None
    target = assign.targets[0].target
    if not (
        isinstance(target, cst.Subscript)
        and isinstance(target.value, cst.Name)
        and target.value.value == cache
        and len(target.slice) == 1
        and isinstance(target.slice[0].slice, cst.Index)
        and target.slice[0].slice.value.deep_equals(key)
    ):
        return None
    call = assign.value
    if not isinstance(call, cst.Call) or not analysis.is_awaited(call):
        return None
    fact = analysis.statement_facts(line)
    if fact.awaited_calls != (call,) or not analysis.is_deferrable(call):
        return None
    if analysis.effect_besides(line, call) > Effect.EXTERNAL or not call_args_safe(call):
        return None
    return call, key, cache


def _is_names(target: cst.BaseExpression) -> bool:
    if isinstance(target, cst.Name):
        return True
    if isinstance(target, (cst.Tuple, cst.List)):
        return all(_is_names(e.value) for e in target.elements)
    return False


def _single_assign_or_expr(
    statement: cst.BaseStatement,
) -> tuple[str | None, cst.BaseExpression] | None:
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if isinstance(small, cst.Assign) and len(small.targets) == 1:
        target = small.targets[0].target
        if isinstance(target, cst.Name):
            return target.value, small.value
        return None
    if isinstance(small, cst.Expr):
        return None, small.value
    return None


def _assigned_name(statement: cst.BaseStatement) -> str | None:
    shape = _single_assign_or_expr(statement)
    return shape[0] if shape is not None else None


def _callee(call: cst.BaseExpression | None) -> str:
    if isinstance(call, cst.Call):
        func = call.func
        if isinstance(func, cst.Attribute):
            return func.attr.value
        if isinstance(func, cst.Name):
            return func.value
    return "call"


