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

**Lines of accumulated text.** The same holds for a consumer over the lines of a string
that the producer builds piece by piece, typically the text of a streamed reply::

    answer = ""
    for chunk in stream:                         # producer (not split: ``async for``)
        answer += chunk.choices[0].delta.content or ""
    for line in answer.splitlines():             # consumer (split)
        verdicts.append(check(line))

becomes, with ``lines = epic.line_splitter(splitlines=True)``::

    async for chunk in stream:
        answer += chunk.choices[0].delta.content or ""
        for line in lines.feed(answer):          # the lines this piece completed
            check_task = tasks.spawn(check(line))
            check_tasks.append((line, check_task))
    for line in lines.end():                     # the last line, at the end
        ...                                      # (the same dispatch)

so each line's calls start while the stream goes on. ``feed`` and ``end`` together
return exactly ``answer.splitlines()`` (or ``split("\\n")``) of the text at the
consumer's place (``runtime_shim.LineSplitter``), because there the text is what the
producer accumulated: it starts as ``""`` in the same block, and from there to the
consumer it changes only by one ``answer += x`` statement in the producer (a ``str``
plus anything but a ``str`` raises before the feed). The other requirements are those
above, with ``answer`` for the list; the producer may be any ``for`` loop (a stream's,
split or not), and a ``break`` in it is fine: the lines are those of the text so far.
The consumer may also be a gathered list comprehension over the lines with no
condition (``verdicts = [check(line) for line in answer.splitlines()]``): its elements
start in the producer, in a comprehension of their own, and the comprehension
only gathers them.

**A comprehension in between.** A split loop over a list bound last by a pure
comprehension over the lines (``claims = [f(line) for line in answer.splitlines() if
...]``, then ``for claim in claims:``) is pipelined through it: the producer computes
the comprehension line by line (``epic.ahead``, which keeps its first error for its
place) and runs the loop's dispatch for each element; the comprehension's place takes
its value. Its element and conditions count as dispatch reads (they run early too).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst

from transpiler.analysis.externals import Effect
from transpiler.analysis.facts import Facts
from transpiler.analysis.names import names_of
from transpiler.plan.loops import dispatch_names, transfers_control
from transpiler.plan.naming import Namer
from transpiler.plan.types import LineSource, LineStage, LoopPlan, Pipelining
from transpiler.syntax import accumulated_value, appended_value, assignment, split_lines_of


class _Fills(cst.CSTVisitor):
    """The statements that fill ``name`` (``filled(statement, name)`` is not None), in
    the loop's own code, not a nested function's or class's."""

    def __init__(
        self, name: str, filled: Callable[[cst.CSTNode, str], cst.BaseExpression | None]
    ) -> None:
        self.name = name
        self.filled = filled
        self.found: list[cst.SimpleStatementLine] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> bool:
        if self.filled(node, self.name) is not None:
            self.found.append(node)
        return False


def _single_fill(
    loop: cst.For, name: str, filled: Callable[[cst.CSTNode, str], cst.BaseExpression | None]
) -> cst.SimpleStatementLine | None:
    """The one statement through which ``name`` changes in the loop, if it is one that
    ``filled`` recognises (the loop may read ``name`` elsewhere)."""
    finder = _Fills(name, filled)
    loop.visit(finder)
    if len(finder.found) != 1:
        return None
    rest = loop.deep_replace(finder.found[0], cst.SimpleStatementLine([cst.Pass()]))
    return finder.found[0] if name not in names_of(rest).writes else None


def _single_append(loop: cst.For, items: str) -> cst.SimpleStatementLine | None:
    """The one ``items.append(x)`` statement through which ``items`` changes."""
    return _single_fill(loop, items, appended_value)


def _single_accumulation(loop: cst.For, text: str) -> cst.SimpleStatementLine | None:
    """The one ``text += x`` statement through which ``text`` changes."""
    return _single_fill(loop, text, accumulated_value)


def _assigned_value(statement: cst.BaseStatement, name: str) -> cst.BaseExpression | None:
    """``x`` for the statement ``name = x``."""
    bound = assignment(statement)
    return bound[1] if bound is not None and bound[0] == name else None


def _is_empty_string(statement: cst.BaseStatement, text: str) -> bool:
    value = _assigned_value(statement, text)
    return isinstance(value, cst.SimpleString) and value.evaluated_value == ""


