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

* a plain ``for`` with no ``else``, no ``break``/``return``/``yield`` (no later
  iteration may be cut off after its calls were sent); a ``continue`` only skips the
  rest of its own iteration: a skip at the top of the body (``if test: continue``) is
  decided by the first loop before the item's calls start (see
  :func:`dispatch_statements`), any other stays in the second loop, and nothing from
  it on starts early (``_LoopBody.cutoff``);
* an iterable that is pure to evaluate and not changed by the body;
* the dispatch part reads nothing the rest of the body (or a callee) changes, and its
  call arguments cannot raise (they are evaluated in the first loop, ahead of the
  effects of earlier iterations).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import libcst as cst

from transpiler.analysis.effects import StatementFacts, gathered_call
from transpiler.analysis.externals import Effect
from transpiler.analysis.facts import Facts
from transpiler.analysis.names import names_of, names_of_target, variables
from transpiler.plan.naming import Namer
from transpiler.plan.raising import call_args_safe, gather_safe, is_safe, safe_iterable
from transpiler.plan.reasons import calls_in, listed_names, unknown_effect
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
from transpiler.plan.units import single_small, unpacked_names

_LEAVING = (cst.Break, cst.Continue, cst.Return, cst.Yield)
# What ends the loop (or the function) early: later iterations' calls may not be due.
_ENDING = (cst.Break, cst.Return, cst.Yield)
_LEAVING_WHY: dict[type[cst.CSTNode], str] = {
    cst.Break: "`break` can end the loop early, so a later iteration's calls may not be due",
    cst.Continue: "`continue` can skip the rest of an iteration, so its calls may not be due",
    cst.Return: "`return` can leave the loop early, so a later iteration's calls may not be due",
    cst.Yield: "`yield` hands each iteration's value out before the next one is due",
}


class _ControlTransfer(cst.CSTVisitor):
    """The first statement of ``kinds`` that leaves the code visited: a ``break`` or
    ``continue`` in the body of a loop inside it leaves that loop only."""

    def __init__(self, kinds: tuple[type[cst.CSTNode], ...]) -> None:
        self.kinds = kinds
        self.found: cst.CSTNode | None = None
        self._loops = 0  # loop bodies entered

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def _loop(self, node: cst.For | cst.While) -> bool:
        (node.iter if isinstance(node, cst.For) else node.test).visit(self)
        self._loops += 1
        node.body.visit(self)
        self._loops -= 1
        if node.orelse is not None:
            node.orelse.visit(self)  # its ``break`` leaves the loop around it
        return False

    def visit_For(self, node: cst.For) -> bool:
        return self._loop(node)

    def visit_While(self, node: cst.While) -> bool:
        return self._loop(node)

    def on_visit(self, node: cst.CSTNode) -> bool:
        inner = self._loops > 0 and isinstance(node, cst.Break | cst.Continue)
        if self.found is None and isinstance(node, self.kinds) and not inner:
            self.found = node
        return super().on_visit(node)


def transfers_control(node: cst.CSTNode, kinds: tuple[type[cst.CSTNode], ...] = _LEAVING) -> bool:
    """Whether ``node`` (outside nested functions) contains a statement of ``kinds``."""
    return control_transfer(node, kinds) is not None


def control_transfer(
    node: cst.CSTNode, kinds: tuple[type[cst.CSTNode], ...] = _LEAVING
) -> cst.CSTNode | None:
    """The first statement of ``kinds`` in ``node`` (outside nested functions)."""
    finder = _ControlTransfer(kinds)
    node.visit(finder)
    return finder.found


@dataclass(frozen=True, slots=True)
class _LoopBody:
    """What every body rule reads about one loop (facts only, no choices)."""

    loop: cst.For
    statements: Sequence[cst.BaseStatement]
    facts: tuple[StatementFacts, ...]
    targets: frozenset[str]  # the loop variables
    body_writes: frozenset[str]
    # Names a memo cache may not share with the loop: every plain use in the loop.
    plain_uses: frozenset[str]
    # Names an enclosing split loop rebinds before this loop's deferred code runs.
    enclosing_written: frozenset[str]
    # ``for x in tqdm(items, ...)``: the first loop takes the items, the bar wraps the
    # second loop's (it advances as each item retires).
    progress: cst.Call | None = None
    # ``# epic: independent``: the index of the first statement of effects epic cannot
    # see (the user says they do not reach other iterations); nothing after it starts
    # early, since it may still change what the rest of its own iteration does.
    barrier: int | None = None
    # The first statement with a ``continue`` that is not a skip at the top of the body
    # (``try: ... except E: continue``): it and what follows run in the second loop
    # (a call from there on may not be due), but for a call it makes first.
    continues: int | None = None
    # Values the first loop computes after a skip that the second loop reads: a skipped
    # item would have none to hand on (why ``continues`` was set at that skip).
    unhanded: frozenset[str] = frozenset()

    def cutoff(self, choices: _Choices) -> int | None:
        """From which statement on nothing starts early (see ``barrier``, ``continues``
        and ``_Choices.cutoff``)."""
        found = [i for i in (self.barrier, self.continues, choices.cutoff) if i is not None]
        return min(found) if found else None

    def beyond(self, choices: _Choices, index: int) -> bool:
        cutoff = self.cutoff(choices)
        return cutoff is not None and index > cutoff

    @property
    def loop_written(self) -> frozenset[str]:
        """Names that change from one iteration to the next (the loop variables too): a
        call started early whose callee reads one of them when it runs (a global, a
        closure's free name) would see a later iteration's value."""
        return self.body_writes | self.targets

    @property
    def clean_targets(self) -> frozenset[str]:
        """Loop variables the body does not rebind: their value is the iteration's in
        both loops."""
        return self.targets - self.body_writes

    def fills_used_cache(self, fact: StatementFacts) -> bool:
        """It fills a memo cache the loop also uses in another way (``len(cache)``):
        the calls that fill it stay in order, in the second loop."""
        return bool(fact.commuting & self.plain_uses)

    def written_by_others(self, index: int) -> set[str]:
        written: set[str] = set()
        for j, other in enumerate(self.facts):
            if j != index:
                written |= other.names.writes
        return written

    def ready(self, names: frozenset[str] | set[str], values: frozenset[str]) -> bool:
        """Every name is known in the first loop: a clean loop variable, one of
        ``values`` (computed there), or a name the loop never changes."""
        return all(
            n in self.clean_targets
            or n in values
            or (n not in self.body_writes and n not in self.targets)
            for n in names
        )


