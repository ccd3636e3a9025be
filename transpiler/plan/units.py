"""One statement as the scheduler sees it, and the order facts between two statements."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from transpiler.analysis.effects import StatementFacts
from transpiler.analysis.externals import Effect
from transpiler.plan.raising import cannot_raise


@dataclass(frozen=True, slots=True)
class Unit:
    """One statement of the block and the facts the scheduler needs about it."""

    index: int
    node: cst.BaseStatement
    facts: StatementFacts
    target: str | None
    call: cst.BaseExpression | None  # the awaited call (or gathered comprehension)
    value: cst.BaseExpression | None  # the assigned expression, for pure tasks

    @property
    def ordered(self) -> bool:
        return self.facts.effect >= Effect.OUTPUT or self.facts.transfers_control

    @property
    def barrier(self) -> bool:
        return self.facts.effect >= Effect.UNKNOWN or self.facts.transfers_control

    @property
    def may_raise(self) -> bool:
        """Whether running it could raise (an exception is an observable effect too)."""
        return not cannot_raise(self.node)


def commute_conflict(a: StatementFacts, b: StatementFacts) -> bool:
    """Whether one of the two fills a memo cache the other uses in another way (reads
    it, stores to it, passes it on): then they keep their program order. Two calls
    that only fill the same cache may overlap (see ``analysis/memo.py``)."""
    return bool(
        a.commuting & (b.names.reads | b.names.writes)
        or b.commuting & (a.names.reads | a.names.writes)
    )


def start_order(earlier: StatementFacts, later: StatementFacts) -> bool:
    """Whether both fill the same memo cache (or add to the same counter): then the
    later one's calls may not start before the earlier one's. They may overlap, but
    the call that computes a key must be the first in program order, as sequentially
    (the one that makes the request, and whose failure is the one that is seen)."""
    return bool(earlier.commuting & later.commuting)


def single_small(node: cst.BaseStatement) -> cst.BaseSmallStatement | None:
    if isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1:
        return node.body[0]
    return None


#: How many names ``a, b = value`` may unpack into when its value is computed in a task.
UNPACKED_NAMES = range(2, 5)


def unpacked_names(node: cst.BaseStatement) -> tuple[str, ...]:
    """The names of ``a, b = value`` (distinct plain names, no starred one, as many as
    ``spawn_after(unpack=...)`` takes); () for any other statement."""
    small = single_small(node)
    if not isinstance(small, cst.Assign) or len(small.targets) != 1:
        return ()
    target = small.targets[0].target
    if not isinstance(target, (cst.Tuple, cst.List)):
        return ()
    names = tuple(e.value.value for e in target.elements if isinstance(e.value, cst.Name))
    if (
        len(names) != len(target.elements)
        or any(isinstance(e, cst.StarredElement) for e in target.elements)
        or len(set(names)) != len(names)
        or len(names) not in UNPACKED_NAMES
    ):
        return ()
    return names
