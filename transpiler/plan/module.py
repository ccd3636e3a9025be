"""Module-level decisions: which functions become async, which blocks are scheduled,
what becomes the async entry point, and the names the generated code introduces."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import libcst as cst

from transpiler.analysis.calls import KnownCall
from transpiler.analysis.effects import Gatherable
from transpiler.analysis.externals import AsyncForm, Effect, ExternalCall
from transpiler.analysis.facts import Facts
from transpiler.analysis.names import names_of, variables
from transpiler.plan.in_order import plan_in_order
from transpiler.plan.loops import hoistable_dispatch, plan_loop
from transpiler.plan.naming import Namer
from transpiler.plan.pipelining import plan_pipelines
from transpiler.plan.raising import is_safe
from transpiler.plan.reasons import barriers, call_decisions, kept_loops, unpaced_sleeps
from transpiler.plan.rewrites import plan_rewrites
from transpiler.plan.schedule import plan_block
from transpiler.plan.types import (
    BlockPlan,
    LoopDispatch,
    LoopPlan,
    LoopRefusal,
    MainPlan,
    ModulePlan,
    Pipelining,
)
from transpiler.syntax import all_names


def _is_main_guard(node: cst.BaseStatement) -> bool:
    if not isinstance(node, cst.If) or node.orelse is not None:
        return False
    test = node.test
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    left, right = test.left, test.comparisons[0].comparator
    sides = {
        left.value if isinstance(left, cst.Name) else None,
        right.evaluated_value if isinstance(right, cst.SimpleString) else None,
    }
    return isinstance(test.comparisons[0].operator, cst.Equal) and sides == {
        "__name__",
        "__main__",
    }


class _BlockPlanner:
    """Plans every indented block of one async body (not entering nested functions)."""

    def __init__(self, analysis: Facts, names: Namer) -> None:
        self.analysis = analysis
        self.names = names
        self.blocks: dict[cst.IndentedBlock, BlockPlan] = {}
        self.loops: dict[cst.For, LoopPlan] = {}
        self.refusals: dict[cst.For, LoopRefusal] = {}
        self.pipelines: dict[cst.CSTNode, Pipelining] = {}
        # Calls a split loop starts (under a condition, in a branch of its body): the
        # branch's own plan must not start them again.
        self.started_calls: set[cst.Call] = set()

    def export(
        self,
        blocks: dict[cst.IndentedBlock, BlockPlan],
        loops: dict[cst.For, LoopPlan],
        refusals: dict[cst.For, LoopRefusal],
        pipelines: dict[cst.CSTNode, Pipelining],
    ) -> None:
        blocks.update(self.blocks)
        loops.update(self.loops)
        refusals.update(self.refusals)
        pipelines.update(self.pipelines)

    @property
    def spawns(self) -> bool:
        """Whether anything planned here starts tasks (so a task scope is needed)."""
        return bool(self.loops) or any(plan.spawns for plan in self.blocks.values())

    def plan_statements(self, statements: Sequence[cst.BaseStatement]) -> BlockPlan:
        for statement in statements:
            self._plan_nested(statement)
        self.pipelines.update(plan_pipelines(statements, self.loops, self.analysis, self.names))
        early: dict[int, LoopDispatch] = {}
        for index, statement in enumerate(statements):
            loop = self.loops.get(statement) if isinstance(statement, cst.For) else None
            if loop is not None and statement not in self.pipelines:
                assert isinstance(statement, cst.For)
                dispatch = hoistable_dispatch(statement, loop, self.analysis)
                if dispatch is not None:
                    early[index] = dispatch
        started = frozenset(
            index
            for index, statement in enumerate(statements)
            if self.started_calls.intersection(
                self.analysis.statement_facts(statement).awaited_calls
            )
        )
        plan = plan_block(
            statements, self.analysis, self.names, started_calls=started, loop_dispatch=early
        )
        split = {*self.loops, *self.pipelines, *(p.producer for p in self.pipelines.values())}
        return plan_in_order(
            statements,
            plan,
            self.analysis,
            self.names,
            planned_blocks=self.blocks,
            split=split,
        )

    def plan_indented(self, block: cst.IndentedBlock) -> BlockPlan:
        plan = self.plan_statements(list(block.body))
        self.blocks[block] = plan
        return plan

    def _plan_nested(self, statement: cst.BaseStatement) -> None:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            return  # planned on their own
        if isinstance(statement, cst.SimpleStatementLine):
            return
        if isinstance(statement, cst.For) and isinstance(statement.body, cst.IndentedBlock):
            loop = plan_loop(statement, self.analysis, self.names)
            if isinstance(loop, LoopRefusal):
                self.refusals[statement] = loop
            else:
                self.loops[statement] = loop
                self.started_calls.update(e.call for e in loop.extracted)
                nested = dict(loop.nested)
                for index, inner in enumerate(statement.body.body):
                    if index in nested:
                        # Split along with this loop: planned already.
                        assert isinstance(inner, cst.For)
                        assert isinstance(inner.body, cst.IndentedBlock)
                        self.loops[inner] = nested[index]
                        for deeper in inner.body.body:
                            self._plan_nested(deeper)
                    else:
                        self._plan_nested(inner)
                return
        for block in _child_blocks(statement):
            self.plan_indented(block)


def _child_blocks(statement: cst.CSTNode) -> list[cst.IndentedBlock]:
    """The indented blocks directly owned by a compound statement (elif/else included)."""
    found: list[cst.IndentedBlock] = []
    for child in statement.children:
        if isinstance(child, cst.IndentedBlock):
            found.append(child)
        elif isinstance(
            child, (cst.If, cst.Else, cst.ExceptHandler, cst.ExceptStarHandler, cst.Finally)
        ):
            found.extend(_child_blocks(child))
    return found


def plan_module(module: cst.Module, analysis: Facts, *, imported: bool = False) -> ModulePlan:
    """Decide the shape of the output module; ``imported``: other modules of the
    program import it, so every name its script code binds stays a module global."""
    taken_module = all_names(module)
    epic = Namer(taken_module).fresh("epic")
    async_functions = frozenset(
        f for f in analysis.calls.functions if analysis.is_async_function(f)
    )
    blocks: dict[cst.IndentedBlock, BlockPlan] = {}
    loops: dict[cst.For, LoopPlan] = {}
    refusals: dict[cst.For, LoopRefusal] = {}
    pipelines: dict[cst.CSTNode, Pipelining] = {}
    scoped: dict[cst.FunctionDef, str] = {}
    uses_epic = False
    for function in async_functions:
        names = Namer(all_names(function) | taken_module)
        planner = _BlockPlanner(analysis, names)
        if isinstance(function.body, cst.IndentedBlock):
            planner.plan_indented(function.body)
        planner.export(blocks, loops, refusals, pipelines)
        if planner.spawns or _gathers(function.body, analysis):
            scoped[function] = names.fresh("tasks")
            uses_epic = True

    main = _plan_main(
        module, analysis, taken_module, blocks, loops, refusals, pipelines, imported=imported
    )
    if main is not None:
        uses_epic = True
    uses_epic = (
        uses_epic
        or any(plan.in_order for plan in blocks.values())
        or (main is not None and bool(main.block.in_order))
        or any(f in async_functions for f in analysis.memo_functions)
        or _uses_shim_calls(analysis)
        or bool(analysis.counters.additions)
        or bool(analysis.counters.appends)
        or bool(analysis.short_circuits)
    )
    block_plans = [*blocks.values(), *([main.block] if main is not None else [])]
    rewrites = plan_rewrites(
        module,
        analysis,
        blocks=block_plans,
        indented=blocks,
        loops=loops,
        async_functions=async_functions,
        epic=epic,
        uses_epic=uses_epic,
    )
    plan = ModulePlan(
        blocks=blocks,
        loops=loops,
        loop_refusals=refusals,
        pipelines=pipelines,
        async_functions=async_functions,
        scoped_functions=scoped,
        main=main,
        epic=epic,
        rewrites=rewrites,
    )
    return replace(
        plan,
        decisions=call_decisions(module, analysis, plan),
        kept_in_order=barriers(module, analysis, async_functions),
        kept_loops=kept_loops(analysis, plan),
        unpaced_sleeps=unpaced_sleeps(analysis, plan),
    )


def _uses_shim_calls(analysis: Facts) -> bool:
    """Whether some call is spelled through the shim (a thread, a client twin)."""
    return any(
        isinstance(t, ExternalCall) and t.form in (AsyncForm.THREAD, AsyncForm.CLIENT)
        for t in analysis.calls.targets.values()
    )


def _stays_at_module_level(statement: cst.BaseStatement) -> bool:
    if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        return True
    if isinstance(statement, cst.SimpleStatementLine):
        return all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in statement.body)
    return False


def _plan_main(
    module: cst.Module,
    analysis: Facts,
    taken: set[str],
    blocks: dict[cst.IndentedBlock, BlockPlan],
    loops: dict[cst.For, LoopPlan],
    refusals: dict[cst.For, LoopRefusal],
    pipelines: dict[cst.CSTNode, Pipelining],
    *,
    imported: bool = False,
) -> MainPlan | None:
    """The async entry point, when module-level code awaits: the ``__main__`` guard's
    body, or the module's script part (from its first statement with an effect). For a
    module others import, the names the script part binds stay module globals (they are
    its API: ``from helper import RESULTS``)."""
    body = list(module.body)
    needs_async = [
        i
        for i, s in enumerate(body)
        if not isinstance(s, (cst.FunctionDef, cst.ClassDef)) and analysis.statement_facts(s).awaits
    ]
    if not needs_async:
        return None
    planner = _BlockPlanner(analysis, Namer(taken))
    last = body[-1]
    if (
        needs_async == [len(body) - 1]
        and _is_main_guard(last)
        and isinstance(last, cst.If)
        and isinstance(last.body, cst.IndentedBlock)
    ):
        guard_body = list(last.body.body)
        direct = _is_single_entry_call(guard_body, analysis)
        block = planner.plan_statements(guard_body)
        planner.export(blocks, loops, refusals, pipelines)
        global_names = _bound_names(guard_body, body[:-1], analysis)
        name = Namer(taken).fresh("main")
        needs_scope = block.spawns or _nested_spawns(planner) or _gathers(last.body, analysis)
        scope = planner.names.fresh("tasks") if needs_scope else None
        return MainPlan(name, (), last, global_names, scope, block, direct)
    first = _script_start(body, needs_async[0], analysis)
    script = tuple(i for i in range(first, len(body)) if not _stays_at_module_level(body[i]))
    if _is_single_entry_call([body[i] for i in script], analysis):
        # A bare ``main()`` at the end of the module: ``epic.run(main())``.
        return MainPlan("", script, None, (), None, BlockPlan(()), True)
    setup = _moved_setup(body, first, analysis)
    moved_candidates = [
        i
        for i in range(len(body))
        if (i >= first and not _stays_at_module_level(body[i])) or i in setup
    ]
    staying = _module_bindings(body, moved_candidates, analysis)
    moved = tuple(i for i in moved_candidates if i not in staying)
    if not moved:
        return None
    statements = [body[i] for i in moved]
    block = planner.plan_statements(statements)
    planner.export(blocks, loops, refusals, pipelines)
    name = Namer(taken).fresh("main")
    needs_scope = (
        block.spawns or _nested_spawns(planner) or any(_gathers(s, analysis) for s in statements)
    )
    scope = planner.names.fresh("tasks") if needs_scope else None
    staying_statements = [s for i, s in enumerate(body) if i not in moved]
    return MainPlan(
        name,
        moved,
        None,
        _bound_names(statements, staying_statements, analysis, every=imported),
        scope,
        block,
        False,
        min((i for i in moved if i >= first), default=moved[0]),
    )


def _module_bindings(
    body: Sequence[cst.BaseStatement], moved: Sequence[int], analysis: Facts
) -> set[int]:
    """Script statements that stay at module level although the script part has
    started: they bind a name the script's functions read (``client = OpenAI()``,
    ``id = "run-7"``), so the functions see a module-level variable (as type checkers
    expect), and ``main`` declares it ``global`` only if it rebinds it. Two cases keep
    the program's order:

    * the statements before the first one that awaits, up to the last of them that
      binds such a name: they stay together, in order, and run before ``main``;
    * later, the first binding of such a name whose value cannot raise and has no
      effect, when nothing earlier in ``main`` uses the name or changes what the value
      reads (``G = n`` after ``n = ...`` in ``main`` must wait for ``n``): running it
      earlier is invisible."""
    shared = _shared_names(analysis)
    first_await = next(
        (k for k, i in enumerate(moved) if analysis.statement_facts(body[i]).awaits), len(moved)
    )
    last_binding = max(
        (k for k in range(first_await) if _assigned_names(body[moved[k]]) & shared), default=-1
    )
    staying = {moved[k] for k in range(last_binding + 1)}
    touched: set[str] = set()
    for i in moved[last_binding + 1 :]:
        statement = body[i]
        facts = analysis.statement_facts(statement)
        names = _assigned_names(statement)
        if (
            names
            and names <= shared
            and not names & touched
            and not facts.names.reads & touched
            and not facts.awaits
            and _safe_value(statement)
            and facts.effect == Effect.PURE
        ):
            staying.add(i)
            touched |= names
            continue
        touched |= facts.names.reads | facts.names.writes
    return staying


def _assigned_names(statement: cst.BaseStatement) -> set[str]:
    """The names of ``a = b = value`` (plain names only), else nothing."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return set()
    small = statement.body[0]
    if not isinstance(small, cst.Assign):
        return set()
    if not all(isinstance(t.target, cst.Name) for t in small.targets):
        return set()
    return {t.target.value for t in small.targets if isinstance(t.target, cst.Name)}


