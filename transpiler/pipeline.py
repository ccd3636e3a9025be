"""The whole pipeline, top to bottom: every pass and sub-pass, in the order it runs.

1. parse        source -> LibCST module, or a positioned ``syntax-error`` (an input
                LibCST cannot represent comes back unchanged, with a warning)
2. analyse      the frozen fact table (``analysis/facts.py``):
   2a calls       what every call resolves to (external, script function, known)
   2b memo        functions that keep results in a module-level dict
   2c counters    module-level totals that functions only add to
   2d summaries   per function, to a fixpoint: async or not, effect, globals used
   2e call facts  per call: effect, awaited, may start early
   2f gathers     comprehensions that start all their calls at once; ``any``/``all``
   2g statements  the facts of every statement, condition and iterable planned
   (no awaited call: the input comes back byte-identical)
3. support      constructs epic cannot yet parallelise correctly keep the file
                sequential, each with an ``unsupported-construct`` warning
4. plan         the decisions (``plan/module.py``):
   4a functions   each async function's blocks: split loops (``loops.py``), pipelined
                  loop pairs (``pipelining.py``), then the block scheduler
                  (``schedule.py``, with its clean-up passes in ``cleanup.py``)
   4b main        module-level script code becomes ``async def main`` (or the
                  ``__main__`` guard's body does), planned the same way
   4c rewrites    the call-level rules, in order (``plan/rewrites.py``)
5. emit         apply the plan to the tree (edits only; ``emit/transform.py``)
6. imports      add ``asyncio`` and the shim, drop ``time`` imports left unused
7. format       black (``formatting.py``)
8. check        the safety nets (``checks.py``, ``verify.py``): the output compiles,
                everything made async is awaited, spawned or gathered, black leaves
                it as it is, and transpiling it again changes nothing (output that
                uses ``async``/``await`` is kept as it is by step 1's support check,
                so only output without them is transpiled a second time). A failure is
                an ``internal-error`` diagnostic (exit 123), never a broken file.
9. notes        ``[kept-in-order]`` notes, read from the facts and the plan
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import libcst as cst

from transpiler.analysis.calls import Position, UserCall
from transpiler.analysis.exports import Interface, interface
from transpiler.analysis.externals import (
    Declarations,
    Effect,
    ExternalCall,
    ProgramFunction,
    may_call_externals,
)
from transpiler.analysis.facts import Facts, analyse
from transpiler.analysis.loop_heads import loop_heads
from transpiler.analysis.outline import Outline, Refusal, find_outlines
from transpiler.analysis.support import unsupported
from transpiler.checks import INTERNAL_ERROR, OutputFailure, check_output
from transpiler.config import Config
from transpiler.desugar import (
    Rewritten,
    desugar_maps,
    lift_loop_heads,
    node_positions,
    outline_retry_loops,
)
from transpiler.diagnostics import Diagnostic, source_line_at
from transpiler.emit.imports import update_imports
from transpiler.emit.transform import Emitter
from transpiler.formatting import format_code
from transpiler.notes import (
    barrier_notes,
    blocking_call_notes,
    kept_sync_notes,
    loop_notes,
    pacing_notes,
)
from transpiler.parse import Unparsable, parse
from transpiler.plan.module import plan_module
from transpiler.plan.reasons import calls_in, kept_loops, loop_started_calls
from transpiler.plan.types import CallDecision, LoopRefusal, ModulePlan, Spawn

#: The settings when there is no ``[tool.epic]`` table.
DEFAULT_CONFIG = Config()


@dataclass(frozen=True, slots=True)
class TranspileResult:
    """What one run produced: the code (None when there are errors) and diagnostics.

    A failed safety net (a bug in epic, not in the input) is an error diagnostic with
    the code ``internal-error``, positioned in the generated code."""

    code: str | None
    diagnostics: tuple[Diagnostic, ...]
    # What the plan did with each awaited call (empty when nothing was planned).
    decisions: tuple[CallDecision, ...] = ()
    # An unsupported construct kept the whole file as it is.
    kept_sequential: bool = False
    # Whole-program mode: what the program's other modules see of it (``program.py``).
    interface: Interface | None = None

    @property
    def summary(self) -> str:
        """One line on what happened to the file's calls (``epic transpile`` prints
        it per file)."""
        if self.kept_sequential:
            if any(d.code == "unsupported-construct" for d in self.diagnostics):
                return "kept sequential (see the warning)"
            return "kept sequential: none of its external calls can be awaited (see the notes)"
        if not self.decisions:
            return "no external call epic can make parallel"
        total = len(self.decisions)
        early = sum(d.early for d in self.decisions)
        waiting = total - early
        calls = "external call starts" if total == 1 else "external calls start"
        line = f"{early} of {total} {calls} early"
        return line + (f"; {waiting} wait{'s' if waiting == 1 else ''}" if waiting else "")

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    @property
    def internal_errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.code == INTERNAL_ERROR)

    @property
    def problems(self) -> tuple[Diagnostic, ...]:
        """The errors and warnings (a warning: the file is kept as it is), not the
        notes that explain the plan."""
        return tuple(d for d in self.diagnostics if d.severity != "note")


@dataclass(frozen=True, slots=True)
class Analysed:
    """A parsed module with its facts and plan (what ``explain`` tools read)."""

    module: cst.Module
    analysis: Facts
    plan: ModulePlan


@dataclass(frozen=True, slots=True)
class Program:
    """The functions and classes of a program's other modules, by the qualified names
    one module may spell them with (whole-program mode)."""

    functions: Mapping[str, ProgramFunction]
    classes: Mapping[str, Mapping[str, ProgramFunction]] = field(default_factory=dict)
    # Functions of its other modules declared external by pragma (``# epic: external``).
    external: frozenset[str] = frozenset()
    ordered: frozenset[str] = frozenset()
    # Other modules of the program import this one (its module-level names are an API).
    imported: bool = False
    # Names its star imports of the program's modules bind -> what they name there.
    star: Mapping[str, str] = field(default_factory=dict)


def analyse_and_plan(
    source: str,
    *,
    path: str = "<stdin>",
    config: Config = DEFAULT_CONFIG,
    program: Program | None = None,
) -> Analysed | TranspileResult:
    """Passes 1-4. A :class:`TranspileResult` when the pipeline ends early (errors,
    nothing to do, kept sequential), else the facts and the plan."""
    with _deep_trees():
        return _analyse_and_plan(source, path=path, config=config, program=program)


def _analyse_and_plan(
    source: str, *, path: str, config: Config, program: Program | None
) -> Analysed | TranspileResult:
    parsed = parse(source, path)
    if isinstance(parsed, Diagnostic):
        return TranspileResult(None, (parsed,))
    if isinstance(parsed, Unparsable):
        return TranspileResult(source, (parsed.warning,))
    declarations = Declarations(
        frozenset(config.external) | (program.external if program else frozenset()),
        frozenset(config.ordered) | (program.ordered if program else frozenset()),
        frozenset(config.pure),
        program=program.functions if program is not None else {},
        program_classes=program.classes if program is not None else {},
        star=program.star if program is not None else {},
    )
    # A module of a program is analysed even then: its importers need its functions.
    if program is None and not may_call_externals(parsed, source, declarations):
        return TranspileResult(source, ())  # nothing that could be made parallel
    module, analysis = analyse(parsed, declarations)
    module, analysis = _with_maps_desugared(module, analysis, declarations)
    kept_sync = tuple(
        sorted(
            [
                *kept_sync_notes(analysis.kept_sync, analysis.calls.positions, path, source),
                *blocking_call_notes(analysis, path, source),
            ],
            key=lambda d: (d.line, d.column),
        )
    )
    # What the program's other modules see of it if it comes back as it is.
    unchanged = interface(module, analysis, frozenset()) if program is not None else None
    if not any(analysis.is_awaited(call) for call in analysis.calls.targets):
        # Nothing to make parallel: unchanged (kept sequential if it calls externals).
        external = any(isinstance(t, ExternalCall) for t in analysis.calls.targets.values())
        return TranspileResult(
            source,
            kept_sync,
            kept_sequential=external,
            interface=unchanged,
        )

    problems = unsupported(module, analysis)
    if problems:
        diagnostics = tuple(
            Diagnostic(
                path,
                position.line,
                position.column,
                "warning",
                "unsupported-construct",
                f"{why}: the file is kept sequential",
                note="epic cannot yet parallelise this construct correctly; the output is "
                "the input unchanged",
                source_line=source_line_at(source, position.line),
            )
            for position, why in problems
        )
        return TranspileResult(source, diagnostics, kept_sequential=True, interface=unchanged)
    imported = program is not None and program.imported
    plan = plan_module(module, analysis, imported=imported)
    module, analysis, plan = _with_retries_outlined(module, analysis, plan, declarations, imported)
    module, analysis, plan = _with_loop_heads_lifted(module, analysis, plan, declarations, imported)
    # A whole program's importers are transpiled with it (``program.py`` checks them).
    broken = _importable_api(module, plan, analysis) if program is None else []
    if broken:
        return TranspileResult(None, (_importable_error(path, source, broken, analysis),))
    return Analysed(module, analysis, plan)


def _with_maps_desugared(
    module: cst.Module, analysis: Facts, declarations: Declarations
) -> tuple[cst.Module, Facts]:
    """``map(f, xs)`` as a generator expression, ``sorted``/``min``/``max(xs, key=f)``
    as a comprehension of ``(x, f(x))`` pairs (``desugar.py``), where ``f`` is kept
    sync: taken only when that lets some such function become async (the output
    otherwise keeps the calls as written)."""
    calls = [call for call, f in analysis.calls.mapped.items() if f in analysis.kept_sync]
    if not calls:
        return module, analysis
    rewritten = desugar_maps(module, calls)
    desugared, facts = analyse(
        rewritten.module, declarations, rewritten.positions(_input_positions(module, analysis))
    )
    before = {f.name.value for f in analysis.kept_sync}
    after = {f.name.value for f in facts.kept_sync}
    return (desugared, facts) if after < before else (module, analysis)


def _input_positions(module: cst.Module, analysis: Facts) -> Mapping[cst.CSTNode, Position]:
    """Where each node of ``module`` is in the user's file (it may be a rewrite)."""
    if analysis.rewritten_from is not None:
        return analysis.rewritten_from
    return node_positions(module)


