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
