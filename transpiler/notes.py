"""Notes on what keeps calls in program order: ``path:line:col: note: ...  [kept-in-order]``.

A renderer: the plan records each barrier statement that stands between awaited calls
of one block, with the reason (``plan/reasons.py``); this module turns the records
into diagnostics.
"""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst

from transpiler.analysis.calls import Position
from transpiler.diagnostics import Diagnostic, source_line_at
from transpiler.plan.types import ModulePlan

CODE = "kept-in-order"
KEPT_SYNC = "kept-sync"
RATE_LIMIT = "rate-limit"


def barrier_notes(plan: ModulePlan, path: str, source: str) -> list[Diagnostic]:
    """A note for each barrier the plan records."""
    return [
        Diagnostic(
            path,
            kept.line,
            kept.column,
            "note",
            CODE,
            f"{kept.why}: the calls before and after it stay in program order",
            source_line=source_line_at(source, kept.line),
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
            Diagnostic(
                path,
                kept.line,
                kept.column,
                "note",
                CODE,
                f"`{kept.header}` runs iteration by iteration: {kept.why}{where}",
                source_line=source_line_at(source, kept.line),
            )
        )
    return notes


def pacing_notes(plan: ModulePlan, path: str, source: str) -> list[Diagnostic]:
    """A note for each sleep that no longer spaces out requests (its loop's iterations
    overlap), pointing to the concurrency cap."""
    return [
        Diagnostic(
            path,
            sleep.line,
            sleep.column,
            "note",
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
            source_line=source_line_at(source, sleep.line),
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
            Diagnostic(
                path,
                position.line,
                position.column,
                "note",
                KEPT_SYNC,
                f"`{function.name.value}` stays a plain function, its calls in place: {why}",
                source_line=source_line_at(source, position.line),
            )
        )
    return sorted(notes, key=lambda d: (d.line, d.column))