def _is_empty_list(statement: cst.BaseStatement, items: str) -> bool:
    value = _assigned_value(statement, items)
    return isinstance(value, cst.List) and not value.elements


def plan_pipelines(
    statements: Sequence[cst.BaseStatement],
    loops: dict[cst.For, LoopPlan],
    analysis: Facts,
    names: Namer,
) -> dict[cst.CSTNode, Pipelining]:
    """The consumers of one block (split loops, and gathered list comprehensions over
    lines) whose dispatch runs in a producer loop."""
    pipelines: dict[cst.CSTNode, Pipelining] = {}
    producers: set[cst.For] = set()
    for j, statement in enumerate(statements):
        found = _consumer(statement, loops, analysis)
        if found is None:
            continue
        consumer, items, lines, (reads, binds, commuting) = found
        fill, starts_empty = (
            (_single_append, _is_empty_list)
            if lines is None
            else (_single_accumulation, _is_empty_string)
        )
        producer = _producer(
            statements, j, items, (reads, binds, commuting), loops, analysis, fill, starts_empty
        )
        if producer is None and lines is None:
            staged = _staged_producer(
                statements, j, items, (reads, binds, commuting), loops, analysis
            )
            if staged is not None and staged[0] not in producers:
                producer, text, comprehension, (splitlines, keepends) = staged
                producers.add(producer)
                variable = comprehension.for_in.target
                assert isinstance(variable, cst.Name)
                stage = LineStage(
                    comprehension,
                    names.fresh(f"{items}_ahead"),
                    _parameter(comprehension),
                    names.fresh(variable.value),
                )
                staged_lines = LineSource(
                    splitlines, keepends, names.fresh(f"lines_of_{text}"), stage=stage
                )
                pipelines[consumer] = Pipelining(producer, text, staged_lines)
            continue
        if producer is None or producer in producers:
            continue
        producers.add(producer)  # one consumer per producer: the first
        source = None
        if lines is not None:
            splitlines, keepends = lines
            pending = (
                names.fresh(f"{items}_line_tasks") if isinstance(consumer, cst.ListComp) else None
            )
            source = LineSource(splitlines, keepends, names.fresh(f"lines_of_{items}"), pending)
        pipelines[consumer] = Pipelining(producer, items, source)
    return pipelines


def _staged_producer(
    statements: Sequence[cst.BaseStatement],
    j: int,
    items: str,
    dispatch: _Names,
    loops: dict[cst.For, LoopPlan],
    analysis: Facts,
) -> tuple[cst.For, str, cst.ListComp, tuple[bool, bool]] | None:
    """``(producer, text, comprehension, (splitlines, keepends))`` when the list the
    split loop ``statements[j]`` iterates over is bound last by a pure comprehension
    over the lines of accumulated text (``claims = [f(line) for line in
    answer.splitlines() if ...]``: one ``for`` over a plain name, no ``await``, nothing
    it does is observable), and the text comes from a producer as for a line consumer:
    the comprehension is then computed line by line in the producer (its error kept for
    its place) and each element's dispatch starts there. Its element and conditions
    count as dispatch reads (they run early too); the list changes nowhere between the
    comprehension and the loop."""
    reads, binds, commuting = dispatch
    if items in reads:
        return None
    for k in range(j - 1, -1, -1):
        if items in analysis.statement_facts(statements[k]).names.writes:
            break
    else:
        return None
    comprehension = _assigned_value(statements[k], items)
    if not isinstance(comprehension, cst.ListComp):
        return None
    for_in = comprehension.for_in
    split = split_lines_of(for_in.iter)
    facts = analysis.statement_facts(statements[k])
    if (
        split is None
        or for_in.inner_for_in is not None
        or for_in.asynchronous is not None
        or not isinstance(for_in.target, cst.Name)
        or facts.awaits
        or facts.effect != Effect.PURE
        or facts.names.mutates
        or facts.late_reads
    ):
        return None
    text, splitlines, keepends = split
    variable = for_in.target.value
    parts: list[cst.CSTNode] = [comprehension.elt, *(c.test for c in for_in.ifs)]
    stage_reads: set[str] = set()
    for part in parts:
        stage_reads |= names_of(part).reads
    stage_reads.discard(variable)
    if text in stage_reads or items in stage_reads:
        return None
    producer = _producer(
        statements,
        j,
        text,
        (reads | stage_reads, binds, commuting),
        loops,
        analysis,
        _single_accumulation,
        _is_empty_string,
    )
    if producer is None:
        return None
    return producer, text, comprehension, (splitlines, keepends)