@dataclass(frozen=True, slots=True)
class _Choices:
    """What the body rules chose so far, by body index."""

    # Statements the first loop runs: a task (its call starts there) or None (pure
    # code computed there).
    dispatched: Mapping[int, Task | None] = field(default_factory=dict)
    dispatch_binds: frozenset[str] = frozenset()  # names dispatched statements bind
    pure_binds: frozenset[str] = frozenset()  # ...of which values (not futures)
    memo: Mapping[int, tuple[cst.Call, cst.BaseExpression, str]] = field(default_factory=dict)
    nested: Mapping[int, LoopPlan] = field(default_factory=dict)
    # Skips (``if test: continue``) the first loop decides, and whether code it runs
    # there may raise (its error is then kept for its place: ``LoopPlan.collects``).
    skips: frozenset[int] = frozenset()
    raising: frozenset[int] = frozenset()  # dispatched prefix code that may raise
    collects: bool = False
    # A skip the first loop cannot decide: it stays in the second loop, and nothing
    # from it on starts early; why it cannot be decided.
    cutoff: int | None = None
    cutoff_why: str = ""
    # Calls inside the other statements that start early, and their ``if`` conditions.
    early: Mapping[int, cst.Call] = field(default_factory=dict)
    conditions: Mapping[int, cst.BaseExpression] = field(default_factory=dict)

    def taken(self, index: int) -> bool:
        return index in self.dispatched or index in self.memo or index in self.nested

    @property
    def starts_anything(self) -> bool:
        return any(task is not None for task in self.dispatched.values()) or bool(
            self.early or self.memo or self.nested
        )


def plan_loop(
    loop: cst.For,
    analysis: Facts,
    names: Namer,
    enclosing_written: frozenset[str] = frozenset(),
) -> LoopPlan | LoopRefusal:
    """The fission plan for ``loop``, or why it must run iteration by iteration.

    ``enclosing_written``: names an enclosing split loop rebinds before this loop's
    deferred computations run (they capture them, like their own loop's names)."""
    body = _loop_body(loop, analysis, enclosing_written)
    if isinstance(body, LoopRefusal):
        return body
    choices = _Choices()
    for rule in BODY_RULES:
        chosen = rule(body, choices, analysis, names)
        if isinstance(chosen, LoopRefusal):
            return chosen
        choices = chosen
    if not choices.starts_anything:
        return _waiting(body, choices, analysis)
    if choices.skips:
        # A skipped item is handed on too, with the values it has at its skip; a value
        # the second loop reads that the first loop computes after the skip has none
        # there (it would keep the last unskipped item's): then the skip is taken in
        # the second loop only, and nothing from it on starts early.
        first = min(choices.skips)
        later = {
            _assigned_name(body.statements[i])
            for i, task in choices.dispatched.items()
            if task is None and i > first and i not in choices.skips
        }
        late = later & set(_carried_values(body, choices))
        if late:
            fallback = replace(body, continues=first, unhanded=frozenset(n for n in late if n))
            return plan_loop_from(fallback, analysis, names)
    return _assemble(body, choices, analysis, names)


def plan_loop_from(body: _LoopBody, analysis: Facts, names: Namer) -> LoopPlan | LoopRefusal:
    """:func:`plan_loop` on a body already checked (``_loop_body``)."""
    choices = _Choices()
    for rule in BODY_RULES:
        chosen = rule(body, choices, analysis, names)
        if isinstance(chosen, LoopRefusal):
            return chosen
        choices = chosen
    if not choices.starts_anything:
        return _waiting(body, choices, analysis)
    return _assemble(body, choices, analysis, names)