def _safe_value(statement: cst.BaseStatement) -> bool:
    assert isinstance(statement, cst.SimpleStatementLine)
    small = statement.body[0]
    assert isinstance(small, cst.Assign)
    return is_safe(small.value)


def _script_start(body: Sequence[cst.BaseStatement], first_await: int, analysis: Facts) -> int:
    """Where the script part starts: at its first statement with an effect (a print
    before the first call belongs to the flow that ``main`` shows), not at the first
    call."""
    return next(
        (
            i
            for i, s in enumerate(body[:first_await])
            if not _stays_at_module_level(s) and analysis.statement_facts(s).effect > Effect.PURE
        ),
        first_await,
    )


def _moved_setup(body: Sequence[cst.BaseStatement], first: int, analysis: Facts) -> set[int]:
    """Before the script part, empty containers that no function reads (``answers =
    []``) move in too, next to the code that fills them (mypy infers their type there;
    moving code that cannot raise and has no effect changes nothing), unless code
    staying at module level uses their names."""
    shared = _shared_names(analysis)
    setup = {i for i in range(first) if _movable_setup(body[i], shared, analysis)}
    changed = True
    while changed:  # a name that code staying at module level uses must stay too
        changed = False
        staying = [
            s
            for i, s in enumerate(body)
            if (i < first and i not in setup) or (i >= first and _stays_at_module_level(s))
        ]
        used: set[str] = set()
        for statement in staying:
            use = names_of(statement)
            used |= use.reads | use.writes
        for i in sorted(setup):
            if names_of(body[i]).binds & used:
                setup.discard(i)
                changed = True
    return setup