def _parameter(comprehension: cst.ListComp) -> str:
    """A name for the lines the ``epic.ahead`` lambda receives: ``lines``, unless the
    comprehension reads a name of that stem."""
    taken = names_of(comprehension).reads
    name, n = "lines", 1
    while name in taken:
        n += 1
        name = f"lines{n}"
    return name


_Names = tuple[set[str], set[str], set[str]]


def _consumer(
    statement: cst.BaseStatement, loops: dict[cst.For, LoopPlan], analysis: Facts
) -> tuple[cst.CSTNode, str, tuple[bool, bool] | None, _Names] | None:
    """``(consumer, items, lines, (reads, binds, commuting))`` when ``statement`` is one:
    a split loop over a list or over the lines of a string, or an assignment of a
    gathered list comprehension over the lines of a string (``lines`` gives
    ``(splitlines, keepends)``); the names are those of what would run early."""
    if isinstance(statement, cst.For) and statement in loops:
        if not isinstance(statement.target, cst.Name) or loops[statement].own_dispatch:
            return None
        names = dispatch_names(statement, loops[statement], analysis)
        if isinstance(statement.iter, cst.Name):
            return statement, statement.iter.value, None, names
        split = split_lines_of(statement.iter)
        if split is None:
            return None
        return statement, split[0], split[1:], names
    comprehension = _assigned_comprehension(statement)
    if comprehension is None or comprehension not in analysis.gathered:
        return None
    for_in = comprehension.for_in
    split = split_lines_of(for_in.iter)
    if (
        split is None
        or for_in.ifs
        or for_in.inner_for_in is not None
        or for_in.asynchronous is not None
        or not isinstance(for_in.target, cst.Name)
        or not isinstance(comprehension.elt, cst.Call)
    ):
        return None
    # The element starts in a comprehension of its own, its variable local to it.
    facts = analysis.statement_facts(comprehension.elt)
    reads = set((facts.names.reads | facts.late_reads) - {for_in.target.value})
    return comprehension, split[0], split[1:], (reads, set(), set(facts.commuting))


def _assigned_comprehension(statement: cst.BaseStatement) -> cst.ListComp | None:
    """The list comprehension of ``name = [...]``."""
    small = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) else None
    if not isinstance(small, cst.Assign) or not isinstance(small.targets[0].target, cst.Name):
        return None
    value = _assigned_value(statement, small.targets[0].target.value)
    return value if isinstance(value, cst.ListComp) else None


def _producer(
    statements: Sequence[cst.BaseStatement],
    j: int,
    items: str,
    dispatch: _Names,
    loops: dict[cst.For, LoopPlan],
    analysis: Facts,
    fill: Callable[[cst.For, str], cst.SimpleStatementLine | None],
    starts_empty: Callable[[cst.BaseStatement, str], bool],
) -> cst.For | None:
    """The producer loop of ``statements[j]``, whose early part reads, binds and fills
    the ``dispatch`` names: the loop before it that fills ``items`` (``fill`` finds
    its one filling statement) from an empty start (``starts_empty``), when everything
    the module docstring requires holds."""
    consumer = statements[j]
    reads, binds, commuting = dispatch
    if items in reads:
        return None  # the dispatch reads the list itself, complete only at its place
    # Back from the consumer to the producer.
    append: cst.SimpleStatementLine | None = None
    for i in range(j - 1, -1, -1):
        statement = statements[i]
        if isinstance(statement, cst.For) and (statement in loops or fill is _single_accumulation):
            append = fill(statement, items)
            if append is not None:
                break
        if items in analysis.statement_facts(statement).names.writes:
            return None
    else:
        return None
    producer = statements[i]
    assert isinstance(producer, cst.For)
    appended = appended_value(append, items)
    if (
        isinstance(consumer, cst.For)
        and isinstance(consumer.target, cst.Name)
        and isinstance(appended, cst.Name)
        and appended.value == consumer.target.value
    ):
        # ``items.append(target)``: the loop variable already holds the element there,
        # and the dispatch leaves it as it is (the producer may use it freely).
        target = consumer.target.value
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
        if starts_empty(statements[k], items):
            return producer
        if items in analysis.statement_facts(statements[k]).names.writes:
            return None
    return None
