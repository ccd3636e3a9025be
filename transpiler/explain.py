"""``epic explain``: for every external call, what the plan does with it and why.

A reader of the facts and the plan (it decides nothing): each call is either *started
early* (a task, a call started ahead of its statement, a split loop's dispatch, a
gathered comprehension) or *awaited in place*, with the reason it could not start
sooner: ordered effects, a value it needs, a loop that runs iteration by iteration, a
condition, or simply nothing else to overlap with.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from transpiler.analysis.calls import UserCall
from transpiler.analysis.externals import Effect, ExternalCall
from transpiler.analysis.names import names_of
from transpiler.pipeline import Analysed
from transpiler.plan.types import Spawn, Task


@dataclass(frozen=True, slots=True)
class CallReport:
    """One external (or async) call and what happens to it."""

    line: int
    column: int
    call: str
    function: str
    early: bool
    how: str


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


def _task_futures(analysed: Analysed) -> dict[cst.BaseExpression, Task]:
    plan = analysed.plan
    tasks: dict[cst.BaseExpression, Task] = {}
    blocks = list(plan.blocks.values()) + [loop.retire for loop in plan.loops.values()]
    if plan.main is not None:
        blocks.append(plan.main.block)
    for block in blocks:
        for op in block.ops:
            if isinstance(op, Spawn) and op.task.call is not None:
                tasks[op.task.call] = op.task
    return tasks


def explain(analysed: Analysed) -> list[CallReport]:
    """What happens to every awaited call of the module, in source order."""
    analysis, plan = analysed.analysis, analysed.plan
    finder = _Context()
    analysed.module.visit(finder)
    spawned = _task_futures(analysed)
    loop_calls: dict[cst.BaseExpression, tuple[cst.For, str]] = {}
    conditional: set[cst.BaseExpression] = set()  # started only when their `if` holds
    for loop_node, loop in plan.loops.items():
        for op in loop.dispatch.ops:
            if isinstance(op, Spawn) and op.task.call is not None:
                loop_calls[op.task.call] = (loop_node, op.task.future)
        for extracted in loop.extracted:
            loop_calls[extracted.call] = (loop_node, extracted.future)
            if extracted.condition is not None:
                conditional.add(extracted.call)
        for memo in loop.memo:
            loop_calls[memo.call] = (loop_node, memo.started)
    gathered_elements = {
        comp.value if isinstance(comp, cst.DictComp) else comp.elt: comp
        for comp in analysis.gathered
    }

    reports: list[CallReport] = []
    for call, context in finder.context.items():
        if not analysis.is_awaited(call):
            continue
        position = analysis.calls.position(call)
        function = next(
            (n.name.value for n in reversed(context) if isinstance(n, cst.FunctionDef)),
            "<module>",
        )

        def report(early: bool, how: str) -> None:
            reports.append(
                CallReport(position.line, position.column, _label(call), function, early, how)
            )

        if call in gathered_elements:
            report(True, "every element of the comprehension starts at once (tasks.gather)")
            continue
        if call in loop_calls:
            loop_node, future = loop_calls[call]
            line = analysis.calls.position(loop_node).line
            pipeline = plan.pipelines.get(loop_node)
            if pipeline is not None:
                producer = analysis.calls.position(pipeline.producer).line
                report(
                    True, f"started for each element of `{pipeline.items}` (the loop at line "
                    f"{line}) as soon as the loop at line {producer} appends it "
                    f"(`{future}`), used in order"
                )
                continue
            when = " where its `if` condition holds" if call in conditional else ""
            report(
                True, f"started up front for every iteration of the loop at line {line}"
                f"{when} (`{future}`), used in iteration order"
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
        report(False, _why_in_place(call, context, analysed))
    return sorted(reports, key=lambda r: (r.line, r.column))


def _why_in_place(
    call: cst.Call, context: tuple[cst.CSTNode, ...], analysed: Analysed
) -> str:
    analysis, plan = analysed.analysis, analysed.plan
    effect = analysis.call_effect(call)
    target = analysis.calls.targets.get(call)
    name = _label(call)
    if isinstance(target, ExternalCall) and target.ordered:
        return f"kept in program order: `{name}` is declared ordered"
    if effect >= Effect.OUTPUT and not analysis.is_deferrable(call):
        what = "prints or logs" if effect == Effect.OUTPUT else "has effects epic cannot see"
        callee = name if isinstance(target, UserCall) else "it"
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
                names_of(node.test).reads & _awaited_before(call, context[: depth + 1], analysed)
            )
            if waits:
                listed = ", ".join(f"`{n}`" for n in waits)
                condition = cst.Module([]).code_for_node(node.test)
                return (
                    f"it runs only when `{condition}` holds, which needs {listed}, which an "
                    "earlier call produces"
                )
    for node in reversed(context):
        if isinstance(node, cst.While):
            return "in a `while` loop, which runs iteration by iteration"
        if isinstance(node, cst.For):
            reason = plan.loop_refusals.get(node)
            if reason is not None:
                return f"its loop runs iteration by iteration: {reason}"
        if isinstance(node, cst.FunctionDef):
            break
    needs = sorted(names_of(call).reads & _awaited_before(call, context, analysed))
    if needs:
        listed = ", ".join(f"`{n}`" for n in needs)
        return f"it needs {listed}, which an earlier call produces"
    return "awaited where it is: nothing else could run while it is pending"


def _awaited_before(
    call: cst.Call, context: tuple[cst.CSTNode, ...], analysed: Analysed
) -> set[str]:
    """Names bound, before the call's statement in its block, by statements that await."""
    statement = next(
        (n for n in reversed(context) if isinstance(n, cst.BaseStatement)), None
    )
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
        facts = analysed.analysis.statement_facts(earlier)
        if facts.awaits:
            names |= facts.names.binds
    return names


def render(path: str, reports: list[CallReport]) -> str:
    """The report as text, grouped by function."""
    if not reports:
        return f"{path}: no external calls\n"
    lines = [f"{path}:"]
    current = None
    for report in reports:
        if report.function != current:
            current = report.function
            lines.append(f"  in {current}:")
        marker = "early " if report.early else "inline"
        lines.append(f"    {report.line}:{report.column}  [{marker}] {report.call}: {report.how}")
    early = sum(r.early for r in reports)
    lines.append(
        f"{len(reports)} external call sites: {early} start early, "
        f"{len(reports) - early} are awaited in place"
    )
    return "\n".join(lines) + "\n"