def _is_single_entry_call(statements: Sequence[cst.BaseStatement], analysis: Facts) -> bool:
    """The script part is one call of an async function, e.g. ``main()``."""
    if len(statements) != 1:
        return False
    only = statements[0]
    return (
        isinstance(only, cst.SimpleStatementLine)
        and len(only.body) == 1
        and isinstance(only.body[0], cst.Expr)
        and isinstance(only.body[0].value, cst.Call)
        and analysis.statement_facts(only).awaited_calls == (only.body[0].value,)
    )


class _GatherFinder(cst.CSTVisitor):
    def __init__(self, gathered: frozenset[Gatherable]) -> None:
        self.gathered = gathered
        self.found = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # a nested function has its own scope

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.found = self.found or node in self.gathered
        return super().on_visit(node)


def _gathers(node: cst.CSTNode, analysis: Facts) -> bool:
    """Whether code (not nested functions) has a comprehension run as ``gather``."""
    if not analysis.gathered:
        return False
    finder = _GatherFinder(analysis.gathered)
    node.visit(finder)
    return finder.found


def _nested_spawns(planner: _BlockPlanner) -> bool:
    return planner.spawns


def _shared_names(analysis: Facts) -> set[str]:
    """Module-level names the script's functions read or rebind when they run."""
    shared: set[str] = set()
    for summary in analysis.summaries.values():
        shared |= summary.global_reads | summary.global_writes
    for opaque in analysis.calls.declared_external:  # their bodies are not analysed
        shared |= names_of(opaque.body).reads
    return set(variables(shared))


