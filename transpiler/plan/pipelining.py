"""Pipelining between loops: a split loop over a list that an earlier loop fills.

In a Tree-of-Thoughts level, one loop builds the candidates and the next scores them::

    candidates = []
    for state in frontier:
        candidates.append(extend(state, propose(state)))   # producer
    scores = []
    for candidate in candidates:                           # consumer (split)
        scores.append(value(candidate))

Split on its own, the consumer's dispatch loop starts once the producer has retired
every proposal. Pipelined, each candidate's ``value`` call starts as soon as the producer
appends it: the consumer's dispatch part (its first loop's body) moves to just after
the ``append``, in the producer's retire loop, and its retire loop stays where the
consumer stood::

    for state, propose_task in propose_tasks:
        candidate = extend(state, await propose_task)
        candidates.append(candidate)
        value_task = tasks.spawn(value(candidate))
        value_tasks.append((candidate, value_task))
    scores = []
    for candidate, value_task in value_tasks:
        scores.append(await value_task)

The consumer dispatches the same elements in the same order with the same inputs, so
this only moves the starts of its calls earlier, which rule 2 allows: nothing it reads
can change between the ``append`` and the consumer's place, and nothing there can
observe what it starts. Requirements, checked here:

* the list is bound to ``[]`` in the same block, and from there to the consumer it is
  changed only by one ``L.append(x)`` statement in the producer (so the consumer
  iterates exactly over what that statement appends, in that order); it may be read;
* the producer is a split ``for`` loop with no ``return``/``yield`` (which would skip
  the consumer), no effect epic cannot see, and no mutation but the append (an element
  the consumer already received could otherwise change before the consumer's place);
* the statements between the two loops leave no path around the consumer, mutate
  nothing and have no opaque effect;
* neither the producer nor those statements change what the consumer's dispatch reads,
  use the names it binds (its loop variable becomes bound at the ``append``) or use a
  memo cache its calls fill; the dispatch reads the list only as its iterable.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from transpiler.analysis.externals import Effect
from transpiler.analysis.facts import Facts
from transpiler.analysis.names import names_of
from transpiler.plan.loops import dispatch_names, transfers_control
from transpiler.plan.types import LoopPlan, Pipelining
from transpiler.syntax import appended_value


class _Appends(cst.CSTVisitor):
    def __init__(self, items: str) -> None:
        self.items = items
        self.found: list[cst.SimpleStatementLine] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> bool:
        if appended_value(node, self.items) is not None:
            self.found.append(node)
        return False


def _single_append(loop: cst.For, items: str) -> cst.SimpleStatementLine | None:
    """The one ``items.append(x)`` statement through which ``items`` changes in the
    loop (its own code, not a nested function's; the loop may read it elsewhere)."""
    finder = _Appends(items)
    loop.visit(finder)
    if len(finder.found) != 1:
        return None
    rest = loop.deep_replace(finder.found[0], cst.SimpleStatementLine([cst.Pass()]))
    return finder.found[0] if items not in names_of(rest).writes else None


def _is_empty_list(statement: cst.BaseStatement, items: str) -> bool:
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return False
    small = statement.body[0]
    return (
        isinstance(small, cst.Assign)
        and len(small.targets) == 1
        and isinstance(small.targets[0].target, cst.Name)
        and small.targets[0].target.value == items
        and isinstance(small.value, cst.List)
        and not small.value.elements
    )


def plan_pipelines(
    statements: Sequence[cst.BaseStatement],
    loops: dict[cst.For, LoopPlan],
    analysis: Facts,
) -> dict[cst.For, Pipelining]:
    """The consumer loops of one block whose dispatch runs in a producer loop."""
    pipelines: dict[cst.For, Pipelining] = {}
    producers: set[cst.For] = set()
    for j, consumer in enumerate(statements):
        if not isinstance(consumer, cst.For) or consumer not in loops:
            continue
        if not isinstance(consumer.iter, cst.Name) or not isinstance(consumer.target, cst.Name):
            continue
        items = consumer.iter.value
        found = _producer(statements, j, items, loops, analysis)
        if found is not None and found not in producers:
            producers.add(found)  # one consumer per producer: the first
            pipelines[consumer] = Pipelining(found, items)
    return pipelines


def _producer(
    statements: Sequence[cst.BaseStatement],
    j: int,
    items: str,
    loops: dict[cst.For, LoopPlan],
    analysis: Facts,
) -> cst.For | None:
    consumer = statements[j]
    assert isinstance(consumer, cst.For)
    reads, binds, commuting = dispatch_names(consumer, loops[consumer], analysis)
    if items in reads:
        return None  # the dispatch reads the list itself, complete only at its place
    # Back from the consumer to the producer.
    append: cst.SimpleStatementLine | None = None
    for i in range(j - 1, -1, -1):
        statement = statements[i]
        if isinstance(statement, cst.For) and statement in loops:
            append = _single_append(statement, items)
            if append is not None:
                break
        if items in analysis.statement_facts(statement).names.writes:
            return None
    else:
        return None
    producer = statements[i]
    assert isinstance(producer, cst.For) and isinstance(consumer.target, cst.Name)
    target = consumer.target.value
    appended = appended_value(append, items)
    if isinstance(appended, cst.Name) and appended.value == target:
        # ``items.append(target)``: the loop variable already holds the element there,
        # and the dispatch leaves it as it is (the producer may use it freely).
        reads, binds = reads - {target}, binds - {target}

    def clashes(statement: cst.BaseStatement) -> bool:
        facts = analysis.statement_facts(statement)
        names = facts.names
        return bool(
            names.writes & reads
            or (names.reads | names.writes | facts.commuting) & (binds | commuting)
        )

    for statement in statements[i + 1 : j]:
        facts = analysis.statement_facts(statement)
        if (
            facts.transfers_control
            or facts.effect >= Effect.UNKNOWN
            or facts.names.mutates
            or clashes(statement)
        ):
            return None
    facts = analysis.statement_facts(producer)
    if (
        transfers_control(producer, (cst.Return, cst.Yield))
        or facts.effect >= Effect.UNKNOWN
        or facts.names.mutates - {items}
        or clashes(producer)
    ):
        return None
    # Before the producer: the list starts empty, and nothing else touches it.
    for k in range(i - 1, -1, -1):
        if _is_empty_list(statements[k], items):
            return producer
        if items in analysis.statement_facts(statements[k]).names.writes:
            return None
    return None
