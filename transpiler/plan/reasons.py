"""Reasons, recorded with the plan: what happens to every awaited call and why, and
which statements keep the calls around them in program order.

``epic explain`` and the ``[kept-in-order]`` notes render these records; they work
nothing out themselves. Each call is either *started early* (a task, a call started
ahead of its statement, a split loop's dispatch, a gathered comprehension) or
*awaited in place*, with the reason it could not start sooner: ordered effects, a
value it needs, a loop that runs iteration by iteration, a condition, or simply
nothing else to overlap with. A statement whose effect epic cannot see (a callee it
does not know, ``eval``/``exec``, a function that changes a global or an object it was
given) is a barrier: no call moves across it; when it stands between awaited calls of
the same block, the record names the call that makes it one, and why.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from transpiler.analysis.calls import KnownCall, Position, ProgramCall, UserCall
from transpiler.analysis.effects import WORLD, gathered_call
from transpiler.analysis.externals import AsyncForm, Effect, ExternalCall
from transpiler.analysis.facts import Facts
from transpiler.analysis.names import names_of, param_names
from transpiler.plan.types import (
    CallDecision,
    KeptInOrder,
    KeptLoop,
    ModulePlan,
    Spawn,
    Task,
    UnpacedSleep,
)


class _Context(cst.CSTVisitor):
    """For every call: its enclosing function, statement, loops and conditions."""

    def __init__(self) -> None:
        self.stack: list[cst.CSTNode] = []
        self.context: dict[cst.Call, tuple[cst.CSTNode, ...]] = {}

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.Call):
            self.context[node] = tuple(self.stack)
        self.stack.append(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.stack.pop()


def _label(call: cst.Call) -> str:
    code = cst.Module([]).code_for_node(call.func)
    return f"{code}(...)" if call.args else f"{code}()"


def _task_futures(plan: ModulePlan) -> dict[cst.BaseExpression, Task]:
    tasks: dict[cst.BaseExpression, Task] = {}
    blocks = list(plan.blocks.values()) + [loop.retire for loop in plan.loops.values()]
    if plan.main is not None:
        blocks.append(plan.main.block)
    for block in blocks:
        for op in block.ops:
            if isinstance(op, Spawn) and op.task.call is not None:
                tasks[op.task.call] = op.task
    return tasks


def loop_started_calls(plan: ModulePlan) -> dict[cst.BaseExpression, tuple[cst.For, str]]:
    """The calls the first loop of a split loop starts, each with its loop and the
    future its place awaits."""
    found: dict[cst.BaseExpression, tuple[cst.For, str]] = {}
    for loop_node, loop in plan.loops.items():
        for op in loop.dispatch.ops:
            if isinstance(op, Spawn) and op.task.call is not None:
                found[op.task.call] = (loop_node, op.task.future)
        for extracted in loop.extracted:
            found[extracted.call] = (loop_node, extracted.future)
        for memo in loop.memo:
            found[memo.call] = (loop_node, memo.started)
    return found


def call_decisions(
    module: cst.Module, analysis: Facts, plan: ModulePlan
) -> tuple[CallDecision, ...]:
    """What happens to every awaited call of the module, in source order."""
    finder = _Context()
    module.visit(finder)
    spawned = _task_futures(plan)
    loop_calls = loop_started_calls(plan)
    conditional = {  # started only when their `if` holds
        e.call for loop in plan.loops.values() for e in loop.extracted if e.condition is not None
    }
    gathered_elements = {gathered_call(comp): comp for comp in analysis.gathered}
    in_order = _in_order_calls(plan)

    reports: list[CallDecision] = []
    for call, context in finder.context.items():
        if not analysis.is_awaited(call):
            continue
        position = analysis.calls.position(call)
        function = next(
            (n.name.value for n in reversed(context) if isinstance(n, cst.FunctionDef)),
            "<module>",
        )

        def report(
            early: bool,
            how: str,
            position: Position = position,
            call: cst.Call = call,
            function: str = function,
        ) -> None:
            reports.append(
                CallDecision(position.line, position.column, _label(call), function, early, how)
            )

        if call in gathered_elements:
            report(True, "every element of the comprehension starts at once (tasks.gather)")
            continue
        if call in in_order:
            report(
                True,
                "started where the code reaches it, while the code goes on; its output "
                f"and errors come in program order (`{in_order[call]}`)",
            )
            continue
        if call in loop_calls:
            loop_node, future = loop_calls[call]
            line = analysis.calls.position(loop_node).line
            pipeline = plan.pipelines.get(loop_node)
            if pipeline is not None:
                producer = analysis.calls.position(pipeline.producer).line
                what, done = (
                    ("element", "appends it")
                    if pipeline.lines is None
                    else ("line", "has added its end")
                )
                report(
                    True,
                    f"started for each {what} of `{pipeline.items}` (the loop at line "
                    f"{line}) as soon as the loop at line {producer} {done} "
                    f"(`{future}`), used in order",
                )
                continue
            when = " where its `if` condition holds" if call in conditional else ""
            report(
                True,
                f"started up front for every iteration of the loop at line {line}"
                f"{when} (`{future}`), used in iteration order",
            )
            continue
        task = spawned.get(call)
        if task is not None:
            how = f"started early as `{task.future}`"
            if task.in_place:
                how += ", awaited in place"
            if task.deps:
                how += " (as soon as the values it needs exist)"
            report(True, how)
            continue
        report(False, _why_in_place(call, context, analysis, plan))
    return tuple(sorted(reports, key=lambda r: (r.line, r.column)))


def _why_in_place(
    call: cst.Call, context: tuple[cst.CSTNode, ...], analysis: Facts, plan: ModulePlan
) -> str:
    effect = analysis.call_effect(call)
    target = analysis.calls.targets.get(call)
    name = _label(call)
    if isinstance(target, ExternalCall) and target.ordered:
        return f"kept in program order: `{name}` is declared ordered"
    if effect >= Effect.OUTPUT and not analysis.is_deferrable(call):
        what = "prints or logs" if effect == Effect.OUTPUT else "has effects epic cannot see"
        if isinstance(target, UserCall):
            summary = analysis.summaries.get(target.function)
            if summary is not None and summary.ordered_because is not None:
                what = summary.ordered_because
            elif effect >= Effect.UNKNOWN:
                what = _why_function(target.function, analysis)
        if isinstance(target, ProgramCall) and target.function.ordered_because is not None:
            what = target.function.ordered_because
        callee = name if isinstance(target, UserCall | ProgramCall) else "it"
        return f"kept in program order: {callee} {what}, so it cannot move ahead"
    short_circuit = {call.args[0].value: name for call, name in analysis.short_circuits.items()}
    for node in reversed(context):
        if isinstance(node, cst.GeneratorExp) and node in short_circuit:
            return (
                f"in `{short_circuit[node]}(...)`, which stops at the deciding element: its "
                "calls run one at a time, in order (no call the original would not make)"
            )
    for node in reversed(context):
        if isinstance(node, cst.BaseStatement):
            break  # conditions inside the call's own statement
        if isinstance(node, (cst.IfExp, cst.BooleanOperation)):
            return "it only runs when a condition holds, so it starts once that is known"
    for depth in range(len(context) - 1, -1, -1):
        node = context[depth]
        if isinstance(node, cst.FunctionDef):
            break
        if isinstance(node, cst.If):
            waits = sorted(
                names_of(node.test).reads & _awaited_before(call, context[: depth + 1], analysis)
            )
            if waits:
                listed = listed_names(waits)
                condition = cst.Module([]).code_for_node(node.test)
                return (
                    f"it runs only when `{condition}` holds, which needs {listed}, which an "
                    "earlier call produces"
                )
    for node in reversed(context):
        if isinstance(node, cst.While):
            return "in a `while` loop, which runs iteration by iteration"
        if isinstance(node, cst.For):
            refusal = plan.loop_refusals.get(node)
            if refusal is not None:
                return f"its loop runs iteration by iteration: {refusal.reason}"
        if isinstance(node, cst.FunctionDef):
            break
    needs = sorted(names_of(call).reads & _awaited_before(call, context, analysis))
    if needs:
        listed = listed_names(needs)
        return f"it needs {listed}, which an earlier call produces"
    return "awaited where it is: nothing else could run while it is pending"


def _awaited_before(call: cst.Call, context: tuple[cst.CSTNode, ...], analysis: Facts) -> set[str]:
    """Names bound, before the call's statement in its block, by statements that await."""
    statement = next((n for n in reversed(context) if isinstance(n, cst.BaseStatement)), None)
    block = next(
        (n for n in reversed(context) if isinstance(n, (cst.IndentedBlock, cst.Module))),
        None,
    )
    if statement is None or block is None:
        return set()
    names: set[str] = set()
    for earlier in block.body:
        if earlier is statement:
            break
        facts = analysis.statement_facts(earlier)
        if facts.awaits:
            names |= facts.names.binds
    return names


