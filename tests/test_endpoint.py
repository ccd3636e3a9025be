"""The offline OpenAI-compatible endpoint, driven by the real ``openai`` client.

Timing assertions are lower bounds only (a loaded machine can only make things slower).
Overlap is never left to the client's speed: a test that needs requests in flight at
once has the endpoint hold the replies until they are (``Endpoint.set_hold``).
"""

from __future__ import annotations

import asyncio
import json
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest
from openai import AsyncOpenAI, OpenAI
from openai.types.chat import ChatCompletionContentPartTextParam, ChatCompletionMessageParam

from offline_endpoint import (
    Endpoint,
    LatencyModel,
    RequestRecord,
    chat_reply,
    cli_main,
    completion_reply,
    count_tokens,
    fetch_log,
    max_in_flight,
    overlapping,
    serve_in_subprocess,
    serve_in_thread,
    stream_pieces,
)

MODEL = "gpt-4o-mini"
LATENCY = LatencyModel(ttft=0.3, per_token=0.02, scale=0.05)  # 15 ms + 1 ms per token
EPS = 1e-6
#: Seconds a hold waits for a quiet client in tests where the client is not quiet: only
#: reached if the hold is broken (then the test fails instead of hanging).
HANG_GUARD = 60.0
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def server() -> Iterator[Endpoint]:
    with serve_in_thread(latency=LATENCY) as ep:
        yield ep


@pytest.fixture
def ep(server: Endpoint) -> Endpoint:
    server.reset()
    return server


@pytest.fixture(scope="module")
def client(server: Endpoint) -> Iterator[OpenAI]:
    c = OpenAI(base_url=server.base_url, api_key="offline", max_retries=2)
    yield c
    c.close()


def user(text: str) -> list[ChatCompletionMessageParam]:
    return [{"role": "user", "content": text}]


def ask(client: OpenAI, text: str, **kwargs: Any) -> str:
    reply = client.chat.completions.create(model=MODEL, messages=user(text), **kwargs)
    content = reply.choices[0].message.content
    assert isinstance(content, str)
    return content