def _movable_setup(statement: cst.BaseStatement, shared: set[str], analysis: Facts) -> bool:
    """``results = []`` / ``cache = {}`` / ``seen = set()`` that no function reads: an
    empty container whose element type mypy can only infer next to the code that fills
    it."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return False
    small = statement.body[0]
    if not isinstance(small, cst.Assign):
        return False
    if not all(isinstance(t.target, cst.Name) for t in small.targets):
        return False
    names = {t.target.value for t in small.targets if isinstance(t.target, cst.Name)}
    value = small.value
    empty = isinstance(value, (cst.List, cst.Dict)) and not value.elements
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and not value.args:
        # ``set()``, ``list()``, ``dict()``: the builtins (known, pure, cannot raise).
        builtin = isinstance(analysis.calls.targets.get(value), KnownCall)
        empty = builtin and value.func.value in ("set", "list", "dict")
    return empty and not names & shared


def _bound_names(
    statements: Sequence[cst.BaseStatement],
    staying: Sequence[cst.BaseStatement],
    analysis: Facts,
    *,
    every: bool = False,
) -> tuple[str, ...]:
    """The names the entry point must declare ``global``: those a function of the
    script reads or rebinds as a module-level name, and those the statements staying at
    module level bind too (the entry point reads or rebinds that same variable). The
    others become locals of the entry point: the script's statements see them the same."""
    shared = _shared_names(analysis)
    for statement in staying:
        shared |= names_of(statement).binds
    bound: set[str] = set()
    for statement in statements:
        bound |= names_of(statement).binds
    if every:  # ``every``: all of them (another module may read any)
        return tuple(sorted(variables(bound)))
    return tuple(sorted(bound & shared))