def _waiting(body: _LoopBody, choices: _Choices, analysis: Facts) -> LoopRefusal:
    """Why no call of the loop can start before the previous iteration is done, told
    for its first awaited call."""
    call = next((c for c in calls_in(body.loop.body) if analysis.is_awaited(c)), None)
    generic = (
        "each call needs a value the body computes (or ordered effects come first), so "
        "no call can start before the previous iteration is done"
    )
    if call is None:
        return LoopRefusal(generic)
    name = f"`{cst.Module([]).code_for_node(call.func)}(...)`"
    if body.barrier is not None and body.barrier < len(body.statements):
        index = next(i for i, s in enumerate(body.statements) if _contains(s, call))
        if index > body.barrier:
            return LoopRefusal(
                f"{name} comes after a statement epic cannot see into, which may change "
                "what the rest of its iteration sends (`# epic: independent` only says it "
                "does not reach the other iterations)",
                call,
            )
    cutoff = body.cutoff(choices)
    if cutoff is not None and cutoff != body.barrier:
        index = next(i for i, s in enumerate(body.statements) if _contains(s, call))
        if index >= cutoff:
            at = body.statements[cutoff]
            why = (
                f": the skip cannot be decided before the item's calls start ({choices.cutoff_why})"
                if cutoff == choices.cutoff
                else (
                    f": a skipped item would have no {listed_names(sorted(body.unhanded))} to "
                    "hand to the second loop, which reads it"
                    if body.unhanded and cutoff == body.continues
                    else ""
                )
            )
            return LoopRefusal(
                f"{name} comes after a `continue`, which may skip it, so it may not be due{why}",
                at,
            )
    late = sorted(analysis.statement_facts(call).late_reads & body.loop_written)
    if late:
        listed = listed_names(late)
        return LoopRefusal(
            f"{name} reads {listed} when it runs, which the loop changes each iteration",
            call,
        )
    needs = sorted(n for n in names_of(call).reads if not body.ready({n}, choices.dispatch_binds))
    if needs:
        listed = listed_names(needs)
        return LoopRefusal(
            f"{name} needs {listed}, which the loop body sets or changes, so it cannot "
            "start before the previous iteration is done",
            call,
        )
    return LoopRefusal(
        f"{name} comes after code that must run first in its iteration (ordered "
        "effects, or a value that may raise), so it cannot start before the previous "
        "iteration is done",
        call,
    )


def _loop_body(
    loop: cst.For, analysis: Facts, enclosing_written: frozenset[str]
) -> _LoopBody | LoopRefusal:
    """The loop's body facts, or why it cannot be split at all. Requirements: a plain
    ``for`` over a pure iterable the body does not change, with plain-name loop
    variables and no way out of an iteration (``break``, ``continue``, ...)."""
    if loop.orelse is not None:
        return LoopRefusal("the loop has an `else` clause")
    if loop.asynchronous is not None:
        return LoopRefusal("it is an `async for`")
    if loop in analysis.calls.stream_loops:
        return LoopRefusal("it consumes a streamed response as it arrives")
    if not isinstance(loop.body, cst.IndentedBlock):
        return LoopRefusal("its body is on the `for` line")
    continues: int | None = None
    for index, statement in enumerate(loop.body.body):
        # A skip (``if done(x): continue``) is decided by dispatch_statements.
        if skip_test(statement) is not None:
            continue
        leaving = control_transfer(statement, _ENDING)
        if leaving is not None:
            return LoopRefusal(_LEAVING_WHY[type(leaving)], leaving)
        if continues is None and control_transfer(statement, (cst.Continue,)) is not None:
            # Only the rest of its iteration may be skipped: nothing from here on starts
            # early (its calls may not be due), the rest of the loop can.
            continues = index
    targets = names_of_target(loop.target)
    if not targets or not _is_names(loop.target):
        return LoopRefusal("the loop variable is not a plain name")
    statements: Sequence[cst.BaseStatement] = loop.body.body
    facts = tuple(analysis.statement_facts(s) for s in statements)
    body_writes: set[str] = set()
    for fact in facts:
        body_writes |= fact.names.writes
    iterable = analysis.statement_facts(loop.iter)
    progress = loop.iter if loop.iter in analysis.calls.progress_bars else None
    assert progress is None or isinstance(progress, cst.Call)
    # A progress bar's own output is redrawn as the second loop takes each item.
    effect = (
        analysis.effect_besides(loop.iter, progress) if progress is not None else iterable.effect
    )
    independent = loop in analysis.calls.independent_loops
    if iterable.awaits or (effect != Effect.PURE and not independent):
        return LoopRefusal("evaluating what it iterates over has effects", loop.iter)
    if progress is not None and names_of(
        cst.Tuple([cst.Element(a.value) for a in progress.args[1:]])
    ).reads & (body_writes | set(targets)):
        # The bar is made after the first loop: its options must read the same values.
        return LoopRefusal("its progress bar's options read what the loop changes", loop.iter)
    if iterable.names.reads & body_writes:
        changing = next(
            s
            for s, f in zip(statements, facts, strict=True)
            if iterable.names.reads & f.names.writes
        )
        return LoopRefusal("the body changes what it iterates over", changing)
    plain_uses = set(iterable.names.reads)
    for fact in facts:
        plain_uses |= fact.names.reads | fact.names.writes
    barrier = (
        next((i for i, f in enumerate(facts) if f.effect >= Effect.UNKNOWN), len(facts))
        if independent
        else None
    )
    return _LoopBody(
        loop,
        statements,
        facts,
        frozenset(targets),
        frozenset(body_writes),
        frozenset(plain_uses),
        enclosing_written,
        progress,
        barrier,
        continues,
    )


