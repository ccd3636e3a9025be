"""``epic.replayed``: a reply that may be a stream (``create(**payload)``), read whole
where it is awaited and iterated by the sync code after it as the stream would be."""

from __future__ import annotations

import asyncio
from typing import Any

import openai
import pytest

import runtime_shim as epic

from conftest import Endpoints


def test_a_stream_is_replayed_with_the_same_chunks_as_the_sync_stream(
    endpoints: Endpoints,
) -> None:
    endpoint = endpoints.get(lane=103)
    payload: dict[str, Any] = {
        "model": "gpt-4o-mini",
        "messages": [{"role": "user", "content": "echo: one two three"}],
        "stream": True,
    }
    sync = openai.OpenAI(base_url=endpoint.base_url, api_key="offline")
    expected = [c.model_dump() for c in sync.chat.completions.create(**payload)]

    async def main() -> Any:
        client = openai.AsyncOpenAI(base_url=endpoint.base_url, api_key="offline")
        reply = await epic.replayed(client.chat.completions.create(**payload))
        await client.close()
        return reply

    reply = asyncio.run(main())
    assert isinstance(reply, epic.ReplayedStream)
    with reply as stream:
        got = [c.model_dump() for c in stream]
    assert [_drop_ids(c) for c in got] == [_drop_ids(c) for c in expected]
    assert reply.response.status_code == 200


def _drop_ids(chunk: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in chunk.items() if k not in ("id", "created")}


def test_a_reply_that_is_not_a_stream_comes_back_as_it_is(endpoints: Endpoints) -> None:
    endpoint = endpoints.get(lane=103)

    async def main() -> Any:
        client = openai.AsyncOpenAI(base_url=endpoint.base_url, api_key="offline")
        reply = await epic.replayed(
            client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": "echo: whole"}]
            )
        )
        await client.close()
        return reply

    reply = asyncio.run(main())
    assert reply.choices[0].message.content == "whole"


class _Dropped(Exception):
    """What the stream raises part-way (the client's errors need a real request)."""


class _Broken:
    """An ``AsyncStream`` stand-in that fails after two chunks."""

    def __init__(self) -> None:
        self.closed = False
        self.response = "response"

    def __aiter__(self) -> _Broken:
        self._left = ["a", "b"]
        return self

    async def __anext__(self) -> str:
        if self._left:
            return self._left.pop(0)
        raise _Dropped("connection dropped")

    async def close(self) -> None:
        self.closed = True


def test_an_error_part_way_is_raised_after_the_chunks_before_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(openai, "AsyncStream", _Broken)
    broken = _Broken()

    async def request() -> _Broken:
        return broken

    reply = asyncio.run(epic.replayed(request()))
    assert isinstance(reply, epic.ReplayedStream)
    seen = []
    with pytest.raises(_Dropped, match="connection dropped"):
        for chunk in reply:
            seen.append(chunk)
    assert seen == ["a", "b"]
    assert broken.closed
    assert list(reply) == []  # exhausted, as a sync stream is


def test_a_cancelled_read_closes_the_stream_and_propagates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Slow(_Broken):
        async def __anext__(self) -> str:
            await asyncio.sleep(3600)
            return "never"

    monkeypatch.setattr(openai, "AsyncStream", Slow)
    slow = Slow()

    async def request() -> Slow:
        return slow

    async def main() -> None:
        task = asyncio.ensure_future(epic.replayed(request()))
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert slow.closed


def test_an_async_generator_of_the_pre_1_0_api_is_replayed_and_closed() -> None:
    """``openai<1``'s ``acreate(..., stream=True)`` gives an async generator: read
    whole, closed, and its error raised after the chunks before it."""
    closed: list[bool] = []

    async def chunks() -> Any:
        try:
            yield {"delta": "a"}
            yield {"delta": "b"}
            raise ConnectionError("dropped")
        finally:
            closed.append(True)

    async def request() -> Any:
        return chunks()

    reply = asyncio.run(epic.replayed(request()))
    assert isinstance(reply, epic.ReplayedStream) and closed == [True]
    got = []
    with pytest.raises(ConnectionError, match="dropped"):
        for chunk in reply:
            got.append(chunk["delta"])
    assert got == ["a", "b"] and reply.response is None