def _replanned(
    rewritten: Rewritten,
    module: cst.Module,
    analysis: Facts,
    declarations: Declarations,
    imported: bool,
) -> tuple[cst.Module, Facts, ModulePlan] | None:
    """A rewrite of ``module`` analysed and planned afresh (its notes pointing at the
    user's code), or None when the rewrite holds a construct epic does not support."""
    new_module, facts = analyse(
        rewritten.module, declarations, rewritten.positions(_input_positions(module, analysis))
    )
    if unsupported(new_module, facts):
        return None
    return new_module, facts, plan_module(new_module, facts, imported=imported)


def _with_retries_outlined(
    module: cst.Module,
    analysis: Facts,
    plan: ModulePlan,
    declarations: Declarations,
    imported: bool,
) -> tuple[cst.Module, Facts, ModulePlan]:
    """Retry loops in a loop body written as functions of their own
    (``analysis/outline.py``, ``desugar.py``), so the loop rules may start each item's
    retry loop early: taken only when they then do, for every one written."""

    def makes_calls(node: cst.CSTNode) -> bool:
        return any(
            analysis.call_effect(call) >= Effect.EXTERNAL
            for call in calls_in(node)
            if call in analysis.calls.targets
        )

    if analysis.calls.dynamic_lookups:
        return module, analysis, plan  # ``locals()``/``eval``: any name may be read
    # Only for retry loops none of whose calls the loop rules start early as they are.
    early = loop_started_calls(plan)
    found = [
        o
        for o in find_outlines(module, list(analysis.calls.functions), makes_calls)
        if not any(call in early for call in calls_in(o.statement))
    ]
    outlines = [o for o in found if isinstance(o, Outline)]
    for _ in range(2):  # all of them, then the ones the loop rules started early
        if not outlines:
            break
        outlined, names = outline_retry_loops(module, outlines)
        replanned = _replanned(outlined, module, analysis, declarations, imported)
        if replanned is None:
            break
        new_module, facts, new_plan = replanned
        started = loop_started_calls(new_plan)
        taken = {
            target.function.name.value
            for call, target in facts.calls.targets.items()
            if isinstance(target, UserCall) and call in started
        }
        if set(names.values()) <= taken:
            return new_module, facts, new_plan
        outlines = [o for o in outlines if names[o.statement] in taken]
    # The notes of the loops kept in order say why their retry loop stays in place.
    refusals = dict(plan.loop_refusals)
    for refused in found:
        if refused.loop in analysis.calls.stream_loops:
            continue  # a stream's loop runs chunk by chunk whatever its inner loops do
        if isinstance(refused, Refusal) and refused.loop in refusals:
            inner = refused.statement
            attempts = isinstance(inner, cst.While) or (
                isinstance(inner.iter, cst.Call)
                and isinstance(inner.iter.func, cst.Name)
                and inner.iter.func.value == "range"
            )
            kind = "retry loop" if attempts else "inner loop"
            refusals[refused.loop] = LoopRefusal(
                f"its {kind} cannot become a function of its own: {refused.reason}",
                refused.statement,
            )
    if refusals != plan.loop_refusals:
        plan = dataclasses.replace(plan, loop_refusals=refusals)
        plan = dataclasses.replace(plan, kept_loops=kept_loops(analysis, plan))
    return module, analysis, plan


