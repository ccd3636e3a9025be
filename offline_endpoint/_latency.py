"""Latency model and per-request directives (prompt markers and the ``epic`` body field).

Directives are read from the *prompt* of a request (the last user message of a chat
request, the prompt of a completion, the input of a Responses request) and from an
optional JSON body field ``"epic"``.  Marker syntax (anywhere in the prompt):

``[ttft:0.5]``        time to first token, seconds (before ``scale``)
``[per_token:0.01]``  seconds per further token (``[per-token:..]`` is accepted too)
``[latency:1.2]``     total latency: sets ``ttft=1.2`` and ``per_token=0``
``[fail:429]``        every request with this prompt fails with that HTTP status
``[fail-once:429]``   only the first request with exactly this request body content
                      fails; identical later requests (e.g. the client's retry) succeed

The body field ``{"epic": {"ttft": .., "per_token": .., "latency": .., "fault": ..,
"fault_once": ..}}`` (sent by the openai client with ``extra_body=``) takes precedence
over markers.  ``fault`` is a status code (fails every time) or
``{"status": CODE, "once": bool}``.  The server-wide ``scale`` applies to every delay,
including overridden ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

__all__ = ["Directives", "LatencyModel", "directives_from_body", "parse_markers"]


@dataclass(frozen=True)
class LatencyModel:
    """Deterministic latency of one reply: time to first token plus time per token.

    A non-streamed reply of ``tokens`` tokens is sent ``scale * (ttft + per_token *
    tokens)`` seconds after the request arrived.  A streamed reply sends its first
    content chunk after ``scale * ttft`` and every further token ``scale * per_token``
    later.  ``tokens`` is the number of whitespace-separated words (at least 1).
    """

    ttft: float = 0.3
    per_token: float = 0.02
    scale: float = 1.0

    def __post_init__(self) -> None:
        for name in ("ttft", "per_token", "scale"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or value < 0 or value != value:
                raise ValueError(
                    f"LatencyModel.{name} must be a non-negative number, got {value!r}"
                )

    def first_token_delay(self) -> float:
        """Seconds from request arrival to the first streamed content chunk."""
        return self.scale * self.ttft

    def token_delay(self) -> float:
        """Seconds between two consecutive streamed tokens."""
        return self.scale * self.per_token

    def reply_delay(self, tokens: int) -> float:
        """Seconds from request arrival to a non-streamed reply of ``tokens`` tokens."""
        return self.scale * (self.ttft + self.per_token * max(1, tokens))

    def stream_delay(self, tokens: int) -> float:
        """Seconds from request arrival to the last token of a streamed reply."""
        return self.scale * (self.ttft + self.per_token * (max(1, tokens) - 1))

    def with_overrides(
        self, ttft: float | None = None, per_token: float | None = None
    ) -> LatencyModel:
        """This model with ``ttft`` and/or ``per_token`` replaced (``scale`` kept)."""
        return replace(
            self,
            ttft=self.ttft if ttft is None else ttft,
            per_token=self.per_token if per_token is None else per_token,
        )


@dataclass(frozen=True)
class Directives:
    """Per-request overrides: latency parameters and an injected fault."""

    ttft: float | None = None
    per_token: float | None = None
    fail: int | None = None
    fail_once: int | None = None

    def merged_over(self, base: Directives) -> Directives:
        """Fields set here win over the ones of ``base``."""
        return Directives(
            ttft=self.ttft if self.ttft is not None else base.ttft,
            per_token=self.per_token if self.per_token is not None else base.per_token,
            fail=self.fail if self.fail is not None else base.fail,
            fail_once=self.fail_once if self.fail_once is not None else base.fail_once,
        )

    def latency(self, base: LatencyModel) -> LatencyModel:
        """The latency model of this request."""
        return base.with_overrides(ttft=self.ttft, per_token=self.per_token)


_MARKER = re.compile(
    r"\[(ttft|per_token|per-token|latency|fail|fail-once)\s*:\s*([0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*\]",
    re.IGNORECASE,
)


def _status(value: float, source: str) -> int:
    code = int(value)
    if code != value or not 400 <= code <= 599:
        raise ValueError(f"{source}: the fault status must be an HTTP error code 400..599")
    return code


def parse_markers(text: str) -> Directives:
    """Directives from the markers in ``text`` (the last marker of a kind wins).

    Raises ValueError for a fail marker whose code is not 400..599.
    """
    ttft: float | None = None
    per_token: float | None = None
    fail: int | None = None
    fail_once: int | None = None
    for match in _MARKER.finditer(text):
        kind = match.group(1).lower().replace("-", "_")
        value = float(match.group(2))
        if kind == "ttft":
            ttft = value
        elif kind == "per_token":
            per_token = value
        elif kind == "latency":
            ttft, per_token = value, 0.0
        elif kind == "fail":
            fail = _status(value, match.group(0))
        else:
            fail_once = _status(value, match.group(0))
    return Directives(ttft=ttft, per_token=per_token, fail=fail, fail_once=fail_once)


def _number(obj: Mapping[str, object], key: str) -> float | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f'"epic.{key}" must be a non-negative number, got {value!r}')
    return float(value)


def directives_from_body(field: object) -> Directives:
    """Directives from the ``"epic"`` JSON body field (``None`` means no overrides).

    Raises ValueError when the field is malformed.
    """
    if field is None:
        return Directives()
    if not isinstance(field, Mapping):
        raise ValueError('"epic" must be a JSON object')
    known = {"ttft", "per_token", "latency", "fault", "fault_once"}
    unknown = sorted(str(k) for k in field if k not in known)
    if unknown:
        raise ValueError(
            f'unknown "epic" field(s): {", ".join(unknown)}; known: {", ".join(sorted(known))}'
        )
    ttft = _number(field, "ttft")
    per_token = _number(field, "per_token")
    latency = _number(field, "latency")
    if latency is not None:
        ttft, per_token = latency, 0.0
    fail: int | None = None
    fail_once: int | None = None
    fault = field.get("fault")
    if isinstance(fault, Mapping):
        status = fault.get("status")
        if isinstance(status, bool) or not isinstance(status, (int, float)):
            raise ValueError('"epic.fault.status" must be an HTTP status code')
        if fault.get("once", False):
            fail_once = _status(status, "epic.fault")
        else:
            fail = _status(status, "epic.fault")
    elif fault is not None:
        if isinstance(fault, bool) or not isinstance(fault, (int, float)):
            raise ValueError('"epic.fault" must be a status code or {"status": CODE, "once": bool}')
        fail = _status(fault, "epic.fault")
    once = field.get("fault_once")
    if once is not None:
        if isinstance(once, bool) or not isinstance(once, (int, float)):
            raise ValueError('"epic.fault_once" must be a status code')
        fail_once = _status(once, "epic.fault_once")
    return Directives(ttft=ttft, per_token=per_token, fail=fail, fail_once=fail_once)