#: Builtins that run or reach code and names epic cannot see.
DYNAMIC = {
    "eval": "runs code given as a string",
    "exec": "runs code given as a string",
    "compile": "compiles code given as a string",
    "getattr": "reads an attribute chosen at run time",
    "setattr": "sets an attribute chosen at run time",
    "delattr": "deletes an attribute chosen at run time",
    "globals": "exposes the module's names to change",
    "locals": "exposes the function's names",
    "vars": "exposes an object's names to change",
    "__import__": "imports a module chosen at run time",
}


def barriers(
    module: cst.Module, analysis: Facts, async_functions: frozenset[cst.FunctionDef]
) -> tuple[KeptInOrder, ...]:
    """Each barrier statement with awaited calls both before and after it in its block
    (in async functions and in module-level script code), by position."""
    finder = _Blocks(async_functions)
    module.visit(finder)
    found: list[KeptInOrder] = []
    for statements in finder.blocks:
        found.extend(_block_barriers(statements, analysis))
    return tuple(sorted(found, key=lambda k: (k.line, k.column)))


class _Blocks(cst.CSTVisitor):
    """Statement lists of the module and of the async functions' bodies (nested blocks
    included), not of other functions."""

    def __init__(self, async_functions: frozenset[cst.FunctionDef]) -> None:
        self.async_functions = async_functions
        self.blocks: list[Sequence[cst.BaseStatement]] = []

    def visit_Module(self, node: cst.Module) -> None:
        self.blocks.append(node.body)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return node in self.async_functions

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return True

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.blocks.append(node.body)