def dispatch_statements(
    body: _LoopBody, choices: _Choices, analysis: Facts, names: Namer
) -> _Choices | LoopRefusal:
    """Statements the first loop runs whole.

    Requirements: one assignment or expression that mutates nothing and reads only
    loop variables, values the first loop computed before it, or invariants (so it
    computes the same thing in the first loop); its targets are bound nowhere else in
    the body and read by no earlier statement; it is an independent call (arguments
    that may raise are evaluated in the task), a gathered comprehension whose parts
    cannot raise, quick pure code that cannot raise, or pure code that reads values
    of those calls (``answer, count = Counter(votes).most_common(1)[0]``: computed
    in a task once they are in; an error it raises surfaces where the second loop
    awaits it, in program order). In the body's prefix (the statements before the
    first one the first loop does not compute), pure code that may raise too, and
    skips (``if test: continue``, the test pure and reading only what the first loop
    knows); a skip it cannot decide refuses the loop.
    Transformations: ``answer = ask(q)`` -> ``answer_task = tasks.spawn(ask(q))`` in
    the first loop, ``answer = await answer_task`` in the second; a skip hands the
    skipped item on with what it has there (``epic.NOT_STARTED`` for its calls) and
    is taken again in the second loop, its branch included; prefix code that may raise
    makes the pending list an ``epic.pending()``, whose ``collecting()`` keeps the
    error for the second loop to raise at the failing item's place.
    Collaborations: first; the later rules read what it dispatched, and
    :func:`drop_idle_computations` removes the computations no call needs.
    """
    dispatched: dict[int, Task | None] = {}
    dispatch_binds: set[str] = set()
    pure_binds: set[str] = set()
    skips: set[int] = set()
    raising: set[int] = set()
    # The statements before the first one the first loop does not compute: pure code
    # there may raise (the error stops the first loop and is raised in its place), and
    # only there may a skip be decided (no call of the item has started yet).
    prefix = True
    cutoff, cutoff_why = None, ""
    static = body.cutoff(choices)
    for index, (statement, fact) in enumerate(zip(body.statements, body.facts, strict=True)):
        if static is not None and index >= static:
            break  # the rest of the iteration runs in order, in the second loop
        test = skip_test(statement)
        if test is not None:
            test_fact = analysis.statement_facts(test)
            why = _undecided_skip(test_fact, body, frozenset(pure_binds), prefix)
            if why is not None:
                # It stays in the second loop: the item's calls before it were due
                # anyway; none after it starts early.
                cutoff, cutoff_why = index, why
                break
            dispatched[index] = None
            skips.add(index)
            if not is_safe(test):
                raising.add(index)
            continue
        was_prefix, prefix = prefix, False
        shape = _assignment(statement)
        if shape is None or fact.names.mutates or fact.late_reads & body.loop_written:
            continue
        if body.fills_used_cache(fact):
            continue
        bound, value = shape
        is_call = isinstance(value, (cst.Call, cst.ListComp)) and fact.awaits
        # Pure code that needs a pending value: computed in a task once it is in.
        deferred = (
            bool(bound)
            and not fact.awaits
            and fact.effect == Effect.PURE
            and bool(fact.names.reads & (dispatch_binds - pure_binds))
        )
        available = frozenset(dispatch_binds if is_call or deferred else pure_binds)
        if not body.ready(fact.names.reads, available):
            continue
        if set(bound) & (body.written_by_others(index) | body.targets):
            continue
        if any(set(bound) & body.facts[j].names.reads for j in range(index)):
            continue  # an earlier statement reads the previous iteration's value
        target = bound[0] if len(bound) == 1 else None
        task = None
        if deferred:
            task = Task(index, "", target, None, unpack=bound if target is None else ())
        elif target is not None or not bound:
            task = _dispatched_task(statement, fact, index, target, value, dispatch_binds, analysis)
        if task is not None:
            dispatched[index] = task
        elif not fact.awaits and fact.effect == Effect.PURE and (is_safe(value) or was_prefix):
            if target is None:
                continue
            dispatched[index] = None
            pure_binds.add(target)
            prefix = was_prefix
            if not is_safe(value):
                raising.add(index)
        else:
            continue
        dispatch_binds.update(bound)
    return replace(
        choices,
        dispatched=dispatched,
        dispatch_binds=frozenset(dispatch_binds),
        pure_binds=frozenset(pure_binds),
        skips=frozenset(skips),
        raising=frozenset(raising),
        collects=bool(raising),
        cutoff=cutoff,
        cutoff_why=cutoff_why,
    )


def _call_before_unknown(
    statement: cst.BaseStatement, fact: StatementFacts, analysis: Facts
) -> cst.Call | None:
    """The one awaited call of a statement of unknown effect, when every call of unknown
    effect in it encloses that call (so runs after it: ``db.save(q, ask(q))``), its
    arguments are safe and the statement always makes it."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(fact.awaited_calls) != 1:
        return None
    (call,) = fact.awaited_calls
    if not analysis.is_deferrable(call) or not call_args_safe(call):
        return None
    for other in calls_in(statement):
        if other is call or analysis.call_effect(other) <= Effect.OUTPUT:
            continue
        if not any(arg.value is call or _contains(arg.value, call) for arg in other.args):
            return None  # evaluated before the call, or beside it
    if any(
        isinstance(n, (cst.IfExp, cst.BooleanOperation, cst.Lambda))
        for n in _ancestors(statement, call)
    ):
        return None  # made only under a condition
    return call


def _contains(node: cst.CSTNode, target: cst.CSTNode) -> bool:
    found = False

    class Finder(cst.CSTVisitor):
        def on_visit(self, inner: cst.CSTNode) -> bool:
            nonlocal found
            if inner is target:
                found = True
            return not found

    node.visit(Finder())
    return found


def _ancestors(root: cst.CSTNode, target: cst.CSTNode) -> list[cst.CSTNode]:
    """The nodes from ``root`` down to ``target`` (exclusive), if ``target`` is inside."""
    path: list[cst.CSTNode] = []
    result: list[cst.CSTNode] = []

    class Walker(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if result:
                return False
            if node is target:
                result.extend(path)
                return False
            path.append(node)
            return True

        def on_leave(self, original_node: cst.CSTNode) -> None:
            if path and path[-1] is original_node:
                path.pop()

    root.visit(Walker())
    return result


def _undecided_skip(
    test: StatementFacts, body: _LoopBody, values: frozenset[str], prefix: bool
) -> str | None:
    """Why a skip's test cannot be evaluated in the first loop, if it cannot."""
    if not prefix:
        return "it comes after code that runs in order in the iteration"
    if test.effect != Effect.PURE or test.awaits or test.names.mutates:
        return "its test has effects"
    late = sorted(test.late_reads & body.loop_written)
    changed = sorted(n for n in test.names.reads if not body.ready({n}, values))
    if late or changed:
        listed = listed_names(changed or late)
        return f"its test reads {listed}, which the loop changes"
    return None


