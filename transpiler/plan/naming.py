"""Fresh names for what the generated code introduces (futures, lists, scopes)."""

from __future__ import annotations

from collections.abc import Iterable


class Namer:
    """The names taken in one scope of the output, and the fresh ones it hands out.

    Every name the planner introduces comes from a ``Namer``: ``base``, or ``base2``,
    ``base3``... (the first not taken), which is then taken. A plan that may be dropped
    (an inner loop tried for splitting) names its parts in a :meth:`fork`, and the
    names are only :meth:`adopt`-ed when the plan is kept.
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = set(taken)

    def fresh(self, base: str) -> str:
        """The first of ``base``, ``base2``, ``base3``... not taken (now taken)."""
        candidate, counter = base, 2
        while candidate in self._taken:
            candidate = f"{base}{counter}"
            counter += 1
        self._taken.add(candidate)
        return candidate

    def fork(self) -> Namer:
        """A copy: names taken in it are not taken here until :meth:`adopt`."""
        return Namer(self._taken)

    def adopt(self, fork: Namer) -> None:
        """Take every name ``fork`` took."""
        self._taken |= fork._taken
