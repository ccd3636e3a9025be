"""The aiohttp application: OpenAI-compatible routes plus ``/_epic`` control routes.

API routes (any API key, or none, is accepted):

- ``POST /v1/chat/completions`` (``stream``, ``stream_options.include_usage``, ``n``)
- ``POST /v1/completions`` (``stream``, ``n``, a string or list of string prompts)
- ``POST /v1/embeddings`` (``encoding_format`` float/base64, ``dimensions``, default 16)
- ``POST /v1/responses`` (``stream``: the API's typed events, one text delta per token)
- ``GET /v1/models``, ``GET /v1/models/{id}``

Control routes (not logged, never faulted):

- ``GET /_epic/log``: the request log as a JSON list of records, by id
- ``POST /_epic/reset``: clear the log (ids restart at 1; requests in flight at that
  moment are not logged), the fail-once memory, the fault plan and the hold
- ``GET|POST /_epic/faults``: read / set the server-wide plan ``{"status": 429, "count": 3}``
- ``GET /_epic/info``: latency model, ``retry_after``, the clock origin, the number of
  records and of requests in flight (those that may be held)
- ``GET|POST /_epic/hold``: read / set the rules that hold replies back until the client
  shows its overlap, ``{"in_flight": 3, "until": [["X", "Y"]], "quiet": 2.0}``
  (``offline_endpoint._hold``); a reset clears them
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import traceback
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from aiohttp import web

from ._content import (
    Reply,
    chat_prompt,
    choice_digest,
    content_text,
    count_tokens,
    embedding_vector,
    encode_embedding_base64,
    make_reply,
    request_digest,
    responses_prompt,
    stream_pieces,
)
from ._hold import Hold, hold_rules_from_json
from ._latency import Directives, LatencyModel, directives_from_body, parse_markers
from ._log import RequestRecord

__all__ = ["MODELS", "create_app"]

#: Model ids listed by ``GET /v1/models`` (any model name is accepted in requests).
MODELS: tuple[str, ...] = (
    "gpt-4o-mini",
    "gpt-4o",
    "gpt-4.1-mini",
    "gpt-3.5-turbo",
    "gpt-3.5-turbo-instruct",
    "text-embedding-3-small",
)

_CREATED = 1_700_000_000  # fixed, so whole response bodies are deterministic
_FINGERPRINT = "fp_epic_offline"
_MAX_N = 128
_ERROR_TYPES = {
    400: ("invalid_request_error", "invalid_request"),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("permission_error", "permission_denied"),
    404: ("invalid_request_error", "not_found"),
    408: ("timeout_error", "timeout"),
    409: ("conflict_error", "conflict"),
    413: ("invalid_request_error", "request_too_large"),
    422: ("invalid_request_error", "unprocessable_entity"),
    429: ("requests", "rate_limit_exceeded"),
}


class _ApiError(Exception):
    """An error reply with an OpenAI-style JSON body."""

    def __init__(self, status: int, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param


def _error_body(status: int, message: str, param: str | None = None) -> dict[str, Any]:
    kind, code = _ERROR_TYPES.get(
        status, ("server_error" if status >= 500 else "invalid_request_error", "")
    )
    return {"error": {"message": message, "type": kind, "param": param, "code": code or None}}


class _State:
    """Mutable server state; lives on the event loop thread only."""

    def __init__(self, latency: LatencyModel, retry_after: float) -> None:
        self.origin = time.monotonic()
        self.latency = latency
        self.retry_after = retry_after
        self.records: list[RequestRecord] = []
        self.next_id = 1
        self.failed_once: set[bytes] = set()
        self.plan_status = 0
        self.plan_count = 0
        self.generation = 0  # bumped by reset(): requests in flight then are not logged
        self.hold = Hold()

    def now(self) -> float:
        return time.monotonic() - self.origin

    def reset(self) -> None:
        self.records.clear()
        self.generation += 1
        self.next_id = 1
        self.failed_once.clear()
        self.plan_status = self.plan_count = 0
        self.hold = Hold()

    def raise_planned_fault(self) -> None:
        """Consume one entry of the server-wide fault plan, if any, by raising it."""
        if self.plan_count <= 0:
            return
        self.plan_count -= 1
        status = self.plan_status
        raise _ApiError(
            status, f"Injected fault: HTTP {status} (server fault plan, /_epic/faults)."
        )


_STATE = web.AppKey("epic_state", _State)


class _Tracker:
    """Timestamps and identity of one API request; appends its record exactly once."""

    def __init__(self, state: _State, path: str) -> None:
        self.state = state
        self.received = time.monotonic()
        self.id = state.next_id
        self.generation = state.generation
        state.next_id += 1
        self.path = path
        self.model = ""
        self.prompt = ""
        self.stream = False
        self.tokens = 0
        self.first_byte: float | None = None
        self.done = False
        self.held_by: Hold | None = None
        self.released: float | None = None  # when a held reply was let go
        state.hold.arrived()

    async def admit(self) -> float:
        """Wait while the server's hold keeps this reply back; returns the time its
        latency counts from (when it was let go, or when it was received)."""
        self.held_by = self.state.hold
        self.released = await self.held_by.admit(self.prompt, stream=self.stream)
        return self.received if self.released is None else self.released

    async def admit_end(self) -> None:
        """Wait before the end of a streamed reply while the hold keeps it back."""
        if self.held_by is not None:
            released = await self.held_by.admit_end(self.prompt)
            if released is not None:
                self.released = released

    def first(self) -> None:
        if self.first_byte is None:
            self.first_byte = time.monotonic()

    def finish(self, status: int) -> None:
        if self.done:
            return
        self.done = True
        if self.held_by is not None:
            self.held_by.done()
        if self.generation != self.state.generation:
            return
        now = time.monotonic()
        origin = self.state.origin
        first = now if self.first_byte is None else self.first_byte
        self.state.records.append(
            RequestRecord(
                id=self.id,
                path=self.path,
                model=self.model,
                prompt=self.prompt,
                stream=self.stream,
                status=status,
                received=self.received - origin,
                first_byte=first - origin,
                finished=now - origin,
                tokens=self.tokens,
                released=None if self.released is None else self.released - origin,
            )
        )

    def headers(self) -> dict[str, str]:
        return {"x-request-id": f"req_{self.id}"}


async def _sleep_until(deadline: float) -> None:
    """Sleep until ``time.monotonic() >= deadline`` (never returns early)."""
    while True:
        delay = deadline - time.monotonic()
        if delay <= 0:
            return
        await asyncio.sleep(delay)


@dataclass
class _Job:
    """A parsed generation request."""

    kind: str  # "chat" | "completion" | "responses"
    model: str
    prompt: str
    stream: bool
    include_usage: bool
    digest: bytes
    directives: Directives
    replies: list[Reply]
    prompt_tokens: int
    body: dict[str, Any]

    @property
    def completion_tokens(self) -> int:
        return sum(r.tokens for r in self.replies)

    @property
    def longest(self) -> int:
        return max((r.tokens for r in self.replies), default=0)

    def usage(self) -> dict[str, int]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.prompt_tokens + self.completion_tokens,
        }


# --------------------------------------------------------------------------- parsing


def _require_model(body: Mapping[str, Any]) -> str:
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise _ApiError(400, "you must provide a model parameter", "model")
    return model


def _int_param(
    body: Mapping[str, Any], *names: str, low: int = 1, high: int | None = None
) -> int | None:
    for name in names:
        value = body.get(name)
        if value is None:
            continue
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or value < low
            or (high is not None and value > high)
        ):
            bound = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise _ApiError(
                400, f"Invalid '{name}': expected an integer {bound}, got {value!r}.", name
            )
        return value
    return None


def _directives(body: Mapping[str, Any], prompt: str) -> Directives:
    try:
        markers = parse_markers(prompt)
    except ValueError as exc:
        raise _ApiError(400, f"invalid marker {exc}") from None
    try:
        return directives_from_body(body.get("epic")).merged_over(markers)
    except ValueError as exc:
        raise _ApiError(400, str(exc), "epic") from None


def _stream_flags(body: Mapping[str, Any]) -> tuple[bool, bool]:
    stream = bool(body.get("stream") or False)
    options = body.get("stream_options")
    include_usage = stream and isinstance(options, Mapping) and bool(options.get("include_usage"))
    return stream, include_usage


def _parse_chat(body: dict[str, Any]) -> _Job:
    model = _require_model(body)
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise _ApiError(400, "'messages' must be a non-empty array", "messages")
    for message in messages:
        if not isinstance(message, Mapping) or not isinstance(message.get("role"), str):
            raise _ApiError(400, "each message must be an object with a 'role'", "messages")
    max_tokens = _int_param(body, "max_completion_tokens", "max_tokens")
    n = _int_param(body, "n", high=_MAX_N) or 1
    prompt = chat_prompt(messages)
    digest = request_digest(model, "messages", messages, body.get("seed"))
    replies = [make_reply(choice_digest(digest, i), prompt, max_tokens) for i in range(n)]
    stream, include_usage = _stream_flags(body)
    prompt_tokens = sum(count_tokens(content_text(m.get("content"))) for m in messages)
    return _Job(
        kind="chat",
        model=model,
        prompt=prompt,
        stream=stream,
        include_usage=include_usage,
        digest=digest,
        directives=_directives(body, prompt),
        replies=replies,
        prompt_tokens=prompt_tokens,
        body=body,
    )


def _inputs(body: Mapping[str, Any], param: str) -> list[Any]:
    """The items of a ``prompt`` or ``input`` parameter: a string, a list of token ids
    (one item), or a non-empty list of either."""
    raw = body.get(param)
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, list) and raw and all(isinstance(x, int) for x in raw):
        return [raw]
    if isinstance(raw, list) and raw:
        return list(raw)
    raise _ApiError(400, f"'{param}' must be a string or a non-empty array", param)


def _parse_completion(body: dict[str, Any]) -> _Job:
    model = _require_model(body)
    prompts = _inputs(body, "prompt")
    texts = [p if isinstance(p, str) else json.dumps(p) for p in prompts]
    max_tokens = _int_param(body, "max_tokens")
    n = _int_param(body, "n", high=_MAX_N) or 1
    seed = body.get("seed")
    replies: list[Reply] = []
    digests: list[bytes] = []
    for prompt, text in zip(prompts, texts, strict=True):
        digest = request_digest(model, "prompt", prompt, seed)
        digests.append(digest)
        replies.extend(make_reply(choice_digest(digest, i), text, max_tokens) for i in range(n))
    joined = "\n".join(texts)
    digest = digests[0] if len(digests) == 1 else request_digest(model, "prompt", prompts, seed)
    stream, include_usage = _stream_flags(body)
    return _Job(
        kind="completion",
        model=model,
        prompt=joined,
        stream=stream,
        include_usage=include_usage,
        digest=digest,
        directives=_directives(body, joined),
        replies=replies,
        prompt_tokens=count_tokens(joined),
        body=body,
    )


def _parse_responses(body: dict[str, Any]) -> _Job:
    model = _require_model(body)
    input_ = body.get("input")
    if not isinstance(input_, (str, list)):
        raise _ApiError(400, "'input' must be a string or an array of input items", "input")
    stream = body.get("stream")
    if stream is not None and not isinstance(stream, bool):
        raise _ApiError(400, "'stream' must be a boolean", "stream")
    instructions = body.get("instructions")
    max_tokens = _int_param(body, "max_output_tokens")
    prompt = responses_prompt(input_)
    digest = request_digest(model, "input", {"instructions": instructions, "input": input_})
    reply = make_reply(digest, prompt, max_tokens)
    if isinstance(input_, str):
        prompt_tokens = count_tokens(input_)
    else:
        prompt_tokens = sum(
            count_tokens(content_text(i.get("content"))) for i in input_ if isinstance(i, Mapping)
        )
    if isinstance(instructions, str):
        prompt_tokens += count_tokens(instructions)
    return _Job(
        kind="responses",
        model=model,
        prompt=prompt,
        stream=bool(stream),
        include_usage=False,
        digest=digest,
        directives=_directives(body, prompt),
        replies=[reply],
        prompt_tokens=prompt_tokens,
        body=body,
    )


# --------------------------------------------------------------------------- bodies


def _chat_body(job: _Job, rid: str) -> dict[str, Any]:
    return {
        "id": rid,
        "object": "chat.completion",
        "created": _CREATED,
        "model": job.model,
        "system_fingerprint": _FINGERPRINT,
        "service_tier": "default",
        "choices": [
            {
                "index": i,
                "message": {
                    "role": "assistant",
                    "content": r.text,
                    "refusal": None,
                    "annotations": [],
                },
                "logprobs": None,
                "finish_reason": r.finish_reason,
            }
            for i, r in enumerate(job.replies)
        ],
        "usage": job.usage(),
    }


def _completion_body(job: _Job, rid: str) -> dict[str, Any]:
    return {
        "id": rid,
        "object": "text_completion",
        "created": _CREATED,
        "model": job.model,
        "system_fingerprint": _FINGERPRINT,
        "choices": [
            {"text": r.text, "index": i, "logprobs": None, "finish_reason": r.finish_reason}
            for i, r in enumerate(job.replies)
        ],
        "usage": job.usage(),
    }


def _responses_message(job: _Job, rid: str, done: bool = True) -> dict[str, Any]:
    """The one output item of a response: its message, complete or just started."""
    reply = job.replies[0]
    status = "incomplete" if reply.finish_reason == "length" else "completed"
    return {
        "type": "message",
        "id": "msg_" + rid[len("resp_") :],
        "status": status if done else "in_progress",
        "role": "assistant",
        "content": [_responses_text(reply.text)] if done else [],
    }


def _responses_text(text: str) -> dict[str, Any]:
    return {"type": "output_text", "text": text, "annotations": [], "logprobs": []}


def _responses_body(job: _Job, rid: str, done: bool = True) -> dict[str, Any]:
    """A response object: complete, or (``done=False``) as the stream's first events
    show it, in progress with no output yet."""
    reply = job.replies[0]
    incomplete = reply.finish_reason == "length"
    body = job.body
    status = ("incomplete" if incomplete else "completed") if done else "in_progress"
    return {
        "id": rid,
        "object": "response",
        "created_at": _CREATED,
        "completed_at": _CREATED if done else None,
        "status": status,
        "error": None,
        "incomplete_details": {"reason": "max_output_tokens"} if incomplete and done else None,
        "instructions": body.get("instructions"),
        "max_output_tokens": body.get("max_output_tokens"),
        "model": job.model,
        "output": [_responses_message(job, rid)] if done else [],
        "parallel_tool_calls": True,
        "previous_response_id": body.get("previous_response_id"),
        "reasoning": {"effort": None, "summary": None},
        "store": False,
        "temperature": body.get("temperature", 1.0),
        "text": {"format": {"type": "text"}},
        "tool_choice": "auto",
        "tools": [],
        "top_p": body.get("top_p", 1.0),
        "truncation": "disabled",
        "usage": (
            {
                "input_tokens": job.prompt_tokens,
                "input_tokens_details": {"cached_tokens": 0},
                "output_tokens": reply.tokens,
                "output_tokens_details": {"reasoning_tokens": 0},
                "total_tokens": job.prompt_tokens + reply.tokens,
            }
            if done
            else None
        ),
        "user": None,
        "metadata": {},
    }


_PREFIX = {"chat": "chatcmpl-", "completion": "cmpl-", "responses": "resp_"}


def _response_id(job: _Job) -> str:
    return _PREFIX[job.kind] + job.digest.hex()[:24]


def _sse(payload: Mapping[str, Any], event: str | None = None) -> bytes:
    data = b"data: " + json.dumps(payload, separators=(",", ":")).encode("utf-8") + b"\n\n"
    return b"event: " + event.encode("utf-8") + b"\n" + data if event is not None else data


class _ChunkMaker:
    """Builds the SSE chunks of one streamed chat or completion reply."""

    def __init__(self, job: _Job) -> None:
        self.job = job
        self.rid = _response_id(job)
        self.chat = job.kind == "chat"
        self.done = b"data: [DONE]\n\n"

    def _envelope(self, choices: list[dict[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.rid,
            "object": "chat.completion.chunk" if self.chat else "text_completion",
            "created": _CREATED,
            "model": self.job.model,
            "system_fingerprint": _FINGERPRINT,
            "choices": choices,
        }
        if self.chat:
            out["service_tier"] = "default"
        if self.job.include_usage:
            out["usage"] = None
        return out

    def _choice(
        self, index: int, text: str | None, finish: str | None, role: bool = False
    ) -> dict[str, Any]:
        if not self.chat:
            return {"text": text or "", "index": index, "logprobs": None, "finish_reason": finish}
        delta: dict[str, Any] = {}
        if role:
            delta = {"role": "assistant", "content": "", "refusal": None}
        elif text is not None:
            delta = {"content": text}
        return {"index": index, "delta": delta, "logprobs": None, "finish_reason": finish}

    def opening(self, index: int) -> bytes:
        return (
            _sse(self._envelope([self._choice(index, None, None, role=True)])) if self.chat else b""
        )

    def piece(self, index: int, text: str) -> bytes:
        return _sse(self._envelope([self._choice(index, text, None)]))

    def final(self, index: int, finish: str) -> bytes:
        return _sse(self._envelope([self._choice(index, None, finish)]))

    def usage(self) -> bytes:
        out = self._envelope([])
        out["usage"] = self.job.usage()
        return _sse(out)


class _ResponsesEventMaker(_ChunkMaker):
    """Builds the SSE events of one streamed ``/v1/responses`` reply, as the API sends
    them: ``response.created`` and ``response.in_progress``, the message item and its
    text part added, one ``response.output_text.delta`` per token, then the text, part
    and item done and ``response.completed`` (``response.incomplete`` when cut by
    ``max_output_tokens``) with the whole response. No ``[DONE]`` line."""

    def __init__(self, job: _Job) -> None:
        super().__init__(job)
        self.sequence = 0
        self.item = _responses_message(job, self.rid, done=False)["id"]
        self.done = b""

    def _event(self, kind: str, **fields: Any) -> bytes:
        payload = {"type": kind, "sequence_number": self.sequence, **fields}
        self.sequence += 1
        return _sse(payload, event=kind)

    def opening(self, index: int) -> bytes:
        started = _responses_body(self.job, self.rid, done=False)
        return b"".join(
            [
                self._event("response.created", response=started),
                self._event("response.in_progress", response=started),
                self._event(
                    "response.output_item.added",
                    output_index=0,
                    item=_responses_message(self.job, self.rid, done=False),
                ),
                self._event(
                    "response.content_part.added",
                    item_id=self.item,
                    output_index=0,
                    content_index=0,
                    part=_responses_text(""),
                ),
            ]
        )

    def piece(self, index: int, text: str) -> bytes:
        return self._event(
            "response.output_text.delta",
            item_id=self.item,
            output_index=0,
            content_index=0,
            delta=text,
            logprobs=[],
        )

    def final(self, index: int, finish: str) -> bytes:
        text = self.job.replies[0].text
        body = _responses_body(self.job, self.rid)
        return b"".join(
            [
                self._event(
                    "response.output_text.done",
                    item_id=self.item,
                    output_index=0,
                    content_index=0,
                    text=text,
                    logprobs=[],
                ),
                self._event(
                    "response.content_part.done",
                    item_id=self.item,
                    output_index=0,
                    content_index=0,
                    part=_responses_text(text),
                ),
                self._event(
                    "response.output_item.done",
                    output_index=0,
                    item=_responses_message(self.job, self.rid),
                ),
                self._event(f"response.{body['status']}", response=body),
            ]
        )


# --------------------------------------------------------------------------- handlers


def _error_response(state: _State, tracker: _Tracker | None, error: _ApiError) -> web.Response:
    headers = tracker.headers() if tracker is not None else {}
    if error.status == 429:
        headers["Retry-After"] = f"{state.retry_after:g}"
        headers["retry-after-ms"] = f"{state.retry_after * 1000:g}"
    return web.json_response(
        _error_body(error.status, error.message, error.param), status=error.status, headers=headers
    )


def _check_faults(state: _State, job: _Job) -> None:
    state.raise_planned_fault()
    d = job.directives
    if d.fail is not None:
        raise _ApiError(d.fail, f"Injected fault: HTTP {d.fail} ([fail:{d.fail}] in the request).")
    if d.fail_once is not None and job.digest not in state.failed_once:
        state.failed_once.add(job.digest)
        raise _ApiError(
            d.fail_once,
            f"Injected fault: HTTP {d.fail_once} ([fail-once:{d.fail_once}], first time).",
        )


async def _read_body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        raise _ApiError(400, "We could not parse the JSON body of your request.") from None
    if not isinstance(body, dict):
        raise _ApiError(400, "The request body must be a JSON object.")
    return body


Handler = Callable[[web.Request, _State, _Tracker], Awaitable[web.StreamResponse]]


def _api(handler: Handler) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """Wrap an API handler: tracking, OpenAI-style errors, 499 on client disconnect."""

    async def wrapped(request: web.Request) -> web.StreamResponse:
        state = request.app[_STATE]
        tracker = _Tracker(state, request.path)
        try:
            return await handler(request, state, tracker)
        except _ApiError as error:
            response = _error_response(state, tracker, error)
            tracker.finish(error.status)
            return response
        except asyncio.CancelledError:
            tracker.finish(499)
            raise
        except Exception as exc:  # a bug in the endpoint: report it as the API would
            traceback.print_exc(file=sys.stderr)
            response = _error_response(
                state, tracker, _ApiError(500, f"offline endpoint error: {exc!r}")
            )
            tracker.finish(500)
            return response

    return wrapped


async def _generate(
    request: web.Request,
    state: _State,
    tracker: _Tracker,
    parse: Callable[[dict[str, Any]], _Job],
    render: Callable[[_Job, str], dict[str, Any]],
) -> web.StreamResponse:
    body = await _read_body(request)
    if isinstance(body.get("model"), str):
        tracker.model = body["model"]
    job = parse(body)
    tracker.prompt, tracker.stream = job.prompt, job.stream
    _check_faults(state, job)
    latency = job.directives.latency(state.latency)
    start = await tracker.admit()
    if job.stream:
        return await _stream(request, tracker, job, latency, start)
    await _sleep_until(start + latency.reply_delay(job.longest))
    response = web.json_response(render(job, _response_id(job)), headers=tracker.headers())
    tracker.tokens = job.completion_tokens
    tracker.finish(200)
    return response


async def _stream(
    request: web.Request, tracker: _Tracker, job: _Job, latency: LatencyModel, origin: float
) -> web.StreamResponse:
    response = web.StreamResponse(
        status=200,
        headers={
            "Content-Type": "text/event-stream; charset=utf-8",
            "Cache-Control": "no-cache",
            **tracker.headers(),
        },
    )
    await response.prepare(request)
    maker = _ResponsesEventMaker(job) if job.kind == "responses" else _ChunkMaker(job)
    pieces = [stream_pieces(r.text) for r in job.replies]
    steps = max(len(p) for p in pieces)
    start = origin + latency.first_token_delay()
    step = latency.token_delay()
    buffer: list[bytes] = []
    try:
        for k in range(steps):
            deadline = start + k * step
            if buffer and deadline > time.monotonic():
                tracker.first()
                await response.write(b"".join(buffer))
                buffer.clear()
            await _sleep_until(deadline)
            for index, choice in enumerate(pieces):
                if k == 0:
                    buffer.append(maker.opening(index))
                if k < len(choice):
                    buffer.append(maker.piece(index, choice[k]))
                    tracker.tokens += count_tokens(choice[k])
        if buffer:
            tracker.first()
            await response.write(b"".join(buffer))
            buffer.clear()
        await tracker.admit_end()  # the text is out; its end may be held back
        for index, reply in enumerate(job.replies):
            buffer.append(maker.final(index, reply.finish_reason))
        if job.include_usage:
            buffer.append(maker.usage())
        buffer.append(maker.done)
        tracker.first()
        tracker.finish(200)
        await response.write(b"".join(buffer))
        await response.write_eof()
    except ConnectionResetError:  # the client went away mid-stream
        tracker.finish(499)
    return response


async def _chat(request: web.Request, state: _State, tracker: _Tracker) -> web.StreamResponse:
    return await _generate(request, state, tracker, _parse_chat, _chat_body)


async def _completions(
    request: web.Request, state: _State, tracker: _Tracker
) -> web.StreamResponse:
    return await _generate(request, state, tracker, _parse_completion, _completion_body)


async def _responses(request: web.Request, state: _State, tracker: _Tracker) -> web.StreamResponse:
    return await _generate(request, state, tracker, _parse_responses, _responses_body)


async def _embeddings(request: web.Request, state: _State, tracker: _Tracker) -> web.StreamResponse:
    body = await _read_body(request)
    model = _require_model(body)
    tracker.model = model
    items = _inputs(body, "input")
    dimensions = _int_param(body, "dimensions", high=4096) or 16
    encoding = body.get("encoding_format") or "float"
    if encoding not in ("float", "base64"):
        raise _ApiError(400, "'encoding_format' must be 'float' or 'base64'", "encoding_format")
    texts = [x if isinstance(x, str) else json.dumps(x) for x in items]
    tracker.prompt = "\n".join(texts)
    directives = _directives(body, tracker.prompt)
    job = _Job(
        kind="embeddings",
        model=model,
        prompt=tracker.prompt,
        stream=False,
        include_usage=False,
        digest=request_digest(model, "embeddings", items),
        directives=directives,
        replies=[],
        prompt_tokens=0,
        body=body,
    )
    _check_faults(state, job)
    latency = directives.latency(state.latency)
    start = await tracker.admit()
    await _sleep_until(start + latency.first_token_delay())
    data: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        vector = embedding_vector(model, item, dimensions)
        embedding: Any = vector if encoding == "float" else encode_embedding_base64(vector)
        data.append({"object": "embedding", "index": index, "embedding": embedding})
    prompt_tokens = sum(count_tokens(t) for t in texts)
    payload = {
        "object": "list",
        "data": data,
        "model": model,
        "usage": {"prompt_tokens": prompt_tokens, "total_tokens": prompt_tokens},
    }
    response = web.json_response(payload, headers=tracker.headers())
    tracker.finish(200)
    return response


def _model_object(model: str) -> dict[str, Any]:
    return {"id": model, "object": "model", "created": _CREATED, "owned_by": "epic-offline"}


async def _models(request: web.Request, state: _State, tracker: _Tracker) -> web.StreamResponse:
    state.raise_planned_fault()
    model = request.match_info.get("model")
    payload = (
        _model_object(model)
        if model
        else {"object": "list", "data": [_model_object(m) for m in MODELS]}
    )
    tracker.model = model or ""
    response = web.json_response(payload, headers=tracker.headers())
    tracker.finish(200)
    return response


_POST_ROUTES = ("/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/responses")


async def _unknown(request: web.Request, state: _State, tracker: _Tracker) -> web.StreamResponse:
    path = request.path.rstrip("/")
    if path in _POST_ROUTES or path == "/v1/models":
        raise _ApiError(405, f"Method {request.method} not allowed for {request.path}.")
    raise _ApiError(404, f"Invalid URL ({request.method} {request.path}).")


# --------------------------------------------------------------------------- control


async def _control_log(request: web.Request) -> web.Response:
    state = request.app[_STATE]
    records = sorted(state.records, key=lambda r: r.id)
    return web.json_response([r.to_json() for r in records])


async def _control_reset(request: web.Request) -> web.Response:
    request.app[_STATE].reset()
    return web.json_response({"ok": True})


async def _control_faults(request: web.Request) -> web.Response:
    state = request.app[_STATE]
    if request.method == "POST":
        try:
            body = await request.json()
        except ValueError:
            body = None
        status = body.get("status") if isinstance(body, dict) else None
        count = body.get("count", 1) if isinstance(body, dict) else None
        if (
            type(status) is not int
            or type(count) is not int
            or not 400 <= status <= 599
            or count < 0
        ):
            return web.json_response(
                _error_body(400, 'expected {"status": 400..599, "count": >= 0}'), status=400
            )
        state.plan_status, state.plan_count = status, count
    return web.json_response({"status": state.plan_status, "count": state.plan_count})


async def _control_hold(request: web.Request) -> web.Response:
    state = request.app[_STATE]
    if request.method == "POST":
        try:
            rules = hold_rules_from_json(await request.json())
        except ValueError as exc:  # malformed JSON too
            return web.json_response(_error_body(400, f"hold: {exc}"), status=400)
        state.hold = Hold(rules)
    return web.json_response(state.hold.rules.to_json())


async def _control_info(request: web.Request) -> web.Response:
    state = request.app[_STATE]
    return web.json_response(
        {
            "origin_monotonic": state.origin,
            "now": state.now(),
            "latency": asdict(state.latency),
            "retry_after": state.retry_after,
            "records": len(state.records),
            "in_flight": state.hold.in_flight,
        }
    )


def create_app(
    latency: LatencyModel | None = None, *, retry_after: float = 0.05
) -> web.Application:
    """A fresh aiohttp application serving the offline OpenAI-compatible API.

    ``latency`` is the server-wide model (default ``LatencyModel()``); ``retry_after``
    the seconds announced by 429 replies (``Retry-After`` and ``retry-after-ms``).
    """
    if retry_after < 0:
        raise ValueError("retry_after must be >= 0")
    app = web.Application(client_max_size=64 * 1024 * 1024)
    app[_STATE] = _State(latency if latency is not None else LatencyModel(), retry_after)
    app.router.add_post("/v1/chat/completions", _api(_chat))
    app.router.add_post("/v1/completions", _api(_completions))
    app.router.add_post("/v1/embeddings", _api(_embeddings))
    app.router.add_post("/v1/responses", _api(_responses))
    app.router.add_get("/v1/models", _api(_models), allow_head=False)
    app.router.add_get("/v1/models/{model}", _api(_models), allow_head=False)
    app.router.add_route("*", "/v1/{tail:.*}", _api(_unknown))
    app.router.add_get("/_epic/log", _control_log, allow_head=False)
    app.router.add_post("/_epic/reset", _control_reset)
    app.router.add_route("*", "/_epic/faults", _control_faults)
    app.router.add_get("/_epic/info", _control_info, allow_head=False)
    app.router.add_route("*", "/_epic/hold", _control_hold)
    return app