def skip_test(statement: cst.BaseStatement) -> cst.BaseExpression | None:
    """The test of ``if test: ...; continue`` (no ``else``; the branch ends with the
    ``continue`` and has no other way out: ``print("skip", x)`` before it, say)."""
    if not isinstance(statement, cst.If) or statement.orelse is not None:
        return None
    body = statement.body
    lines: Sequence[cst.CSTNode] = body.body if isinstance(body, cst.IndentedBlock) else [body]
    if not lines:
        return None
    last = lines[-1]
    small = (
        list(last.body)
        if isinstance(last, (cst.SimpleStatementLine, cst.SimpleStatementSuite))
        else []
    )
    if not small or not isinstance(small[-1], cst.Continue):
        return None
    rest: list[cst.CSTNode] = [*lines[:-1], *small[:-1]]
    if any(control_transfer(node) is not None for node in rest):
        return None
    return statement.test


def _dispatched_task(
    statement: cst.BaseStatement,
    fact: StatementFacts,
    index: int,
    target: str | None,
    value: cst.BaseExpression,
    dispatch_binds: set[str],
    analysis: Facts,
) -> Task | None:
    """The task of a call or gathered comprehension the first loop may start."""
    if isinstance(value, cst.Call) and fact.awaited_calls == (value,):
        deferrable = analysis.is_deferrable(value) and (
            analysis.effect_besides(statement, value) <= Effect.EXTERNAL
        )
        if not deferrable:
            return None
        # Arguments that may raise but do nothing else are evaluated in the task.
        lazy = not call_args_safe(value)
        if lazy and analysis.effect_besides(value, value) != Effect.PURE:
            return None
        return Task(index, "", target, value, prints=analysis.prints(value), lazy=lazy)
    if (
        isinstance(value, cst.ListComp)
        and value in analysis.gathered
        and fact.awaited_calls == (gathered_call(value),)
        and gather_safe(value)
        and not names_of(value).reads & dispatch_binds
    ):
        # ``votes = [sample(q, s) for s in range(n)]``: all of it starts up front
        # (tasks.gather defers an error in the comprehension to where it is awaited).
        element = gathered_call(value)
        prints = isinstance(element, cst.Call) and analysis.prints(element)
        return Task(index, "", target, value, prints=prints)
    return None


def start_memo_calls(body: _LoopBody, choices: _Choices, analysis: Facts, names: Namer) -> _Choices:
    """Memo-cache statements: ``if key not in cache: cache[key] = f(key)``.

    Requirements: the shape (see :func:`_memo_shape`); the cache changes nowhere else
    in the body; the call and key read only what the first loop knows.
    Transformations: the first loop starts ``f(key)`` once per key neither cached nor
    already started (``cache_tasks[key]``); the second loop awaits it in place.
    Collaborations: after :func:`dispatch_statements` (values it computes may be read).
    """
    memo: dict[int, tuple[cst.Call, cst.BaseExpression, str]] = {}
    for index, statement in enumerate(body.statements):
        cutoff = body.cutoff(choices)
        if choices.taken(index) or (cutoff is not None and index >= cutoff):
            continue
        shape = _memo_shape(statement, analysis)
        if shape is None:
            continue
        memo_call, key, cache = shape
        if analysis.statement_facts(memo_call).late_reads & body.loop_written:
            continue  # its callee reads, when it runs, a name the loop changes
        reads = names_of(memo_call).reads | names_of(key).reads
        if cache in body.written_by_others(index) or cache in body.targets:
            continue  # the cache changes elsewhere: the keys to ask are not known
        if body.ready(reads - {cache}, choices.pure_binds):
            memo[index] = shape
    return replace(choices, memo=memo)


def split_inner_loops(
    body: _LoopBody, choices: _Choices, analysis: Facts, names: Namer
) -> _Choices:
    """Inner loops split along with this one.

    Requirements: the inner loop splits on its own; its dispatch reads only this
    iteration's loop names and invariants; an iterable that may raise
    (``range(1, n + 1)``) reads nothing this loop changes and nothing before it is
    left for the second loop (it raises in the first iteration or never).
    Transformations: the inner dispatch loop runs in this loop's first loop, its
    retire loop where the inner loop stood, over the list each iteration hands on.
    Collaborations: after the statement and memo rules (their statements are taken).
    """
    nested: dict[int, LoopPlan] = {}
    written = body.body_writes | body.targets
    for index, statement in enumerate(body.statements):
        if choices.taken(index) or not isinstance(statement, cst.For):
            continue
        cutoff = body.cutoff(choices)
        if cutoff is not None and index >= cutoff:
            continue
        trial = names.fork()  # names are only taken if the inner loop is nested
        inner = plan_loop(statement, analysis, trial, body.enclosing_written | written)
        if not isinstance(inner, LoopPlan) or body.fills_used_cache(body.facts[index]):
            continue
        if inner.own_dispatch:
            continue  # its skips and errors belong to a first loop of its own
        if not safe_iterable(statement.iter) and (
            names_of(statement.iter).reads & written
            or any(j not in choices.dispatched for j in range(index))
        ):
            continue
        inputs = _dispatch_reads(statement, inner, analysis)
        if inputs is not None and body.ready(inputs, frozenset()):
            nested[index] = inner
            names.adopt(trial)
    return replace(choices, nested=nested)


