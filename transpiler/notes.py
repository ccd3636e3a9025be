"""Notes on what keeps calls in program order: ``path:line:col: note: ...  [kept-in-order]``.

A renderer: the plan records each barrier statement that stands between awaited calls
of one block, with the reason (``plan/reasons.py``); this module turns the records
into diagnostics.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import libcst as cst

from transpiler.analysis.calls import Position
from transpiler.analysis.externals import ExternalCall
from transpiler.analysis.facts import Facts
from transpiler.diagnostics import Diagnostic, source_line_at
from transpiler.plan.types import ModulePlan

CODE = "kept-in-order"
KEPT_SYNC = "kept-sync"
RATE_LIMIT = "rate-limit"


class _Located(Protocol):
    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


def _note(
    path: str, source: str, at: _Located, code: str, message: str, note: str | None = None
) -> Diagnostic:
    """A note at ``at`` in ``path``, showing that line of ``source``."""
    line = source_line_at(source, at.line)
    return Diagnostic(path, at.line, at.column, "note", code, message, note, line)


def barrier_notes(plan: ModulePlan, path: str, source: str) -> list[Diagnostic]:
    """A note for each barrier the plan records."""
    return [
        _note(
            path,
            source,
            kept,
            CODE,
            f"{kept.why}: the calls before and after it stay in program order",
        )
        for kept in plan.kept_in_order
    ]


def loop_notes(plan: ModulePlan, path: str, source: str) -> list[Diagnostic]:
    """A note for each loop with awaited calls that runs iteration by iteration, naming
    the line that keeps it so."""
    notes = []
    for kept in plan.kept_loops:
        at = source_line_at(source, kept.at_line)
        where = (
            ""
            if kept.at_line == kept.line or at is None
            else f" (line {kept.at_line}: `{at.strip()}`)"
        )
        notes.append(
            _note(
                path,
                source,
                kept,
                CODE,
                f"`{kept.header}` runs iteration by iteration: {kept.why}{where}",
            )
        )
    return notes


def pacing_notes(plan: ModulePlan, path: str, source: str) -> list[Diagnostic]:
    """A note for each sleep that no longer spaces out requests (its loop's iterations
    overlap), pointing to the concurrency cap."""
    return [
        _note(
            path,
            source,
            sleep,
            RATE_LIMIT,
            (
                f"`{sleep.call}` sleeps, in a loop whose iterations now overlap: its sleep "
                "no longer spaces out the loop's requests"
                if sleep.through_function
                else f"`{sleep.call}` is in a loop whose iterations now overlap: it no "
                "longer spaces out the loop's requests"
            ),
            note="to limit the request rate, cap the calls in flight with "
            "`EPIC_MAX_CONCURRENCY=n` or `epic.set_concurrency_limit(n)`",
        )
        for sleep in plan.unpaced_sleeps
    ]


def kept_sync_notes(
    kept_sync: Mapping[cst.FunctionDef, str],
    positions: Mapping[cst.CSTNode, Position],
    path: str,
    source: str,
) -> list[Diagnostic]:
    """A note for each function that makes external calls but stays sync, and why (it
    runs as written: its calls block, and nothing around them overlaps)."""
    notes = []
    for function, why in kept_sync.items():
        position = positions.get(function, Position(1, 1))
        notes.append(
            _note(
                path,
                source,
                position,
                KEPT_SYNC,
                f"`{function.name.value}` stays a plain function, its calls in place: {why}",
            )
        )
    return sorted(notes, key=lambda d: (d.line, d.column))


def blocking_call_notes(analysis: Facts, path: str, source: str) -> list[Diagnostic]:
    """A note for each external call that blocks where it is written because nothing
    can await it there (a lambda, a class body, a default), outside the functions
    kept sync (their own note covers their calls)."""
    found: list[tuple[Position, str]] = []
    for call, target in analysis.calls.targets.items():
        if not isinstance(target, ExternalCall) or analysis.is_awaited(call):
            continue
        context = analysis.calls.contexts.get(call)
        if context is None or context.sync is None:
            continue
        if context.function is not None and context.function in analysis.kept_sync:
            continue
        name = cst.Module([]).code_for_node(call.func)
        why = f"it is {context.sync}, where nothing can await it"
        found.append((analysis.calls.position(call), f"`{name}(...)` blocks where it is: {why}"))
    notes = [_note(path, source, at, KEPT_SYNC, message) for at, message in found]
    return sorted(notes, key=lambda d: (d.line, d.column))