def _with_loop_heads_lifted(
    module: cst.Module,
    analysis: Facts,
    plan: ModulePlan,
    declarations: Declarations,
    imported: bool,
) -> tuple[cst.Module, Facts, ModulePlan]:
    """The call a loop's iterable evaluates first bound just before the loop
    (``for w in ask(q).split():``, ``for chunk in client...create(..., stream=True):``;
    ``desugar.py``), so it may start early like a call of its own: taken only for the
    loops whose call then does."""
    if analysis.calls.dynamic_lookups:
        return module, analysis, plan  # ``locals()``/``eval``: a new name could be seen
    heads = loop_heads(module, analysis)
    for _ in range(2):  # all of them, then the ones that start early
        if not heads:
            break
        lifted, names = lift_loop_heads(module, heads)
        replanned = _replanned(lifted, module, analysis, declarations, imported)
        if replanned is None:
            break
        new_module, facts, new_plan = replanned
        early = _early_bindings(new_module, new_plan, set(names.values()))
        if early == set(names.values()):
            return new_module, facts, new_plan
        heads = {loop: head for loop, head in heads.items() if names[loop] in early}
    return module, analysis, plan


def _early_bindings(module: cst.Module, plan: ModulePlan, names: set[str]) -> set[str]:
    """Which of ``names`` (each bound once, to a call) the plan starts early."""
    found: set[str] = set()

    class Bindings(cst.CSTVisitor):
        def visit_Assign(self, node: cst.Assign) -> None:
            target = node.targets[0].target
            if (
                len(node.targets) == 1
                and isinstance(target, cst.Name)
                and target.value in names
                and isinstance(node.value, cst.Call)
            ):
                if node.value in spawned:
                    found.add(target.value)

    blocks = [*plan.blocks.values(), *([plan.main.block] if plan.main is not None else [])]
    spawned = {
        op.task.call
        for block in blocks
        for op in block.ops
        if isinstance(op, Spawn) and op.task.call is not None
    }
    spawned.update(loop_started_calls(plan))
    module.visit(Bindings())
    return found


