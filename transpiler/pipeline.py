"""The whole pipeline, top to bottom.

1. parse      source -> LibCST module (or a ``syntax-error``)
2. analyse    calls, function summaries, statement effects (facts, keyed by node)
3. support    constructs we cannot yet parallelise correctly keep the file sequential
4. plan       per block: what is spawned where, what is awaited where (decisions)
5. emit       apply the plan to the module (edits only), add imports
6. format     black
7. check      the output compiles and is black-stable
A script with no external call comes back byte-identical.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from transpiler.analysis.externals import Declarations
from transpiler.analysis.facts import Facts, analyse
from transpiler.analysis.support import unsupported
from transpiler.checks import compiles
from transpiler.config import Config
from transpiler.diagnostics import Diagnostic, source_line_at
from transpiler.emit.imports import update_imports
from transpiler.emit.transform import Emitter
from transpiler.formatting import format_code
from transpiler.notes import barrier_notes
from transpiler.parse import Unparsable, parse
from transpiler.plan.module import plan_module
from transpiler.plan.types import ModulePlan


@dataclass(frozen=True, slots=True)
class TranspileResult:
    """What one run produced: the code (None when there are errors) and diagnostics."""

    code: str | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

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


def analyse_and_plan(
    source: str, *, path: str = "<stdin>", config: Config = Config()
) -> Analysed | TranspileResult:
    """Passes 1-4. A :class:`TranspileResult` when the pipeline ends early (errors,
    nothing to do, kept sequential), else the facts and the plan."""
    with _deep_trees():
        return _analyse_and_plan(source, path=path, config=config)


def _analyse_and_plan(source: str, *, path: str, config: Config) -> Analysed | TranspileResult:
    parsed = parse(source, path)
    if isinstance(parsed, Diagnostic):
        return TranspileResult(None, (parsed,))
    if isinstance(parsed, Unparsable):
        return TranspileResult(source, (parsed.warning,))
    declarations = Declarations(frozenset(config.external), frozenset(config.ordered))
    module, analysis = analyse(parsed, declarations)
    if not analysis.calls.targets or not any(
        analysis.is_awaited(call) for call in analysis.calls.targets
    ):
        return TranspileResult(source, ())  # nothing to make parallel: unchanged

    problems = unsupported(module, analysis)
    if problems:
        diagnostics = tuple(
            Diagnostic(
                path, position.line, position.column, "warning", "unsupported-construct",
                f"{why}: the file is kept sequential",
                note="epic cannot yet parallelise this construct correctly; the output is "
                "the input unchanged",
                source_line=source_line_at(source, position.line),
            )
            for position, why in problems
        )
        return TranspileResult(source, diagnostics)
    return Analysed(module, analysis, plan_module(module, analysis))


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


def transpile(source: str, *, path: str = "<stdin>", config: Config = Config()) -> TranspileResult:
    """Transpile one script's source text."""
    with _deep_trees():
        return _transpile(source, path=path, config=config)


def _transpile(source: str, *, path: str, config: Config) -> TranspileResult:
    planned = analyse_and_plan(source, path=path, config=config)
    if isinstance(planned, TranspileResult):
        return planned
    module, analysis, plan = planned.module, planned.analysis, planned.plan
    output = update_imports(module.visit(Emitter(plan)), plan.rewrites.imports)
    code = format_code(output.code, config.line_length)
    error = compiles(code, path)
    if error is not None:
        raise AssertionError(f"generated code does not compile: {error}\n{code}")
    notes = barrier_notes(module, analysis, plan.async_functions, path, source)
    return TranspileResult(code, tuple(notes))
