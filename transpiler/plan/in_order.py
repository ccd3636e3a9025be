"""Calls started where a loop that runs iteration by iteration reaches them.

A loop that reads a stream, or carries a buffer from one iteration to the next, runs
iteration by iteration; the helper it hands each complete line to need not::

    for chunk in stream:
        buffer += chunk.choices[0].delta.content or ""
        while "\\n" in buffer:
            line, buffer = buffer.split("\\n", 1)
            carry_out(line)              # prints, asks, appends to a global list

When the helper's only ordered effects are held back by the runtime (printed text,
additions to counters, appends to sinks: it is *deferrable*) and its value is dropped,
the call can start where the loop reaches it, while the loop goes on, as long as
nothing the loop does could show the difference. The run of statements around such
calls becomes a block whose calls retire in program order as they finish
(``async with epic.in_order() as carry_out_calls:``, ``carry_out_calls.spawn(...)``;
``runtime_shim/_in_order.py``). The conditions, checked here on the facts:

* every call in the block other than those is pure, an independent external call of
  the ``openai`` client or another catalogued API awaited in place, or a ``print`` to
  stdout as a statement of its own, which becomes ``carry_out_calls.print(...)``: its
  text is made where the block prints it and comes out after the text of the calls
  started before it; so the block changes nothing outside it, and nothing it prints
  could come out of order;
* nothing in the block changes in place an object a started call was given, rebinds a
  global its callee reads, or touches what it adds to in order (its counters and
  sinks);
* the calls do not sleep (a sleep paces what comes after it in the loop);
* the calls are plain statements reached through ``for``, ``while`` and ``if`` only:
  no ``try`` or ``with`` around them could see their exceptions, and none is in a
  nested function;
* the block's statements run in place: no task of the enclosing block's schedule is
  spawned or awaited among them, and no loop in them is split or pipelined (those
  await tasks of their own).

An exception of the block's own code is raised after the calls started before it have
retired (theirs, earlier in program order, wins); a failed call's exception is raised
by the next ``spawn`` or where the block ends, and the calls after it are cancelled
(rule 4: they may have been sent). See docs/semantics.md, rule 17.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

import libcst as cst

from transpiler.analysis.calls import KnownCall
from transpiler.analysis.externals import Effect, ExternalCall
from transpiler.analysis.facts import Facts
from transpiler.plan.loops import transfers_control
from transpiler.plan.naming import Namer
from transpiler.plan.types import BlockPlan, InOrderBlock, Run


class _Sites(cst.CSTVisitor):
    """The calls of one statement that could be started in order (bare call
    statements reached through ``for``/``while``/``if`` only), whether one of them is
    in a loop, and whether one sits where it may not be (under ``try``/``with``)."""

    def __init__(self, analysis: Facts) -> None:
        self.analysis = analysis
        self.sites: list[cst.Call] = []
        self.prints: list[cst.Call] = []  # ``print(...)`` statements (stdout only)
        self.in_loop = False
        self.guarded = False  # a candidate under ``try``/``with``: no block
        self._loops = 0
        self._guards = 0

    def _candidate(self, line: cst.SimpleStatementLine) -> cst.Call | None:
        if len(line.body) != 1 or not isinstance(line.body[0], cst.Expr):
            return None
        call = line.body[0].value
        if not isinstance(call, cst.Call):
            return None
        if (
            self.analysis.is_awaited(call)
            and self.analysis.is_deferrable(call)
            # A sleep spaces out what comes after it: started and left behind, it
            # would not.
            and not self.analysis.sleeps(call)
        ):
            return call
        return None

    def printed(self, line: cst.SimpleStatementLine) -> cst.Call | None:
        """The ``print(...)`` call the line is (to stdout, by the builtin)."""
        if len(line.body) != 1 or not isinstance(line.body[0], cst.Expr):
            return None
        call = line.body[0].value
        if not (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Name)
            and call.func.value == "print"
        ):
            return None
        target = self.analysis.calls.targets.get(call)
        return call if isinstance(target, KnownCall) and target.stdout_only else None

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> bool:
        call = self._candidate(node)
        if call is not None:
            if self._guards:
                self.guarded = True
            else:
                self.sites.append(call)
                self.in_loop = self.in_loop or self._loops > 0
        printed = self.printed(node)
        if printed is not None and not self._guards:
            self.prints.append(printed)
        return False

    def visit_For(self, node: cst.For) -> None:
        self._loops += 1

    def leave_For(self, original_node: cst.For) -> None:
        self._loops -= 1

    def visit_While(self, node: cst.While) -> None:
        self._loops += 1

    def leave_While(self, original_node: cst.While) -> None:
        self._loops -= 1

    def visit_Try(self, node: cst.Try) -> None:
        self._guards += 1

    def leave_Try(self, original_node: cst.Try) -> None:
        self._guards -= 1

    def visit_TryStar(self, node: cst.TryStar) -> None:
        self._guards += 1

    def leave_TryStar(self, original_node: cst.TryStar) -> None:
        self._guards -= 1

    def visit_With(self, node: cst.With) -> None:
        self._guards += 1

    def leave_With(self, original_node: cst.With) -> None:
        self._guards -= 1

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False


class _Blocks(cst.CSTVisitor):
    """The indented blocks and ``for`` loops inside a statement."""

    def __init__(self) -> None:
        self.blocks: list[cst.IndentedBlock] = []
        self.loops: list[cst.For] = []

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.blocks.append(node)

    def visit_For(self, node: cst.For) -> None:
        self.loops.append(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False


def plan_in_order(
    statements: Sequence[cst.BaseStatement],
    plan: BlockPlan,
    analysis: Facts,
    names: Namer,
    *,
    planned_blocks: dict[cst.IndentedBlock, BlockPlan],
    split: Collection[cst.CSTNode],
) -> BlockPlan:
    """``plan`` with the in-order blocks of ``statements`` (see the module docstring);
    ``planned_blocks``: the plans of the blocks nested in them; ``split``: the loops
    that are split or pipelined."""
    in_place = _runs_in_place(plan, len(statements))
    found: list[InOrderBlock] = []
    index = 0
    while index < len(statements):
        region = _region_from(index, statements, analysis, in_place, planned_blocks, split)
        if region is None or isinstance(region, int):
            index = index + 1 if region is None else region
            continue
        first, last, sites, prints = region
        callees = {_callee_name(call) for call in sites}
        stem = callees.pop() if len(callees) == 1 else None
        base = f"{stem}_calls" if stem else "in_order"
        dropped: set[str] = set()
        for statement in statements[first : last + 1]:
            dropped |= _drop_inner_blocks(statement, planned_blocks)
        # An inner block's name is free again once that block is part of this one.
        name = base if base in dropped else names.fresh(base)
        found.append(InOrderBlock(first, last, name, tuple(sites), tuple(prints)))
        index = last + 1
    if not found:
        return plan
    return replace(plan, in_order=tuple(found))


def _drop_inner_blocks(
    statement: cst.BaseStatement, planned_blocks: dict[cst.IndentedBlock, BlockPlan]
) -> set[str]:
    """The in-order blocks planned inside ``statement`` are part of the one around it:
    drop them, and return their names."""
    inner = _Blocks()
    statement.visit(inner)
    dropped: set[str] = set()
    for block in inner.blocks:
        plan = planned_blocks.get(block)
        if plan is not None and plan.in_order:
            dropped |= {region.name for region in plan.in_order}
            planned_blocks[block] = replace(plan, in_order=())
    return dropped


def _runs_in_place(plan: BlockPlan, count: int) -> list[bool]:
    """Per statement: whether it runs in place with nothing of the schedule between it
    and the statement before it (a Run right after the previous statement's Run)."""
    in_place = [False] * count
    previous: int | None = None
    for op in plan.ops:
        if isinstance(op, Run):
            in_place[op.index] = previous == op.index - 1 or previous is None
            previous = op.index
        else:
            previous = -2  # something between: the next Run does not follow on
    return in_place


def _region_from(
    start: int,
    statements: Sequence[cst.BaseStatement],
    analysis: Facts,
    in_place: list[bool],
    planned_blocks: dict[cst.IndentedBlock, BlockPlan],
    split: Collection[cst.CSTNode],
) -> tuple[int, int, list[cst.Call], list[cst.Call]] | int | None:
    """The in-order block starting at ``start``: ``(first, last, its calls, its
    prints)``; or where the next one may start, when none can before it; or None."""
    first_sites = _sites_of(statements[start], analysis)
    if first_sites is None or not first_sites.sites:
        return None
    sites: list[cst.Call] = []
    prints: list[cst.Call] = []
    pending_prints: list[cst.Call] = []  # in statements after the last call so far
    in_loop = False
    last = start - 1
    for index in range(start, len(statements)):
        statement = statements[index]
        found = _sites_of(statement, analysis)
        if found is None or not _quiet(
            statement, [*found.sites, *found.prints], analysis, planned_blocks, split
        ):
            break
        if index > start and not in_place[index]:
            break
        pending_prints += found.prints
        if found.sites:
            sites.extend(found.sites)
            prints += pending_prints
            pending_prints = []
            in_loop = in_loop or found.in_loop
            last = index
    if not in_loop or last < start:
        # No start between here and ``last`` finds a call in a loop either: go on
        # after it (straight-line code of many such calls stays linear).
        return max(last, start) + 1
    if not _independent(statements[start : last + 1], sites, analysis):
        return None
    return start, last, sites, prints


def _sites_of(statement: cst.BaseStatement, analysis: Facts) -> _Sites | None:
    """The statement's calls to start in order, its prints, and whether a call is in a
    loop; None when the statement cannot be part of a block (a call of that kind under
    ``try``)."""
    if isinstance(statement, cst.FunctionDef | cst.ClassDef):
        return None
    finder = _Sites(analysis)
    statement.visit(finder)
    if finder.guarded:
        return None
    return finder


def _quiet(
    statement: cst.BaseStatement,
    sites: list[cst.Call],
    analysis: Facts,
    planned_blocks: dict[cst.IndentedBlock, BlockPlan],
    split: Collection[cst.CSTNode],
) -> bool:
    """Whether the statement, apart from ``sites``, has no ordered effect, awaits only
    independent external calls, and runs its nested blocks in place."""
    if transfers_control(statement, (cst.Yield,)):
        return False
    facts = analysis.statement_facts(statement)
    for call in facts.calls:
        if call in sites:
            continue
        effect = analysis.call_effect(call)
        if effect == Effect.PURE and not analysis.is_awaited(call):
            continue
        target = analysis.calls.targets.get(call)
        if effect == Effect.EXTERNAL and isinstance(target, ExternalCall):
            continue
        return False
    inner = _Blocks()
    statement.visit(inner)
    if any(loop in split for loop in inner.loops):
        return False
    for block in inner.blocks:
        plan = planned_blocks.get(block)
        if plan is not None and not all(isinstance(op, Run) for op in plan.ops):
            return False
    return True


def _independent(
    region: Sequence[cst.BaseStatement], sites: list[cst.Call], analysis: Facts
) -> bool:
    """Nothing in ``region`` changes what a started call reads or adds to."""
    reads: set[str] = set()
    writes: set[str] = set()
    mutates: set[str] = set()
    commuting: set[str] = set()
    for statement in region:
        facts = analysis.statement_facts(statement)
        reads |= facts.names.reads
        writes |= facts.names.writes
        mutates |= facts.names.mutates
        commuting |= facts.commuting
    site_commuting: set[str] = set()
    for call in sites:
        facts = analysis.statement_facts(call)
        if (facts.names.reads - facts.late_reads) & mutates:
            return False  # an object it was given changes while it runs
        if facts.late_reads & writes:
            return False  # a global it reads when it runs is rebound
        if facts.commuting & (reads | writes):
            return False
        site_commuting |= facts.commuting
    # What the block's other calls add to in order (none, as they are pure or
    # external), beyond what the started calls do.
    return not (commuting - site_commuting)


def _callee_name(call: cst.Call) -> str | None:
    func = call.func
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return None