def _is_library(module: cst.Module, plan: ModulePlan, analysis: Facts) -> bool:
    """A library module: nothing runs at import but definitions and pure assignments
    (no output, no call with an effect). A script (its module code does something, or
    it has a ``__main__`` guard) is not imported."""
    if plan.main is not None:
        return False
    for statement in module.body:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            continue
        if not isinstance(statement, cst.SimpleStatementLine):
            return False  # an ``if __name__ == "__main__":``, a loop: script code
        if analysis.statement_facts(statement).effect > Effect.PURE:
            return False
    return True


def _importable_api(module: cst.Module, plan: ModulePlan, analysis: Facts) -> list[cst.FunctionDef]:
    """The public functions a library module would make async: every module importing
    it calls them synchronously."""
    if not _is_library(module, plan, analysis):
        return []
    return [
        statement
        for statement in module.body
        if isinstance(statement, cst.FunctionDef)
        and statement in plan.async_functions
        and not statement.name.value.startswith("_")
    ]


def _importable_error(
    path: str, source: str, functions: list[cst.FunctionDef], analysis: Facts
) -> Diagnostic:
    first = analysis.calls.position(functions[0])
    names = ", ".join(f"`{f.name.value}`" for f in functions)
    return Diagnostic(
        path,
        first.line,
        first.column,
        "error",
        "importable-module",
        f"this module only defines functions, and transpiling it would make {names} "
        "async: the modules that import it call them synchronously and would break",
        note="transpile the whole program (`epic transpile DIR -o OUT`, or every file "
        "of it at once), so its importers await them; or declare these functions "
        "external in [tool.epic]",
        source_line=source_line_at(source, first.line),
    )