def start_calls_early(
    body: _LoopBody, choices: _Choices, analysis: Facts, names: Namer
) -> _Choices | LoopRefusal:
    """Calls inside the other statements, and calls under ``if condition:`` whose
    condition the first loop can evaluate.

    Requirements: no statement left has an effect epic cannot see (else the loop is
    refused: no call may move across it); the statement's call is one it always makes
    (see ``schedule.extractable_call``), reading only what the first loop knows; a
    condition reads only values (not futures) and nothing its callees see change.
    Transformations: ``results.append(ask(q))`` -> ``ask_task = tasks.spawn(ask(q))``
    in the first loop, ``results.append(await ask_task)`` in the second; under an
    ``if``: ``tasks.spawn(...) if condition else epic.NOT_STARTED``.
    Collaborations: last; it sees every statement the other rules left.
    """
    early: dict[int, cst.Call] = {}
    conditions: dict[int, cst.BaseExpression] = {}
    cutoff = body.cutoff(choices)
    for index, (statement, fact) in enumerate(zip(body.statements, body.facts, strict=True)):
        if choices.taken(index):
            continue
        if fact.effect >= Effect.UNKNOWN and (body.barrier is None or index < body.barrier):
            # An opaque effect: no call may move across it.
            found = unknown_effect(statement, analysis)
            if found is None:
                return LoopRefusal("a statement in the body has effects epic cannot see", statement)
            return LoopRefusal(found[1], found[0])
        if cutoff is not None and index > cutoff:
            continue
        if index == body.barrier:
            # ``# epic: independent``: a call this statement makes before anything in
            # it epic cannot see (``db.save(ask(q))``) may start early; nothing after.
            call = _call_before_unknown(statement, fact, analysis)
            if (
                call is not None
                and body.ready(names_of(call).reads, choices.dispatch_binds)
                and not analysis.statement_facts(call).late_reads & body.loop_written
            ):
                early[index] = call
            continue
        caller, condition = statement, None
        guarded = _guarded_call_statement(statement, analysis)
        tried = _tried_call_statement(statement, analysis)
        if index == cutoff:
            # A ``continue`` from here on: only a call the statement makes first
            # (``try: r = ask(q) except E: continue``) is due whatever happens next.
            if tried is None:
                continue
            guarded = None
        if tried is not None:
            caller = tried
        elif guarded is not None:
            condition, caller = guarded
            test = analysis.statement_facts(condition)
            # Evaluated in the first loop: values only (not the futures of its calls).
            if (
                not body.ready(test.names.reads, choices.pure_binds)
                or test.late_reads & body.loop_written
            ):
                continue
        caller_fact = analysis.statement_facts(caller)
        call = extractable_call(caller, caller_fact, analysis, lazy_ok=True)
        if (
            call is None
            or caller_fact.late_reads & body.loop_written
            or body.fills_used_cache(fact)
        ):
            continue
        if body.ready(names_of(call).reads, choices.dispatch_binds):
            early[index] = call
            if condition is not None:
                conditions[index] = condition
    return replace(choices, early=early, conditions=conditions)


def drop_idle_computations(
    body: _LoopBody, choices: _Choices, analysis: Facts, names: Namer
) -> _Choices:
    """Computations that nothing started in the first loop needs (pure code from
    pending values, and pure code ahead of the item's calls that may raise): they stay
    in the second loop, where the code computes them as written.

    Requirements: none (it only takes back work that would start nothing); code that
    may raise is taken back from the end of the first loop's prefix only (what stays
    there still runs before anything the second loop runs of the item).
    Transformations: none of its own.
    Collaborations: last; it sees every call the other rules start early.
    """
    deferred = {
        i for i, task in choices.dispatched.items() if task is not None and task.call is None
    }
    raising = choices.raising - choices.skips
    if not deferred and not raising:
        return choices
    computations = deferred | raising

    def binds(index: int) -> set[str]:
        task = choices.dispatched[index]
        if task is not None:
            return set(task.binds)
        return {_assigned_name(body.statements[index]) or ""}

    # What the rest of the first loop reads (started calls, skips, safe code), then
    # (transitively) what the computations it needs read: each was bound by the
    # computation before it that binds the name.
    work: list[tuple[int, frozenset[str]]] = [
        (i, body.facts[i].names.reads) for i in choices.dispatched if i not in computations
    ]
    work += [(i, frozenset(names_of(call).reads)) for i, call in choices.early.items()]
    work += [(i, frozenset(names_of(c).reads)) for i, (c, _, _) in choices.memo.items()]
    work += [(i, body.facts[i].names.reads) for i in choices.nested]
    needed: set[int] = set()
    while work:
        index, reads = work.pop()
        for j in sorted(computations - needed):
            if j < index and binds(j) & reads:
                needed.add(j)
                work.append((j, body.facts[j].names.reads))
    idle = deferred - needed
    for j in sorted(choices.raising | choices.skips, reverse=True):
        if j in needed or j in choices.skips:
            break  # what may raise before it stays before it
        idle.add(j)
    dispatched = {i: t for i, t in choices.dispatched.items() if i not in idle}
    left = choices.raising - idle
    return replace(choices, dispatched=dispatched, raising=left, collects=bool(left))


