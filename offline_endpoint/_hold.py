"""Held replies: make overlap visible in the request log whatever the machine's speed.

With the latency model alone, whether two requests overlap depends on the client
sending the second one before the first one's reply is due: on a busy machine a client
that does send them concurrently may still be too slow to show it. A *hold* takes the
clock out of it. While a hold applies to a request, its reply waits; the client has to
send its other requests without that reply, or the hold is never met:

``in_flight=N``
    a one-shot barrier: until N API requests have been in flight at the same time, every
    reply is held. The request that makes N opens the barrier for good (until the next
    reset or hold), and every held reply is let go at once. A client that really has N
    requests out at once therefore shows a peak of N in the log; one that waits for a
    reply before sending the next request never gets there.
``until=[(X, Y), ...]``
    the reply of a request whose prompt contains ``Y`` is held until a request whose
    prompt contains ``X`` has been received: ``X`` was sent while ``Y`` was in flight
    exactly when the client did not need ``Y``'s reply to send it.
``quiet=S``
    the guard against holding forever: a held reply is let go anyway once no API request
    has been received for ``S`` seconds, since the client is then waiting for a reply (a
    step of the program that needs one). Only a client that pauses for longer than ``S``
    between two requests it sends concurrently can fail to show their overlap.

A *streamed* reply is held before its end instead, by either rule: its text streams as
usual and its finishing chunk waits. So a request the client sends after reading part
of a stream (a check of its first line) counts as in flight together with the stream,
and ``until=[(X, Y)]`` shows that ``X`` was sent while the stream ``Y`` was still open.

A held reply is sent as if its request had arrived when it was let go: its latency
(``LatencyModel``) counts from then. Requests answered at once (injected faults,
invalid requests, ``/v1/models``) are neither held nor counted. The record of a held
request gives the time it was let go (``RequestRecord.released``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["DEFAULT_QUIET", "Hold", "HoldRules", "hold_rules_from_json"]

#: Seconds without a new request after which a held reply is let go.
DEFAULT_QUIET = 2.0


@dataclass(frozen=True, slots=True)
class HoldRules:
    """What to hold (see the module docstring); the default holds nothing."""

    in_flight: int = 0
    until: tuple[tuple[str, str], ...] = ()
    quiet: float = DEFAULT_QUIET

    def to_json(self) -> dict[str, Any]:
        """The rules as the JSON body of ``POST /_epic/hold``."""
        return {
            "in_flight": self.in_flight,
            "until": [list(p) for p in self.until],
            "quiet": self.quiet,
        }


def hold_rules_from_json(body: object) -> HoldRules:
    """Rules from the JSON body of ``POST /_epic/hold``; raises ValueError if malformed."""
    if not isinstance(body, Mapping):
        raise ValueError('expected {"in_flight": N, "until": [[X, Y], ...], "quiet": S}')
    unknown = sorted(str(k) for k in body if k not in ("in_flight", "until", "quiet"))
    if unknown:
        raise ValueError(
            f"unknown hold field(s): {', '.join(unknown)}; known: in_flight, until, quiet"
        )
    in_flight = body.get("in_flight", 0)
    if type(in_flight) is not int or in_flight < 0:
        raise ValueError(f'"in_flight" must be an integer >= 0, got {in_flight!r}')
    quiet = body.get("quiet", DEFAULT_QUIET)
    if isinstance(quiet, bool) or not isinstance(quiet, (int, float)) or not quiet > 0:
        raise ValueError(f'"quiet" must be a number of seconds > 0, got {quiet!r}')
    until = body.get("until", [])
    if (
        not isinstance(until, Sequence)
        or isinstance(until, str)
        or not all(_is_pair(p) for p in until)
    ):
        raise ValueError('"until" must be a list of [X, Y] pairs of non-empty prompt parts')
    return HoldRules(in_flight, tuple((p[0], p[1]) for p in until), float(quiet))


def _is_pair(value: object) -> bool:
    return (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and len(value) == 2
        and all(isinstance(part, str) and part for part in value)
    )


class Hold:
    """The hold of one generation of the log (a reset or a new hold starts another).

    Lives on the server's event loop thread only.
    """

    def __init__(self, rules: HoldRules | None = None) -> None:
        self.rules = rules if rules is not None else HoldRules()
        self.in_flight = 0
        self._barrier_open = self.rules.in_flight <= 1
        self._seen = [False] * len(self.rules.until)  # X of each ``until`` pair received
        self._last_arrival = time.monotonic()
        self._changed = asyncio.Event()

    def arrived(self) -> None:
        """An API request was received (any: a fault too): the client is not waiting."""
        self._last_arrival = time.monotonic()

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def _holds(self, prompt: str) -> bool:
        if not self._barrier_open:
            return True
        return any(
            not seen and held in prompt
            for (_, held), seen in zip(self.rules.until, self._seen, strict=True)
        )

    async def admit(self, prompt: str, *, stream: bool = False) -> float | None:
        """Count a request in flight and wait while a rule holds its reply (a streamed
        reply is not held here, but by :meth:`admit_end`).

        Returns when it was let go (``time.monotonic()``), or None if it was not held.
        The caller must call :meth:`done` once the request is finished.
        """
        self.in_flight += 1
        self.arrived()
        opened = not self._barrier_open and self.in_flight >= self.rules.in_flight
        if opened:
            self._barrier_open = True
        for index, (sent, _) in enumerate(self.rules.until):
            if not self._seen[index] and sent in prompt:
                self._seen[index] = opened = True
        if opened:
            self._notify()
        if stream:
            return None
        return await self._wait_while(lambda: self._holds(prompt))

    async def admit_end(self, prompt: str) -> float | None:
        """Wait, before the end of a streamed reply, while a rule holds it. Returns
        when it was let go, or None if it was not held."""
        return await self._wait_while(lambda: self._holds(prompt))

    async def _wait_while(self, held: Callable[[], bool]) -> float | None:
        if not held():
            return None
        while held():
            remaining = self._last_arrival + self.rules.quiet - time.monotonic()
            if remaining <= 0:
                break  # the client waits for a reply: holding on would only stall it
            changed = self._changed
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                pass
        return time.monotonic()

    def done(self) -> None:
        """A request counted by :meth:`admit` is finished."""
        self.in_flight -= 1