def _block_barriers(statements: Sequence[cst.BaseStatement], analysis: Facts) -> list[KeptInOrder]:
    awaits = [
        not isinstance(s, (cst.FunctionDef, cst.ClassDef)) and analysis.statement_facts(s).awaits
        for s in statements
    ]
    notes = []
    for index, statement in enumerate(statements):
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        facts = analysis.statement_facts(statement)
        if facts.effect < Effect.UNKNOWN:
            continue
        if not (any(awaits[:index]) and any(awaits[index + 1 :])):
            continue
        found = unknown_effect(statement, analysis)
        if found is None:
            continue
        call, why = found
        position = analysis.calls.positions.get(call)
        if position is None:
            continue
        notes.append(KeptInOrder(position.line, position.column, why))
    return notes


def _in_order_calls(plan: ModulePlan) -> dict[cst.Call, str]:
    """The calls started in in-order blocks, with the block's name."""
    blocks = [*plan.blocks.values(), *([plan.main.block] if plan.main is not None else [])]
    return {
        call: region.name for block in blocks for region in block.in_order for call in region.calls
    }


def kept_loops(analysis: Facts, plan: ModulePlan) -> tuple[KeptLoop, ...]:
    """Each loop that awaits calls and runs iteration by iteration, with the line of
    the statement, call or clause that keeps it so (not when every call it awaits is
    started in an in-order block)."""
    found: list[KeptLoop] = []
    in_order = _in_order_calls(plan)
    for loop, refusal in plan.loop_refusals.items():
        awaited = [call for call in calls_in(loop.body) if analysis.is_awaited(call)]
        if not awaited or all(call in in_order for call in awaited):
            continue
        position = analysis.calls.positions.get(loop)
        if position is None:
            continue
        at = _first_position(refusal.at, analysis) if refusal.at is not None else None
        code = cst.Module([]).code_for_node
        header = f"for {code(loop.target)} in {code(loop.iter)}:"
        found.append(
            KeptLoop(
                position.line,
                position.column,
                header,
                refusal.reason,
                at.line if at is not None else position.line,
            )
        )
    return tuple(sorted(found, key=lambda k: (k.line, k.column)))


