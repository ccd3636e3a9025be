"""Notes on what keeps calls in program order: ``path:line:col: note: ...  [kept-in-order]``.

A renderer: the plan records each barrier statement that stands between awaited calls
of one block, with the reason (``plan/reasons.py``); this module turns the records
into diagnostics.
"""

from __future__ import annotations

from transpiler.diagnostics import Diagnostic, source_line_at
from transpiler.plan.types import ModulePlan

CODE = "kept-in-order"


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
