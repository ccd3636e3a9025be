"""``epic explain``: for every external call, what the plan does with it and why.

A renderer (it decides nothing and works nothing out): the plan records each call's
fate and reason (``plan/reasons.py``).
"""

from __future__ import annotations

from transpiler.pipeline import Analysed
from transpiler.plan.types import CallDecision

#: One external (or async) call and what happens to it.
CallReport = CallDecision


def explain(analysed: Analysed) -> list[CallReport]:
    """What happens to every awaited call of the module, in source order."""
    return list(analysed.plan.decisions)


def render(path: str, reports: list[CallReport]) -> str:
    """The report as text, grouped by function."""
    if not reports:
        return f"{path}: no external calls\n"
    lines = [f"{path}:"]
    current = None
    for report in reports:
        if report.function != current:
            current = report.function
            lines.append(f"  in {current}:")
        marker = "early " if report.early else "inline"
        lines.append(f"    {report.line}:{report.column}  [{marker}] {report.call}: {report.how}")
    early = sum(r.early for r in reports)
    inline = len(reports) - early
    lines.append(
        f"{len(reports)} external call site{'' if len(reports) == 1 else 's'}: "
        f"{early} start{'s' if early == 1 else ''} early, "
        f"{inline} {'is' if inline == 1 else 'are'} awaited in place"
    )
    return "\n".join(lines) + "\n"
