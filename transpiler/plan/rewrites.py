"""Call-level rewrite rules: what each call, comprehension, binding and block becomes.

The block scheduler (``schedule.py``) and the loop rules (``loops.py``,
``pipelining.py``) decide where statements and calls go; the rules here decide how the
pieces below the statement level are spelled, from the facts and those decisions. Each
rule fills one field of :class:`~transpiler.plan.types.Rewrites`; :func:`plan_rewrites`
runs them in order. ``emit/`` applies the records and decides nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import libcst as cst

from transpiler.analysis.calls import ProgramCall, UserCall, WrappedCall
from transpiler.analysis.effects import keyed_pair
from transpiler.analysis.externals import AsyncForm, ExternalCall
from transpiler.analysis.facts import Facts
from transpiler.plan.naming import Namer
from transpiler.plan.types import (
    AwaitedCall,
    BlockPlan,
    GatherKind,
    Imports,
    LoopPlan,
    MemoGuard,
    Rewrites,
    Spawn,
    Spelling,
    StartedTask,
)
from transpiler.syntax import all_names

_SPELLINGS = {
    AsyncForm.CLIENT: Spelling.CLIENT_TWIN,
    AsyncForm.LEGACY_OPENAI: Spelling.ACREATE,
    AsyncForm.SLEEP: Spelling.ASYNCIO_SLEEP,
    AsyncForm.THREAD: Spelling.TO_THREAD,
}


def await_calls(
    facts: Facts, blocks: Iterable[BlockPlan], loops: Mapping[cst.For, LoopPlan]
) -> dict[cst.Call, AwaitedCall]:
    """Every awaited call: how its awaitable form is spelled, and the future its place
    awaits when it was started earlier.

    Requirements: the call is awaited (an external call, or a call of an async script
    function); its spelling follows from what it is.
    Transformations: ``ask(q)`` -> ``await ask(q)``; ``client.chat.completions.create(
    ...)`` -> ``await epic.async_client(client).chat.completions.create(...)`` (the
    user's client stays sync for every other use); ``time.sleep(1)`` -> ``await
    asyncio.sleep(1)``; ``requests.get(u)`` -> ``await epic.to_thread(requests.get, u)``;
    a call a split loop or an early start began -> ``await ask_task``.
    Collaborations: runs after the scheduler and the loop rules, whose plans say which
    calls were started early (``ExtractedCall``, ``MemoCall``, in-place tasks).
    """
    blocks = list(blocks)
    started: dict[cst.CSTNode, StartedTask] = {}
    for loop in loops.values():
        for extracted in loop.extracted:
            started[extracted.call] = StartedTask(extracted.future)
    for loop in loops.values():
        for memo in loop.memo:
            started[memo.call] = StartedTask(memo.started, memo.key)
    for block in blocks:
        for op in block.ops:
            if isinstance(op, Spawn) and op.task.in_place and op.task.call is not None:
                started[op.task.call] = StartedTask(op.task.future)
    in_order = {
        call: region.name for block in blocks for region in block.in_order for call in region.calls
    }
    rewrites: dict[cst.Call, AwaitedCall] = {}
    for call, target in facts.calls.targets.items():
        if not facts.is_awaited(call):
            continue
        spelling = _SPELLINGS[target.form] if isinstance(target, ExternalCall) else Spelling.SAME
        assert isinstance(target, (ExternalCall, UserCall, ProgramCall, WrappedCall))
        depth = target.path_length if isinstance(target, ExternalCall) else 0
        replayed = isinstance(target, ExternalCall) and target.replays
        rewrites[call] = AwaitedCall(
            spelling, started.get(call), depth, replayed, in_order.get(call)
        )
    return rewrites


def gather_comprehensions(facts: Facts) -> dict[cst.BaseExpression, GatherKind]:
    """Comprehensions whose calls all start at once (analysis found them independent).

    Requirements: the element is one deferrable call and the rest is pure (see
    ``analysis/effects.py``, ``_GatheredFinder``).
    Transformations: ``[ask(q) for q in qs]`` -> ``await tasks.gather(ask(q) for q in
    qs)``; a set or dict comprehension is collected with ``set(...)`` / ``dict(...)``.
    Collaborations: the enclosing function gets a task scope (``plan_module``).
    """
    kinds: dict[cst.BaseExpression, GatherKind] = {}
    for comprehension in facts.gathered:
        if isinstance(comprehension, cst.ListComp):
            pairs = keyed_pair(comprehension.elt) is not None
            kinds[comprehension] = GatherKind.PAIRS if pairs else GatherKind.LIST
        elif isinstance(comprehension, cst.GeneratorExp):
            kinds[comprehension] = GatherKind.GENERATOR
        elif isinstance(comprehension, cst.SetComp):
            kinds[comprehension] = GatherKind.SET
        else:
            kinds[comprehension] = GatherKind.DICT
    return kinds


def memo_guards(
    facts: Facts, async_functions: frozenset[cst.FunctionDef]
) -> dict[cst.FunctionDef, MemoGuard]:
    """Memo functions whose calls may overlap, one computation per key at a time.

    Requirements: the function has the memo shape and qualifying effects (analysis),
    and it is async (a sync one never overlaps).
    Transformations: from ``if key in cache:`` on, the body runs under ``async with
    epic.single_flight(cache, key):``.
    Collaborations: none.
    """
    return {
        function: MemoGuard(shape.check, shape.cache, shape.key)
        for function, shape in facts.memo_functions.items()
        if function in async_functions
    }


class _StartsTasks(cst.CSTVisitor):
    def __init__(
        self,
        blocks: Mapping[cst.IndentedBlock, BlockPlan],
        loops: Mapping[cst.For, LoopPlan],
        gathered: Mapping[cst.BaseExpression, GatherKind],
    ) -> None:
        self.blocks = blocks
        self.loops = loops
        self.gathered = gathered
        self.found = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # its own scope

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.IndentedBlock):
            plan = self.blocks.get(node)
            self.found = self.found or (plan is not None and plan.spawns)
        self.found = self.found or node in self.loops or node in self.gathered
        return super().on_visit(node)


class _GuardedBodies(cst.CSTVisitor):
    def __init__(self, starts_tasks: _StartsTasks, names: Namer) -> None:
        self.starts_tasks = starts_tasks
        self.names = names
        self.scopes: dict[cst.IndentedBlock, str] = {}

    def visit_Try(self, node: cst.Try) -> None:
        self._guard(node.body)

    def visit_With(self, node: cst.With) -> None:
        if node.asynchronous is None:
            self._guard(node.body)

    def _guard(self, body: cst.BaseSuite) -> None:
        if not isinstance(body, cst.IndentedBlock):
            return
        self.starts_tasks.found = False
        body.visit(self.starts_tasks)
        if self.starts_tasks.found:
            self.scopes[body] = self.names.fresh("inner_tasks")


def inner_scopes(
    module: cst.Module,
    blocks: Mapping[cst.IndentedBlock, BlockPlan],
    loops: Mapping[cst.For, LoopPlan],
    gathered: Mapping[cst.BaseExpression, GatherKind],
) -> dict[cst.IndentedBlock, str]:
    """``try``/``with`` bodies that start tasks, with the name of their own scope.

    Requirements: the body (not nested functions) spawns a task, splits a loop or
    gathers a comprehension.
    Transformations: the body runs in ``async with epic.scope() as inner_tasks:``, so
    when an exception leaves it (to be handled, or suppressed), the tasks it started
    and did not await are cancelled there, as the sequential program never made those
    calls, instead of surfacing later.
    Collaborations: after the block and loop plans, which say what starts tasks.
    """
    guarded = _GuardedBodies(_StartsTasks(blocks, loops, gathered), Namer(all_names(module)))
    module.visit(guarded)
    return guarded.scopes


def async_caches(
    facts: Facts, async_functions: frozenset[cst.FunctionDef]
) -> frozenset[cst.Decorator]:
    """Unbounded caches of functions that become async.

    Requirements: ``@functools.cache`` or ``@functools.lru_cache(maxsize=None)`` on an
    async function (analysis let the decorator through, see ``calls.py``).
    Transformations: the decorator becomes ``@epic.cache``: one computation per
    arguments at a time, the same hits and misses; ``functools`` may be left unused.
    Collaborations: ``plan_module`` imports the shim when there is one.
    """
    return frozenset(
        d for f in async_functions for d in f.decorators if d in facts.calls.cache_decorators
    )


def redirects(facts: Facts) -> frozenset[cst.Call]:
    """Redirected output.

    Requirements: ``with contextlib.redirect_stdout(out):`` around a body that awaits
    nothing (any other use keeps the file sequential, see ``analysis/support.py``).
    Transformations: ``epic.redirect_stdout(out)``: the body's text goes to ``out``,
    and the text of blocking calls running meanwhile on threads does not.
    Collaborations: ``plan_module`` imports the shim when there is one.
    """
    return facts.calls.redirects


def needed_imports(
    calls: Mapping[cst.Call, AwaitedCall],
    epic: str,
    uses_epic: bool,
    caches: frozenset[cst.Decorator] = frozenset(),
    redirected: frozenset[cst.Call] = frozenset(),
) -> Imports:
    """``asyncio`` when a sleep became ``asyncio.sleep``, the shim when the output uses
    it, and the names of ``time`` imports a rewritten sleep may have left unused.

    Requirements / Transformations: ``import asyncio`` and ``import runtime_shim as
    epic`` after the module's own imports; ``import time`` dropped when nothing uses it.
    Collaborations: after :func:`await_calls`.
    """
    sleeps = [call for call, rewrite in calls.items() if rewrite.spelling is Spelling.ASYNCIO_SLEEP]
    maybe_unused: set[str] = set()
    for call in sleeps:
        # ``time`` (or ``t`` of ``import time as t``, or ``sleep`` of ``from time
        # import sleep``) may now be unused.
        func = call.func.value if isinstance(call.func, cst.Attribute) else call.func
        if isinstance(func, cst.Name):
            maybe_unused.add(func.value)
    for decorator in caches:
        # ``functools`` (or ``cache`` of ``from functools import cache``).
        expression = decorator.decorator
        expression = expression.func if isinstance(expression, cst.Call) else expression
        if isinstance(expression, cst.Attribute):
            expression = expression.value
        if isinstance(expression, cst.Name):
            maybe_unused.add(expression.value)
    for call in redirected:
        # ``contextlib`` (or ``redirect_stdout`` of ``from contextlib import ...``).
        func = call.func.value if isinstance(call.func, cst.Attribute) else call.func
        if isinstance(func, cst.Name):
            maybe_unused.add(func.value)
    return Imports(bool(sleeps), epic if uses_epic else None, frozenset(maybe_unused))


def plan_rewrites(
    module: cst.Module,
    facts: Facts,
    *,
    blocks: Iterable[BlockPlan],
    indented: Mapping[cst.IndentedBlock, BlockPlan],
    loops: Mapping[cst.For, LoopPlan],
    async_functions: frozenset[cst.FunctionDef],
    epic: str,
    uses_epic: bool,
) -> Rewrites:
    """Run the call-level rules in order (each docstring says what it needs)."""
    blocks = list(blocks)
    calls = await_calls(facts, blocks, loops)
    gathers = gather_comprehensions(facts)
    caches = async_caches(facts, async_functions)
    redirected = redirects(facts)
    return Rewrites(
        calls=calls,
        gathers=gathers,
        short_circuits=dict(facts.short_circuits),
        counter_additions=dict(facts.counters.additions),
        sink_appends=dict(facts.counters.appends),
        in_order_prints={
            call: region.name
            for block in blocks
            for region in block.in_order
            for call in region.prints
        },
        memo_guards=memo_guards(facts, async_functions),
        async_loops=facts.calls.stream_loops,
        inner_scopes=inner_scopes(module, indented, loops, gathers),
        caches=caches,
        redirects=redirected,
        imports=needed_imports(
            calls, epic, uses_epic or bool(caches) or bool(redirected), caches, redirected
        ),
    )