_BodyRule = Callable[[_LoopBody, _Choices, Facts, Namer], "_Choices | LoopRefusal"]

#: The loop body rules, tried in this order (each docstring says why it comes where).
BODY_RULES: tuple[_BodyRule, ...] = (
    dispatch_statements,
    start_memo_calls,
    split_inner_loops,
    start_calls_early,
    drop_idle_computations,
)


def _assemble(body: _LoopBody, choices: _Choices, analysis: Facts, names: Namer) -> LoopPlan:
    """The loop plan from the rules' choices: the first loop's operations (futures and
    their inputs inside the iteration), the early calls, what each iteration carries
    to the second loop, and the second loop's own block plan."""
    loop_written = body.body_writes | body.targets | body.enclosing_written
    ops, futures, by_name, rebound = _dispatch_ops(body, choices, names, loop_written)
    extracted = tuple(
        _extracted_call(index, call, choices, futures, by_name, loop_written, names)
        for index, call in sorted(choices.early.items())
    )
    memo = tuple(
        MemoCall(index, call, key, cache, names.fresh(f"{cache}_tasks"))
        for index, (call, key, cache) in sorted(choices.memo.items())
    )
    values = _carried_values(body, choices)
    carried = (
        values
        + tuple(futures[i] for i in sorted(futures))
        + tuple(e.future for e in extracted)
        + tuple(choices.nested[i].pending for i in sorted(choices.nested))
    )
    # A skip runs in both loops: the first hands the skipped item on (see skip_carried),
    # the second takes the skip again, its branch (``print("skip", x)``) included.
    done: dict[int, str | None] = {
        i: futures.get(i) for i in choices.dispatched if i not in choices.skips
    }
    # The calls this loop starts early are already taken care of: none again.
    retire = plan_block(
        body.statements,
        analysis,
        names,
        done=done,
        start_nested_calls=False,
        started_calls=frozenset(e.index for e in extracted),
    )
    return LoopPlan(
        pending=names.fresh(
            _pending_name(futures, extracted, memo, choices.nested, body.loop.target)
        ),
        dispatch=BlockPlan(tuple(ops), rebound),
        extracted=extracted,
        memo=memo,
        carried=carried,
        retire=retire,
        nested=tuple(sorted(choices.nested.items())),
        collects=choices.collects,
        own_dispatch=bool(choices.skips) or choices.collects or body.progress is not None,
        progress=body.progress is not None,
        skips=tuple(sorted(choices.skips)),
        skip_carried=(
            tuple(name if name in values else None for name in carried) if choices.skips else ()
        ),
    )


def _dispatch_ops(
    body: _LoopBody, choices: _Choices, names: Namer, loop_written: frozenset[str]
) -> tuple[list[Run | Spawn], dict[int, str], dict[str, int], dict[int, frozenset[str]]]:
    """The first loop's operations, the futures of its tasks, the statement that binds
    each name there, and the loop names each deferred computation must capture."""
    ops: list[Run | Spawn] = []
    futures: dict[int, str] = {}
    by_name: dict[str, int] = {}
    rebound: dict[int, frozenset[str]] = {}
    for index in sorted(choices.dispatched):
        task = choices.dispatched[index]
        fact = body.facts[index]
        if task is None:
            ops.append(Run(index))
        else:
            deps = tuple(
                sorted(
                    {
                        by_name[name]
                        for name in fact.names.reads
                        if name in by_name and by_name[name] in futures
                    }
                )
            )
            stem = task.target or "_".join(task.unpack) or _callee(task.call)
            future = names.fresh(f"{stem}_task")
            futures[index] = future
            ops.append(Spawn(replace(task, future=future, deps=deps)))
            # A deferred computation must capture the loop's names when spawned.
            rebound[index] = variables(fact.names.reads & loop_written)
        bound = task.binds if task is not None else (_assigned_name(body.statements[index]),)
        for target in bound:
            if target is not None:
                by_name[target] = index
    return ops, futures, by_name, rebound


def _extracted_call(
    index: int,
    call: cst.Call,
    choices: _Choices,
    futures: dict[int, str],
    by_name: dict[str, int],
    loop_written: frozenset[str],
    names: Namer,
) -> ExtractedCall:
    reads = names_of(call).reads
    deps = sorted({by_name[n] for n in reads if n in by_name and by_name[n] in futures})
    params: list[str] = []
    spread: set[str] = set()
    for dep in deps:
        task = choices.dispatched[dep]
        assert task is not None
        # ``a, b = ...`` passes both names (``epic.spread``); any other, its one name.
        params.extend(task.binds)
        if task.unpack:
            spread.add(futures[dep])
    lazy = not call_args_safe(call)
    condition = choices.conditions.get(index)
    return ExtractedCall(
        index=index,
        call=call,
        future=names.fresh(f"{_callee(call)}_task"),
        params=tuple(params),
        dep_futures=tuple(futures[dep] for dep in deps),
        spread=frozenset(spread),
        defaults=(tuple(sorted((reads & loop_written) - set(params))) if deps or lazy else ()),
        lazy=lazy,
        condition=condition,
        condition_may_raise=condition is not None and not is_safe(condition),
    )