# LibCST walks the tree recursively: long chains (1,000 implicitly concatenated
# strings, a sum of 1,000 terms) need more than Python's default 1,000 frames.
RECURSION_LIMIT = 20_000


@contextlib.contextmanager
def _deep_trees() -> Iterator[None]:
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, RECURSION_LIMIT))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


def transpile(
    source: str,
    *,
    path: str = "<stdin>",
    config: Config = DEFAULT_CONFIG,
    program: Program | None = None,
) -> TranspileResult:
    """Transpile one script's source text (passes 1-9); ``program``: the async
    functions of the other modules of the program it is part of."""
    with _deep_trees():
        return _transpile(source, path=path, config=config, program=program, check_fixed_point=True)


def _transpile(
    source: str,
    *,
    path: str,
    config: Config,
    program: Program | None,
    check_fixed_point: bool,
) -> TranspileResult:
    planned = analyse_and_plan(source, path=path, config=config, program=program)  # 1-4
    if isinstance(planned, TranspileResult):
        return planned
    module, analysis, plan = planned.module, planned.analysis, planned.plan
    output = update_imports(module.visit(Emitter(plan)), plan.rewrites.imports)  # 5, 6
    code = format_code(output.code, config.line_length)  # 7
    failures = check_output(source, code, path=path, line_length=config.line_length)  # 8
    if not failures and check_fixed_point and not _uses_async_syntax(code):
        # (Output with ``async def`` or ``await`` comes back as it is, with the warning
        # that it already uses asyncio: a full second pass would only confirm that.)
        again = _transpile(code, path=path, config=config, program=program, check_fixed_point=False)
        if again.code != code:
            failures = [
                OutputFailure("fixed-point", 1, 1, "transpiling the output again changes it")
            ]
    if failures:
        return TranspileResult(None, tuple(_internal(path, code, f) for f in failures))
    notes = [
        *barrier_notes(plan, path, source),
        *loop_notes(plan, path, source),
        *pacing_notes(plan, path, source),
    ]  # 9
    kept = [
        *kept_sync_notes(analysis.kept_sync, analysis.calls.positions, path, source),
        *blocking_call_notes(analysis, path, source),
    ]
    ordered = tuple(sorted([*notes, *kept], key=lambda d: (d.line, d.column)))
    made_async = interface(
        module,
        analysis,
        plan.async_functions,
        library=_is_library(module, plan, analysis),
        runs_at_import=plan.main is not None and plan.main.guard is None,
    )
    return TranspileResult(
        code, ordered, tuple(plan.decisions), interface=made_async if program is not None else None
    )


def _uses_async_syntax(code: str) -> bool:
    """Whether the code has an ``async def``, ``await``, ``async for`` or ``async
    with`` (the pipeline keeps such a file as it is, see ``analysis/support.py``)."""
    return any(
        isinstance(node, ast.AsyncFunctionDef | ast.Await | ast.AsyncFor | ast.AsyncWith)
        for node in ast.walk(ast.parse(code))
    )


def _internal(path: str, code: str, failure: OutputFailure) -> Diagnostic:
    return Diagnostic(
        f"{path} (generated)",
        failure.line,
        failure.column,
        "error",
        INTERNAL_ERROR,
        f"{failure.check}: {failure.message}",
        note="this is a bug in epic, not in the input: nothing was written; please "
        "report it with the input",
        source_line=source_line_at(code, failure.line),
    )
