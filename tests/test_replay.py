"""``epic.replayed``: a reply that may be a stream (``create(**payload)``), read whole
where it is awaited and iterated by the sync code after it as the stream would be."""

from __future__ import annotations

import asyncio
import gc
import os
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path
from typing import Any

import openai
import pytest

import runtime_shim as epic
from transpiler.pipeline import transpile

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


def test_the_twins_a_run_made_are_closed_when_it_ends(endpoints: Endpoints) -> None:
    """``epic.run`` closes the async twins its program made (their connections, so no
    ``ResourceWarning: unclosed transport`` is left behind); the user's client stays
    open, and a second run makes a twin of its own."""
    endpoint = endpoints.get(lane=103)
    client = openai.OpenAI(base_url=endpoint.base_url, api_key="offline")
    twins: list[Any] = []

    async def main() -> str:
        twin = epic.async_client(client)
        twins.append(twin)
        reply = await twin.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "echo: once"}]
        )
        return str(reply.choices[0].message.content)

    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        assert epic.run(main()) == "once"
        assert epic.run(main()) == "once"
        gc.collect()
    assert len(twins) == 2 and twins[0] is not twins[1]
    assert all(twin.is_closed() for twin in twins)
    assert not client.is_closed()
    client.close()


@pytest.mark.parametrize("leave", ["raise ValueError(piece)", "break"])
def test_a_stream_left_part_read_is_closed_quietly(
    endpoints: Endpoints, tmp_path: Path, leave: str
) -> None:
    """A transpiled stream loop left by an exception or a ``break`` leaves the
    stream's generators open; when the run ends they are closed one at a time, before
    the twins, so nothing but the program's own text reaches stderr (closed all at once
    by ``asyncio.run``, they logged "aclose(): asynchronous generator is already
    running")."""
    source = textwrap.dedent(f"""\
        from openai import OpenAI

        client = OpenAI()
        for chunk in client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{{"role": "user", "content": "echo: a b c d e f g h"}}],
            stream=True,
        ):
            piece = (chunk.choices[0].delta.content or "") if chunk.choices else ""
            if "c" in piece:
                {leave}
            print(piece, end="")
        print("end")
        """)
    result = transpile(source, path="part_read.py")
    assert result.code is not None and "async for chunk in" in result.code
    script = tmp_path / "part_read.py"
    script.write_text(result.code, encoding="utf-8")
    endpoint = endpoints.get(lane=103)
    env = {**os.environ, "OPENAI_BASE_URL": endpoint.base_url, "OPENAI_API_KEY": "offline"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    done = subprocess.run(
        [sys.executable, "-X", "dev", str(script)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    if leave == "break":
        assert (done.returncode, done.stdout, done.stderr) == (0, "a b end\n", "")
    else:
        assert done.returncode == 1 and done.stdout == "a b "
        assert done.stderr.startswith("Traceback") and "already running" not in done.stderr
        assert done.stderr.rstrip().endswith("ValueError: c")