def post_raw(ep: Endpoint, path: str, body: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(
        ep.root_url + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


# --------------------------------------------------------------------------- content


def test_chat_is_deterministic_and_reports_usage(ep: Endpoint, client: OpenAI) -> None:
    first = client.chat.completions.create(model=MODEL, messages=user("tell me about rivers"))
    second = client.chat.completions.create(model=MODEL, messages=user("tell me about rivers"))
    text = first.choices[0].message.content
    assert text and text == second.choices[0].message.content
    assert first.model_dump() == second.model_dump()  # the whole body, ids included
    assert 8 <= len(text.split()) <= 24
    assert first.choices[0].finish_reason == "stop"
    assert first.usage is not None
    assert first.usage.completion_tokens == len(text.split())
    assert first.usage.prompt_tokens == 4
    assert first.usage.total_tokens == first.usage.prompt_tokens + first.usage.completion_tokens
    assert text == chat_reply(MODEL, user("tell me about rivers"))
    assert ask(client, "tell me about lakes") != text
    other = client.chat.completions.create(model="gpt-4o", messages=user("tell me about rivers"))
    assert other.choices[0].message.content != text


def test_max_tokens_sets_the_length(client: OpenAI) -> None:
    assert len(ask(client, "hello", max_tokens=5).split()) == 5
    assert len(ask(client, "hello", max_completion_tokens=3).split()) == 3
    reply = client.chat.completions.create(model=MODEL, messages=user("hello"), max_tokens=7)
    assert reply.usage is not None and reply.usage.completion_tokens == 7


def test_whole_conversation_feeds_the_hash(client: OpenAI) -> None:
    alone = ask(client, "same question")
    with_system = client.chat.completions.create(
        model=MODEL, messages=[{"role": "system", "content": "be brief"}, *user("same question")]
    )
    assert with_system.choices[0].message.content != alone


def test_echo_rule(client: OpenAI) -> None:
    assert ask(client, "echo: hello   world ") == "hello   world"
    assert ask(client, "[ttft:0.1] please echo: a echo: b") == "a echo: b"
    assert ask(client, "echo:") == ""
    parts: list[ChatCompletionContentPartTextParam] = [{"type": "text", "text": "echo: from parts"}]
    reply = client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": parts}]
    )
    assert reply.choices[0].message.content == "from parts"
    # only the last user message counts
    messages: list[ChatCompletionMessageParam] = [
        *user("echo: old"),
        {"role": "assistant", "content": "old"},
        *user("new question"),
    ]
    reply = client.chat.completions.create(model=MODEL, messages=messages)
    assert reply.choices[0].message.content != "old"
    echoed = client.chat.completions.create(model=MODEL, messages=user("echo: x y z"), max_tokens=1)
    assert echoed.choices[0].message.content == "x y z"
    assert echoed.usage is not None and echoed.usage.completion_tokens == 3


def test_score_rule(client: OpenAI) -> None:
    for prompt in ("Please rate this idea", "SCORE: how good is it?", "rate, from 1 to 10"):
        words = ask(client, prompt).split()
        assert 1 <= int(words[0]) <= 10
    assert ask(client, "rate this", max_tokens=1).isdigit()
    # whole words only: "generate" and "accurate" contain "rate"
    assert not ask(client, "generate an accurate story").split()[0].isdigit()


def test_lines_rule(client: OpenAI) -> None:
    for prompt in ("List some ideas", "give me the steps", "write five lines"):
        lines = ask(client, prompt).split("\n")
        assert 3 <= len(lines) <= 6
        for k, line in enumerate(lines, 1):
            assert re.fullmatch(rf"{k}\. \S.*", line), line
    cut = client.chat.completions.create(model=MODEL, messages=user("list things"), max_tokens=4)
    assert len((cut.choices[0].message.content or "").split()) == 4
    assert cut.choices[0].finish_reason == "length"
    # score wins over lines: the reply still starts with an integer
    assert ask(client, "rate these steps").split()[0].isdigit()


def test_n_choices(client: OpenAI) -> None:
    reply = client.chat.completions.create(model=MODEL, messages=user("pick one"), n=3)
    texts = [c.message.content for c in reply.choices]
    assert [c.index for c in reply.choices] == [0, 1, 2]
    assert texts[0] == ask(client, "pick one") and len(set(texts)) == 3
    assert reply.usage is not None and reply.usage.completion_tokens == sum(
        len((t or "").split()) for t in texts
    )


def test_stream_pieces_concatenate() -> None:
    for text in ("a b  c", "1. x\n2. y", "", "  lead", "one"):
        assert "".join(stream_pieces(text)) == text
    assert stream_pieces("a b") == ["a ", "b"]
    assert count_tokens("1. x\n2. y") == 4


# --------------------------------------------------------------------------- streaming


def test_streaming_matches_non_streaming(ep: Endpoint, client: OpenAI) -> None:
    for prompt in ("stream me something", "list the steps", "echo: alpha  beta\ngamma"):
        expected = ask(client, prompt)
        chunks = list(
            client.chat.completions.create(model=MODEL, messages=user(prompt), stream=True)
        )
        assert chunks[0].choices[0].delta.role == "assistant"
        assert chunks[-1].choices[0].finish_reason == "stop"
        assert all(c.choices[0].finish_reason is None for c in chunks[:-1])
        assert all(c.usage is None for c in chunks)
        assert len({c.id for c in chunks}) == 1
        pieces = [c.choices[0].delta.content or "" for c in chunks]
        assert "".join(pieces) == expected
        assert len([p for p in pieces if p]) == len(expected.split())  # one chunk per token
    records = ep.log()
    assert [r.stream for r in records] == [False, True] * 3


def test_streaming_usage_and_raw_sse(ep: Endpoint, client: OpenAI) -> None:
    chunks = list(
        client.chat.completions.create(
            model=MODEL,
            messages=user("count words"),
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    text = "".join(c.choices[0].delta.content or "" for c in chunks[:-1])
    assert chunks[-1].usage.completion_tokens == len(text.split())
    assert chunks[-1].usage.prompt_tokens == 2
    assert all(c.usage is None for c in chunks[:-1])

    status, headers, raw = post_raw(
        ep, "/v1/chat/completions", {"model": MODEL, "messages": user("echo: a b"), "stream": True}
    )
    assert status == 200 and headers["Content-Type"].startswith("text/event-stream")
    events = raw.decode().split("\n\n")
    assert events[-2:] == ["data: [DONE]", ""]
    payloads = [json.loads(e[len("data: ") :]) for e in events[:-2]]
    assert all(e.startswith("data: ") for e in events[:-1])
    assert [p["object"] for p in payloads] == ["chat.completion.chunk"] * 4
    assert [p["choices"][0]["delta"] for p in payloads] == [
        {"role": "assistant", "content": "", "refusal": None},
        {"content": "a "},
        {"content": "b"},
        {},
    ]
    assert [p["choices"][0]["finish_reason"] for p in payloads] == [None, None, None, "stop"]


def test_async_streaming(ep: Endpoint) -> None:
    async def main() -> tuple[str, str]:
        async with AsyncOpenAI(base_url=ep.base_url, api_key="offline") as aclient:
            stream = await aclient.chat.completions.create(
                model=MODEL, messages=user("async tale"), stream=True
            )
            parts = [
                chunk.choices[0].delta.content or "" async for chunk in stream if chunk.choices
            ]
            whole = await aclient.chat.completions.create(model=MODEL, messages=user("async tale"))
            return "".join(parts), whole.choices[0].message.content or ""

    streamed, whole = asyncio.run(main())
    assert streamed == whole


def test_client_disconnect_is_logged_as_499(ep: Endpoint) -> None:
    async def main() -> None:
        async with AsyncOpenAI(base_url=ep.base_url, api_key="offline") as aclient:
            stream = await aclient.chat.completions.create(
                model=MODEL,
                messages=user("long one"),
                stream=True,
                max_tokens=200,
                extra_body={"epic": {"per_token": 1}},
            )
            async for _ in stream:
                break
            await stream.close()

    asyncio.run(main())
    deadline = time.monotonic() + 5
    while not ep.log() and time.monotonic() < deadline:
        time.sleep(0.01)
    (record,) = ep.log()
    assert record.status == 499 and record.stream and record.tokens < 200


def test_many_concurrent_streams(ep: Endpoint) -> None:
    count = 200
    ep.set_hold(in_flight=count, quiet=HANG_GUARD)  # all in flight at once, at any speed

    async def one(aclient: AsyncOpenAI, i: int) -> str:
        stream = await aclient.chat.completions.create(
            model=MODEL, messages=user(f"stream {i}"), stream=True
        )
        return "".join([c.choices[0].delta.content or "" async for c in stream])

    async def main() -> list[str]:
        async with AsyncOpenAI(base_url=ep.base_url, api_key="offline") as aclient:
            return await asyncio.gather(*(one(aclient, i) for i in range(count)))

    texts = asyncio.run(main())
    assert texts == [chat_reply(MODEL, user(f"stream {i}")) for i in range(count)]
    records = ep.log()
    assert len(records) == count and all(r.status == 200 for r in records)
    assert max_in_flight(records) == count


# --------------------------------------------------------------------------- other routes


def test_completions(ep: Endpoint, client: OpenAI) -> None:
    reply = client.completions.create(model="gpt-3.5-turbo-instruct", prompt="Once upon a time")
    text = reply.choices[0].text
    assert text == completion_reply("gpt-3.5-turbo-instruct", "Once upon a time")
    assert reply.usage is not None and reply.usage.completion_tokens == len(text.split())
    streamed = client.completions.create(
        model="gpt-3.5-turbo-instruct", prompt="Once upon a time", stream=True
    )
    chunks = list(streamed)
    assert "".join(c.choices[0].text for c in chunks) == text
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert (
        client.completions.create(model="m", prompt="echo: verbatim").choices[0].text == "verbatim"
    )
    batch = client.completions.create(model="m", prompt=["echo: one", "echo: two"])
    assert [c.text for c in batch.choices] == ["one", "two"]
    assert (
        len(client.completions.create(model="m", prompt="x", max_tokens=4).choices[0].text.split())
        == 4
    )


def test_embeddings(client: OpenAI) -> None:
    first = client.embeddings.create(model="text-embedding-3-small", input=["apple", "pear"])
    again = client.embeddings.create(
        model="text-embedding-3-small", input="apple", encoding_format="float"
    )
    vectors = [d.embedding for d in first.data]
    assert len(vectors) == 2 and all(len(v) == 16 for v in vectors)
    assert vectors[0] == again.data[0].embedding  # base64 (the client's default) == float
    assert vectors[0] != vectors[1]
    assert abs(sum(x * x for x in vectors[0]) - 1) < 1e-5
    small = client.embeddings.create(model="text-embedding-3-small", input="apple", dimensions=8)
    assert len(small.data[0].embedding) == 8


def test_responses(ep: Endpoint, client: OpenAI) -> None:
    reply = client.responses.create(model=MODEL, input="echo: via responses")
    assert reply.output_text == "via responses"
    assert reply.usage is not None and reply.usage.output_tokens == 2
    default = client.responses.create(model=MODEL, input="write a note")
    assert (
        default.output_text
        and default.output_text
        == client.responses.create(model=MODEL, input="write a note").output_text
    )
    items = client.responses.create(
        model=MODEL, input=[{"role": "user", "content": "echo: from items"}]
    )
    assert items.output_text == "from items"
    assert (
        len(
            client.responses.create(
                model=MODEL, input="x", max_output_tokens=16
            ).output_text.split()
        )
        == 16
    )
    assert ep.log()[0].path == "/v1/responses" and ep.log()[0].prompt == "echo: via responses"


def test_responses_stream_events(ep: Endpoint, client: OpenAI) -> None:
    # The real client parses each event into its type; the deltas add up to the text
    # of the same request without streaming, and the last event carries the response.
    whole = client.responses.create(model=MODEL, input="write a haiku").output_text
    events = list(client.responses.create(model=MODEL, input="write a haiku", stream=True))
    kinds = [e.type for e in events]
    assert kinds[:4] == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
    ]
    assert kinds[-4:] == [
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
    ]
    deltas = [e.delta for e in events if e.type == "response.output_text.delta"]
    assert len(deltas) == len(whole.split()) and "".join(deltas) == whole
    assert [e.sequence_number for e in events] == list(range(len(events)))
    assert events[-1].type == "response.completed"
    assert events[-1].response.output_text == whole
    assert events[-1].response.usage is not None
    # The SDK's own helper accumulates the same events into the final response.
    with client.responses.stream(model=MODEL, input="write a haiku") as stream:
        assert "".join(e.delta for e in stream if e.type == "response.output_text.delta") == whole
        assert stream.get_final_response().output_text == whole
    cut = list(
        client.responses.create(model=MODEL, input="list steps", max_output_tokens=3, stream=True)
    )
    assert cut[-1].type == "response.incomplete"
    assert [r.stream for r in ep.log()] == [False, True, True, True]


def test_models_and_unknown_routes(ep: Endpoint, client: OpenAI) -> None:
    assert MODEL in [m.id for m in client.models.list().data]
    status, _, body = post_raw(ep, "/v1/nope", {})
    assert status == 404 and "error" in json.loads(body)
    status, _, body = post_raw(ep, "/v1/chat/completions", {"model": MODEL})
    assert status == 400 and json.loads(body)["error"]["param"] == "messages"


# --------------------------------------------------------------------------- faults


def test_fail_once_429_is_retried_after_retry_after(ep: Endpoint, client: OpenAI) -> None:
    assert ask(client, "[fail-once:429] echo: made it") == "made it"
    records = ep.log()
    assert [r.status for r in records] == [429, 200]
    assert records[1].received - records[0].finished >= ep.retry_after - EPS
    assert ask(client, "[fail-once:429] echo: made it") == "made it"  # remembered: no more failures
    assert [r.status for r in ep.log()] == [429, 200, 200]
    ep.reset()  # forgets
    assert ask(client, "[fail-once:429] echo: made it") == "made it"
    assert [r.status for r in ep.log()] == [429, 200]


def test_429_headers_and_body(ep: Endpoint) -> None:
    status, headers, body = post_raw(
        ep, "/v1/chat/completions", {"model": MODEL, "messages": user("[fail:429] x")}
    )
    assert status == 429
    assert float(headers["Retry-After"]) == ep.retry_after
    assert float(headers["retry-after-ms"]) == ep.retry_after * 1000
    error = json.loads(body)["error"]
    assert set(error) >= {"message", "type", "code"} and error["code"] == "rate_limit_exceeded"


def test_retry_after_is_honoured_by_the_client() -> None:
    # 0.6 s exceeds the client's own first backoff (<= 0.5 s): a lower bound proves the header is used.
    with serve_in_thread(latency=LATENCY, retry_after=0.6) as ep:
        with OpenAI(base_url=ep.base_url, api_key="offline", max_retries=1) as c:
            assert ask(c, "[fail-once:429] echo: ok") == "ok"
        first, second = ep.log()
        assert second.received - first.finished >= 0.6 - EPS
    # A Retry-After beyond the client's 2-minute maximum makes it give up at once.
    with serve_in_thread(latency=LATENCY, retry_after=500) as ep:
        with OpenAI(base_url=ep.base_url, api_key="offline", max_retries=3) as c:
            with pytest.raises(openai.RateLimitError):
                ask(c, "[fail-once:429] x")
        assert [r.status for r in ep.log()] == [429]


def test_persistent_429_exhausts_max_retries(ep: Endpoint, client: OpenAI) -> None:
    with pytest.raises(openai.RateLimitError) as info:
        ask(client, "[fail:429] never")
    assert info.value.status_code == 429
    assert [r.status for r in ep.log()] == [429, 429, 429]  # 1 + max_retries


def test_400_is_not_retried(ep: Endpoint, client: OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as info:
        ask(client, "[fail:400] bad")
    assert info.value.status_code == 400
    assert isinstance(info.value.body, dict) and "Injected fault" in info.value.body["message"]
    (record,) = ep.log()
    assert record.status == 400 and record.prompt == "[fail:400] bad"


def test_500_fail_once_and_body_field_faults(ep: Endpoint, client: OpenAI) -> None:
    assert ask(client, "echo: fine", extra_body={"epic": {"fault_once": 500}}) == "fine"
    assert [r.status for r in ep.log()] == [500, 200]
    ep.reset()
    with pytest.raises(openai.BadRequestError):
        ask(client, "hello", extra_body={"epic": {"fault": 400}})
    with pytest.raises(openai.BadRequestError, match="unknown"):
        ask(client, "hello", extra_body={"epic": {"bogus": 1}})
    assert [r.status for r in ep.log()] == [400, 400]


def test_server_fault_plan(ep: Endpoint, client: OpenAI) -> None:
    ep.set_faults(429, 2)
    assert ask(client, "echo: eventually") == "eventually"
    assert [r.status for r in ep.log()] == [429, 429, 200]
    status, _, body = post_raw(ep, "/_epic/faults", {"status": 500, "count": 1})
    assert status == 200 and json.loads(body) == {"status": 500, "count": 1}
    with pytest.raises(openai.InternalServerError):
        ask(client.with_options(max_retries=0), "echo: x")
    assert ask(client.with_options(max_retries=0), "echo: x") == "x"


# --------------------------------------------------------------------------- latency


def test_latency_lower_bounds(ep: Endpoint, client: OpenAI) -> None:
    lat = ep.latency
    ask(client, "plain")
    list(client.chat.completions.create(model=MODEL, messages=user("plain streamed"), stream=True))
    ask(client, "[ttft:2] slow start")  # 2 s * scale 0.05 = 0.1 s
    ask(client, "[latency:3] fixed")
    list(
        client.chat.completions.create(
            model=MODEL, messages=user("[per_token:1] x"), stream=True, max_tokens=5
        )
    )
    ask(client, "body override", extra_body={"epic": {"ttft": 4}})
    plain, streamed, slow, fixed, per_token, body = ep.log()

    assert plain.first_byte - plain.received >= lat.reply_delay(plain.tokens) - EPS
    assert plain.finished >= plain.first_byte
    assert streamed.first_byte - streamed.received >= lat.first_token_delay() - EPS
    assert streamed.finished - streamed.received >= lat.stream_delay(streamed.tokens) - EPS
    assert slow.first_byte - slow.received >= 2 * lat.scale - EPS
    assert fixed.finished - fixed.received >= 3 * lat.scale - EPS
    assert per_token.tokens == 5
    assert per_token.finished - per_token.received >= (lat.ttft + 4 * 1) * lat.scale - EPS
    assert body.first_byte - body.received >= 4 * lat.scale - EPS


def test_latency_model_arithmetic() -> None:
    lat = LatencyModel(ttft=0.5, per_token=0.1, scale=2.0)
    assert lat.first_token_delay() == 1.0 and lat.token_delay() == 0.2
    assert lat.reply_delay(3) == pytest.approx(1.6)
    assert lat.stream_delay(3) == pytest.approx(1.4)
    assert lat.with_overrides(per_token=0).reply_delay(10) == 1.0
    with pytest.raises(ValueError):
        LatencyModel(ttft=-1)


def test_concurrent_requests_overlap(ep: Endpoint) -> None:
    # Held until all 20 are in: the overlap does not depend on how fast this client is.
    ep.set_hold(in_flight=20, quiet=HANG_GUARD)

    async def main() -> list[str]:
        async with AsyncOpenAI(base_url=ep.base_url, api_key="offline") as aclient:
            replies = await asyncio.gather(
                *(
                    aclient.chat.completions.create(
                        model=MODEL, messages=user(f"[ttft:4] echo: {i}")
                    )
                    for i in range(20)
                )
            )
            return [r.choices[0].message.content or "" for r in replies]

    assert asyncio.run(main()) == [str(i) for i in range(20)]
    records = ep.log()
    assert len(records) == 20 and [r.id for r in records] == list(range(1, 21))
    assert max_in_flight(records) == 20
    assert all(overlapping(a, b) for a in records for b in records)


# --------------------------------------------------------------------------- holds


async def ask_all(ep: Endpoint, prompts: list[str]) -> list[str]:
    """Send the prompts at once (each on a task), return the replies in order."""
    async with AsyncOpenAI(base_url=ep.base_url, api_key="offline", max_retries=0) as aclient:
        replies = await asyncio.gather(
            *(aclient.chat.completions.create(model=MODEL, messages=user(p)) for p in prompts)
        )
    return [r.choices[0].message.content or "" for r in replies]


def test_hold_in_flight_answers_nothing_before_the_barrier(ep: Endpoint) -> None:
    ep.set_hold(in_flight=3, quiet=HANG_GUARD)
    assert asyncio.run(ask_all(ep, ["echo: a", "echo: b", "echo: c"])) == ["a", "b", "c"]
    records = ep.log()
    assert max_in_flight(records) == 3
    last = max(records, key=lambda r: r.received)
    # The third request opened the barrier: it was not held, the two before it were,
    # until it arrived; their latency counts from then.
    assert last.released is None
    for held in (r for r in records if r is not last):
        assert held.released is not None and held.released >= last.received
        assert held.finished - held.released >= ep.latency.reply_delay(held.tokens) - EPS
    # Open for good: later requests are answered as usual.
    with client_for(ep) as later:
        assert ask(later, "echo: later") == "later"
    assert ep.log()[-1].released is None


def test_hold_lets_a_waiting_client_go_after_the_quiet_time(ep: Endpoint) -> None:
    """A client that waits for each reply (the sequential one) is never stuck: with no
    new request for ``quiet`` seconds, the held reply goes."""
    ep.set_hold(in_flight=2, quiet=0.1)
    with client_for(ep) as sequential:
        assert [ask(sequential, f"echo: {w}") for w in ("one", "two")] == ["one", "two"]
    first, second = ep.log()
    assert max_in_flight([first, second]) == 1
    for record in (first, second):
        assert record.released is not None and record.released - record.received >= 0.1 - EPS


def test_hold_until_a_part_is_seen(ep: Endpoint) -> None:
    ep.set_hold(until=(("detail", "plan"),), quiet=HANG_GUARD)

    async def main() -> list[str]:
        # The plan goes first; the detail is sent without its reply.
        async with AsyncOpenAI(base_url=ep.base_url, api_key="offline") as aclient:
            plan = asyncio.ensure_future(
                aclient.chat.completions.create(model=MODEL, messages=user("echo: plan"))
            )
            # Until the endpoint has the plan request (it tells only when asked).
            while ep.info()["in_flight"] == 0:  # noqa: ASYNC110
                await asyncio.sleep(0.01)
            detail = await aclient.chat.completions.create(
                model=MODEL, messages=user("echo: detail")
            )
            return [
                (await plan).choices[0].message.content or "",
                detail.choices[0].message.content or "",
            ]

    assert asyncio.run(main()) == ["plan", "detail"]
    plan, detail = sorted(ep.log(), key=lambda r: r.prompt, reverse=True)
    assert plan.prompt == "echo: plan" and detail.received < plan.finished
    assert plan.released is not None and plan.released >= detail.received
    assert detail.released is None  # "detail" is held by nothing


def test_hold_until_holds_a_streamed_reply_before_its_end(ep: Endpoint) -> None:
    """A streamed reply's text streams as usual; its end waits for the other request,
    which the client sends after reading the stream's first line."""
    ep.set_hold(until=(("detail plan", "plan first"),), quiet=HANG_GUARD)

    async def main() -> tuple[str, str]:
        async with AsyncOpenAI(base_url=ep.base_url, api_key="offline") as aclient:
            stream = await aclient.chat.completions.create(
                model=MODEL, messages=user("echo: plan first\nsecond"), stream=True
            )
            text, detail = "", ""
            async for chunk in stream:
                if chunk.choices and chunk.choices[0].delta.content:
                    text += chunk.choices[0].delta.content
                if "\n" in text and not detail:
                    reply = await aclient.chat.completions.create(
                        model=MODEL, messages=user(f"echo: detail {text.split()[0]}")
                    )
                    detail = reply.choices[0].message.content or ""
            return text, detail

    assert asyncio.run(main()) == ("plan first\nsecond", "detail plan")
    plan, detail = sorted(ep.log(), key=lambda r: r.prompt, reverse=True)
    assert plan.stream and detail.received < plan.finished
    assert plan.released is not None and plan.released >= detail.received


def test_hold_until_lets_a_sequential_client_go_after_the_quiet_time(ep: Endpoint) -> None:
    ep.set_hold(until=(("detail", "plan"),), quiet=0.1)
    with client_for(ep) as sequential:
        assert ask(sequential, "echo: plan") == "plan"
        assert ask(sequential, "echo: detail") == "detail"
    plan, detail = ep.log()
    assert plan.released is not None and detail.received >= plan.finished


def test_hold_skips_faults_and_ends_with_a_reset(ep: Endpoint) -> None:
    ep.set_hold(in_flight=2, quiet=HANG_GUARD)
    with client_for(ep) as sequential, pytest.raises(openai.BadRequestError):
        ask(sequential.with_options(max_retries=0), "[fail:400] answered at once")
    (failed,) = ep.log()
    assert failed.status == 400 and failed.released is None
    status, _, body = post_raw(ep, "/_epic/hold", {"in_flight": 4, "until": [["x", "y"]]})
    assert status == 200
    assert json.loads(body) == {"in_flight": 4, "until": [["x", "y"]], "quiet": 2.0}
    ep.reset()
    with urllib.request.urlopen(ep.root_url + "/_epic/hold", timeout=10) as response:
        assert json.loads(response.read()) == {"in_flight": 0, "until": [], "quiet": 2.0}
    with client_for(ep) as sequential:
        assert ask(sequential, "echo: free") == "free"
    assert ep.log()[0].released is None


@pytest.mark.parametrize(
    "body",
    [{"in_flight": -1}, {"quiet": 0}, {"until": [["x"]]}, {"until": "xy"}, {"wait": 1}, [1]],
    ids=["negative in_flight", "zero quiet", "a lone part", "a string", "unknown field", "a list"],
)
def test_bad_hold_rules_are_a_400(ep: Endpoint, body: object) -> None:
    request = urllib.request.Request(
        ep.root_url + "/_epic/hold",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 400 and b"hold:" in caught.value.read()


def client_for(ep: Endpoint) -> OpenAI:
    return OpenAI(base_url=ep.base_url, api_key="offline", max_retries=0)


def test_log_helpers() -> None:
    def rec(i: int, start: float, end: float) -> RequestRecord:
        return RequestRecord(i, "/v1/chat/completions", MODEL, "", False, 200, start, start, end, 1)

    a, b, c = rec(1, 0.0, 1.0), rec(2, 0.5, 1.5), rec(3, 1.0, 2.0)
    assert overlapping(a, b) and overlapping(b, c) and not overlapping(a, c)
    assert max_in_flight([a, b, c]) == 2 and max_in_flight([a, c]) == 1 and max_in_flight([]) == 0
    assert RequestRecord.from_json(a.to_json()) == a


def test_log_over_http(ep: Endpoint, client: OpenAI) -> None:
    ask(client, "echo: logged")
    (record,) = fetch_log(ep.base_url)
    assert (record.id, record.path, record.model, record.prompt, record.stream, record.status, record.tokens) == (
        1, "/v1/chat/completions", MODEL, "echo: logged", False, 200, 1,
    )  # fmt: skip
    assert 0 <= record.received <= record.first_byte <= record.finished
    assert fetch_log(ep.base_url + "/") == fetch_log(ep.root_url)
    assert ep.info()["latency"] == {"ttft": 0.3, "per_token": 0.02, "scale": 0.05}


# --------------------------------------------------------------------------- processes


def test_subprocess_server() -> None:
    with serve_in_subprocess(latency=LATENCY) as ep:
        assert ep.pid is not None and re.fullmatch(r"http://127\.0\.0\.1:\d+/v1", ep.base_url)
        with OpenAI(base_url=ep.base_url, api_key="offline") as c:
            assert ask(c, "echo: from a child") == "from a child"
            assert ask(c, "hi") == chat_reply(MODEL, user("hi"))
        assert [r.prompt for r in ep.log()] == ["echo: from a child", "hi"]
        ep.reset()
        assert ep.log() == []
        url = ep.base_url
    with pytest.raises(OSError):
        fetch_log(url)  # terminated


def test_cli_prints_the_url_first_and_stops_on_sigterm() -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "offline_endpoint",
            "--port",
            "0",
            "--ttft",
            "0.01",
            "--per-token",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().decode()
        assert re.fullmatch(r"OPENAI_BASE_URL=http://127\.0\.0\.1:\d+/v1\n", line)
        assert fetch_log(line.strip().split("=", 1)[1]) == []
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        assert proc.stdout.read() == b""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_non_loopback_hosts_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["--host", "0.0.0.0"]) == 2
    assert "refusing" in capsys.readouterr().err
    with pytest.raises(ValueError, match="loopback"):
        with serve_in_thread(host="192.168.1.1"):
            pass
    assert cli_main(["--ttft", "-1"]) == 2