def _first_position(node: cst.CSTNode, analysis: Facts) -> Position | None:
    """The recorded position of ``node``, or of the first node inside it that has one."""
    positions = analysis.calls.positions
    if node in positions:
        return positions[node]
    found: list[Position] = []

    class First(cst.CSTVisitor):
        def on_visit(self, inner: cst.CSTNode) -> bool:
            if found:
                return False
            if inner in positions:
                found.append(positions[inner])
                return False
            return True

    node.visit(First())
    return found[0] if found else None


def unpaced_sleeps(analysis: Facts, plan: ModulePlan) -> tuple[UnpacedSleep, ...]:
    """The sleeps in loops whose iterations the plan overlaps (split loops and gathered
    comprehensions) that also make other awaited calls: a sequential script's
    ``time.sleep`` between requests paces them, which overlapping iterations undo."""
    loops: list[cst.CSTNode] = [*plan.loops, *plan.rewrites.gathers]
    found: dict[cst.Call, UnpacedSleep] = {}
    for loop in loops:
        calls = calls_in(loop)
        sleeps = [call for call in calls if analysis.sleeps(call)]
        requests = [
            call for call in calls if analysis.is_awaited(call) and not _is_sleep(call, analysis)
        ]
        if not (sleeps and requests):
            continue
        for call in sleeps:
            position = analysis.calls.positions.get(call)
            if position is not None and call not in found:
                found[call] = UnpacedSleep(
                    position.line, position.column, _label(call), not _is_sleep(call, analysis)
                )
    return tuple(sorted(found.values(), key=lambda u: (u.line, u.column)))


def _is_sleep(call: cst.Call, analysis: Facts) -> bool:
    """A sleep itself (not a function that also sleeps)."""
    target = analysis.calls.targets.get(call)
    return isinstance(target, ExternalCall) and target.form is AsyncForm.SLEEP


def listed_names(names: Sequence[str]) -> str:
    """Names for a note: ```a`, `b```; the world (``effects.WORLD``) in words."""
    return ", ".join(
        "files or other state outside the program" if n == WORLD else f"`{n}`" for n in names
    )


def calls_in(node: cst.CSTNode) -> list[cst.Call]:
    """The calls in ``node``, in source order, not inside lambdas (the code that runs
    when ``node`` does, less what it only defines)."""
    calls: list[cst.Call] = []

    class Calls(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            calls.append(node)

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return False

        def visit_ClassDef(self, node: cst.ClassDef) -> bool:
            return False

    node.visit(Calls())
    return calls


def unknown_effect(statement: cst.CSTNode, analysis: Facts) -> tuple[cst.Call, str] | None:
    """The first call of unknown effect in the statement, and why it is one."""
    for call in calls_in(statement):
        if analysis.call_effect(call) < Effect.UNKNOWN:
            continue
        name = cst.Module([]).code_for_node(call.func)
        target = analysis.calls.targets.get(call)
        if target is None:
            if call in analysis.calls.unfollowed_streams:
                return call, (
                    f"`{name}(...)` streams its reply to code epic does not follow (a helper, "
                    "`list`, `join`, ...): it runs as written, in place"
                )
            if name in DYNAMIC:
                return call, f"`{name}` {DYNAMIC[name]}, which epic cannot follow"
            return call, f"`{name}(...)` is a call epic does not know the effects of"
        if isinstance(target, UserCall):
            return call, f"`{name}(...)` {_why_function(target.function, analysis)}"
        if isinstance(target, KnownCall):
            return call, f"`{name}(...)` has effects epic cannot see"
    return None


def _why_function(function: cst.FunctionDef, analysis: Facts) -> str:
    use = names_of(function.body)
    params = frozenset(param_names(function.params))
    declared = {n.name.value for g in _globals_of(function) for n in g.names}
    local = (use.binds | params) - declared
    changed = sorted((use.mutates - (local - params)) | (declared & use.binds))
    if changed:
        shown = ", ".join(f"`{n}`" for n in changed)
        return f"changes {shown}, which it does not own (a global, or an object it was given)"
    for call in calls_in(function.body):
        if analysis.call_effect(call) >= Effect.UNKNOWN:
            return f"calls `{_label(call)}`, whose effects epic does not know"
    return "calls code whose effects epic does not know"


def _globals_of(function: cst.FunctionDef) -> list[cst.Global]:
    found: list[cst.Global] = []

    class Globals(cst.CSTVisitor):
        def visit_Global(self, node: cst.Global) -> None:
            found.append(node)

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is function

    function.visit(Globals())
    return found