def _carried_values(body: _LoopBody, choices: _Choices) -> tuple[str, ...]:
    """The loop variables and first-loop values the second loop reads."""
    rest_reads: set[str] = set()
    for index, fact in enumerate(body.facts):
        if index in choices.early or index in choices.memo:
            # In the second loop the call is an ``await`` of its future.
            call = choices.early[index] if index in choices.early else choices.memo[index][0]
            without_call = body.statements[index].deep_replace(call, cst.Name("_"))
            rest_reads |= names_of(without_call).reads - {"_"}
        elif index not in choices.dispatched or index in choices.skips:
            # (a skip is taken again in the second loop, on the same values)
            rest_reads |= fact.names.reads
    computed = {
        _assigned_name(body.statements[i]) or "" for i, t in choices.dispatched.items() if t is None
    }
    return tuple(sorted(n for n in body.targets | computed if n and n in rest_reads))


def _pending_name(
    futures: dict[int, str],
    extracted: Sequence[ExtractedCall],
    memo: Sequence[MemoCall],
    nested: Mapping[int, LoopPlan],
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


def _dispatch_reads(loop: cst.For, plan: LoopPlan, analysis: Facts) -> set[str] | None:
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


def hoistable_dispatch(loop: cst.For, plan: LoopPlan, analysis: Facts) -> LoopDispatch | None:
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


#: Exceptions a handler must not catch around an awaited task: the task's
#: cancellation (an interrupted run) would be caught instead of ending the run.
_CANCELLATION = frozenset(
    {"BaseException", "KeyboardInterrupt", "SystemExit", "GeneratorExit", "CancelledError"}
)


def _tried_call_statement(
    statement: cst.BaseStatement, analysis: Facts
) -> cst.BaseStatement | None:
    """The statement with the call of ``try: <statement with a call> ... except E: ...``:
    the one awaiting statement first in the ``try`` body, and one where nothing runs
    before the call (``x = ask(q)``, ``ask(q)``, ``xs.append(ask(q))``,
    ``print(ask(q), ...)``, ``d[k] = ask(q)``), so a caught exception never comes from code that ran before
    the request in the original (the request would have been sent for nothing). The
    call's own exception is raised where its task is awaited, in the same ``try``. No
    handler catches a cancellation (bare ``except:``, ``BaseException``, ...)."""
    if not isinstance(statement, cst.Try) or not isinstance(statement.body, cst.IndentedBlock):
        return None
    others = [*statement.handlers, statement.orelse, statement.finalbody]
    if any(
        analysis.statement_facts(inner).awaits
        for other in others
        if other is not None and isinstance(other.body, cst.IndentedBlock)
        for inner in other.body.body
    ) or any(o is not None and not isinstance(o.body, cst.IndentedBlock) for o in others):
        return None
    if any(_catches_cancellation(handler.type) for handler in statement.handlers):
        return None
    branch = statement.body.body
    if not branch or any(analysis.statement_facts(s).awaits for s in branch[1:]):
        return None
    first = branch[0]
    if not isinstance(first, cst.SimpleStatementLine) or len(first.body) != 1:
        return None
    small = first.body[0]
    value: cst.BaseExpression | None = None
    if isinstance(small, cst.Expr):
        value = small.value
        if (
            isinstance(value, cst.Call)
            and (
                isinstance(value.func, cst.Name)
                or (
                    isinstance(value.func, cst.Attribute) and isinstance(value.func.value, cst.Name)
                )
            )
            and value.args
            and value.args[0].keyword is None
            and not value.args[0].star
            and isinstance(value.args[0].value, cst.Call)
        ):
            # ``results.append(ask(q))``, ``print(ask(q), ...)``: the call comes first.
            value = value.args[0].value
    elif isinstance(small, cst.Assign) and len(small.targets) == 1:
        target = small.targets[0].target
        if isinstance(target, cst.Name) or (
            isinstance(target, cst.Subscript)
            and isinstance(target.value, cst.Name)
            and all(_plain(e.slice) for e in target.slice)
        ):
            value = small.value
    if not isinstance(value, cst.Call) or value not in analysis.statement_facts(first).calls:
        return None
    if analysis.statement_facts(first).awaited_calls != (value,):
        return None
    return first


def _plain(index: cst.BaseSlice) -> bool:
    return isinstance(index, cst.Index) and isinstance(index.value, (cst.Name, cst.SimpleString))


def _catches_cancellation(caught: cst.BaseExpression | None) -> bool:
    if caught is None:
        return True  # a bare ``except:``
    if isinstance(caught, cst.Tuple):
        return any(_catches_cancellation(e.value) for e in caught.elements)
    if isinstance(caught, cst.Name):
        return caught.value in _CANCELLATION
    if isinstance(caught, cst.Attribute):
        return caught.attr.value in _CANCELLATION
    return True  # something computed: it may be anything


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


def _assignment(
    statement: cst.BaseStatement,
) -> tuple[tuple[str, ...], cst.BaseExpression] | None:
    """(names bound, value) of ``x = value``, ``a, b = value`` (see
    ``units.unpacked_names``) or a bare expression (no names)."""
    shape = _single_assign_or_expr(statement)
    if shape is not None:
        target, value = shape
        return ((target,) if target is not None else ()), value
    names = unpacked_names(statement)
    if names:
        small = single_small(statement)
        assert isinstance(small, cst.Assign)
        return names, small.value
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
