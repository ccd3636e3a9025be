"""Dependency structure of a workload, and its critical-path lower bound.

Each workload writes down, as data, the requests its sequential script makes and which
reply (or which *line* of a streamed reply) each one needs before it can be sent.  The
replies are predicted exactly: the offline endpoint is deterministic
(:func:`offline_endpoint.chat_reply`), so the dependency model computes the very
prompts the script will send, and the harness checks them against the endpoint's log.

The bound is the earliest time every request could have finished with unlimited
concurrency and zero client overhead: a request starts when the last value it needs
exists; a non-streamed reply arrives ``scale * (ttft + per_token * tokens)`` after it
starts; line ``k`` of a streamed reply arrives with the token that ends it, at
``scale * (ttft + per_token * index)`` where ``index`` is that token's position (the
endpoint sends token ``i`` at ``ttft + i * per_token``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from offline_endpoint import LatencyModel, chat_reply, count_tokens, stream_pieces

MODEL = "gpt-4o-mini"


@dataclass(frozen=True)
class Dep:
    """What a request (or an output line) waits for: a whole reply, or one line of a stream."""

    request: int
    line: int | None = None  # 0-based line of a streamed reply; None: the whole reply


@dataclass
class Request:
    """One request the workload sends."""

    id: int
    label: str
    prompt: str
    text: str  # the reply the endpoint will send
    stream: bool
    after: tuple[Dep, ...]

    @property
    def tokens(self) -> int:
        return count_tokens(self.text)

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def line(self, k: int) -> Dep:
        """The dependency on line ``k`` (0-based) of this streamed reply."""
        if not self.stream:
            raise ValueError(f"request {self.id} ({self.label}) is not streamed")
        return Dep(self.id, k)

    @property
    def done(self) -> Dep:
        return Dep(self.id)


@dataclass
class Dag:
    """The requests of one workload, in the order the sequential script sends them."""

    requests: list[Request] = field(default_factory=list)
    first_output: tuple[Dep, ...] = ()  # what the first stdout line needs

    # ------------------------------------------------------------------ building

    def ask(
        self,
        prompt: str,
        *,
        after: Iterable[Dep | Request] = (),
        max_tokens: int | None = None,
        seed: int | None = None,
        label: str = "",
        stream: bool = False,
    ) -> Request:
        """Record one chat request (one user message) and predict its reply."""
        text = chat_reply(MODEL, [{"role": "user", "content": prompt}], max_tokens, seed=seed)
        deps = tuple(d.done if isinstance(d, Request) else d for d in after)
        for d in deps:
            if not 1 <= d.request <= len(self.requests):
                raise ValueError(f"dependency on unknown request {d.request}")
        request = Request(len(self.requests) + 1, label or f"r{len(self.requests) + 1}",
                          prompt, text, stream, deps)  # fmt: skip
        self.requests.append(request)
        return request

    def output_after(self, *deps: Dep | Request) -> None:
        """Declare what the first line of stdout needs (call once)."""
        self.first_output = tuple(d.done if isinstance(d, Request) else d for d in deps)

    # ------------------------------------------------------------------ timing

    def schedule(self, latency: LatencyModel) -> dict[int, tuple[float, float]]:
        """Earliest (start, finish) of every request with unlimited concurrency."""
        times: dict[int, tuple[float, float]] = {}
        for r in self.requests:
            start = max((self.available(d, times, latency) for d in r.after), default=0.0)
            if r.stream:
                finish = start + latency.stream_delay(r.tokens)
            else:
                finish = start + latency.reply_delay(r.tokens)
            times[r.id] = (start, finish)
        return times

    def available(
        self, dep: Dep, times: dict[int, tuple[float, float]], latency: LatencyModel
    ) -> float:
        start, finish = times[dep.request]
        if dep.line is None:
            return finish
        request = self.requests[dep.request - 1]
        index = line_end_token(request.text, dep.line)
        return start + latency.first_token_delay() + index * latency.token_delay()

    def bound(self, latency: LatencyModel) -> float:
        """The critical-path lower bound: when the last request could finish."""
        times = self.schedule(latency)
        return max((f for _, f in times.values()), default=0.0)

    def first_output_bound(self, latency: LatencyModel) -> float:
        """The earliest time the first stdout line could appear (after start-up)."""
        times = self.schedule(latency)
        return max((self.available(d, times, latency) for d in self.first_output), default=0.0)

    def serial_time(self, latency: LatencyModel) -> float:
        """Sum of all request latencies (one after the other, nothing overlapped)."""
        return sum(
            latency.stream_delay(r.tokens) if r.stream else latency.reply_delay(r.tokens)
            for r in self.requests
        )

    def critical_path(self, latency: LatencyModel) -> list[Request]:
        """The chain of requests that sets the bound, first to last."""
        times = self.schedule(latency)
        if not times:
            return []
        current = max(times, key=lambda i: times[i][1])
        chain = [self.requests[current - 1]]
        while True:
            r = self.requests[current - 1]
            start = times[current][0]
            waits = [d for d in r.after if abs(self.available(d, times, latency) - start) < 1e-12]
            if not waits:
                break
            current = waits[0].request
            chain.append(self.requests[current - 1])
        return chain[::-1]

    def signature(self) -> list[tuple[str, bool, int]]:
        """(prompt, stream, tokens) of every request, sorted: compared with the endpoint log."""
        return sorted((r.prompt, r.stream, r.tokens) for r in self.requests)


def line_end_token(text: str, line: int) -> int:
    """0-based index of the streamed token that completes line ``line`` of ``text``."""
    pieces = stream_pieces(text)
    seen = 0
    for index, piece in enumerate(pieces):
        seen += piece.count("\n")
        if seen > line:
            return index
    if line <= seen:  # the last line ends with the stream
        return len(pieces) - 1
    raise ValueError(f"the reply has {seen + 1} lines, no line {line}")


def summary(dag: Dag, latency: LatencyModel) -> dict[str, object]:
    """Bound, serial time, request count and the critical path, for the report."""
    chain: Sequence[Request] = dag.critical_path(latency)
    return {
        "requests": len(dag.requests),
        "bound_s": dag.bound(latency),
        "first_output_bound_s": dag.first_output_bound(latency),
        "serial_s": dag.serial_time(latency),
        "critical_path": [r.label for r in chain],
    }
