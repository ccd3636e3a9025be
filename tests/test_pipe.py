"""The shim's pipe: one stream, several consumers, read while it arrives.

No test measures time: "while it arrives" is shown by a source that does not produce
its next item until a consumer has seen the previous one (it would deadlock
otherwise), and the memory bound by counting the items produced but not yet read.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine
from typing import Any, TypeVar

import openai
import pytest
from hypothesis import given
from hypothesis import strategies as st

import runtime_shim as epic

from conftest import Endpoints

_T = TypeVar("_T")
HANG_GUARD = 30  # seconds: a hang fails the test, it does not stall the suite


def run(coroutine: Coroutine[Any, Any, _T]) -> _T:
    async def guarded() -> _T:
        return await asyncio.wait_for(coroutine, HANG_GUARD)

    return asyncio.run(guarded())


class Source:
    """An async iterator over ``items`` that may fail after them and records how far
    it got and whether it was closed."""

    def __init__(self, items: list[str], error: BaseException | None = None) -> None:
        self.items = items
        self.error = error
        self.produced = 0
        self.closed = False
        self.gate: asyncio.Event | None = None  # when set up: wait before each item

    def __aiter__(self) -> Source:
        return self

    async def __anext__(self) -> str:
        if self.gate is not None and self.produced:
            await self.gate.wait()
            self.gate.clear()
        if self.produced == len(self.items):
            if self.error is not None:
                raise self.error
            raise StopAsyncIteration
        self.produced += 1
        await asyncio.sleep(0)
        return self.items[self.produced - 1]

    async def aclose(self) -> None:
        self.closed = True


async def collect(reader: AsyncIterator[str]) -> list[str]:
    return [item async for item in reader]


def test_every_reader_sees_every_item_in_order() -> None:
    async def main() -> list[list[str]]:
        source = Source(["a", "b", "c", "d"])
        async with epic.pipe(source, readers=3) as readers:
            results = await asyncio.gather(*(collect(r) for r in readers))
        assert source.closed
        return list(results)

    assert run(main()) == [["a", "b", "c", "d"]] * 3


def test_a_consumer_sees_each_item_before_the_source_produces_the_next() -> None:
    async def main() -> list[str]:
        source = Source(["one", "two", "three"])
        gate = source.gate = asyncio.Event()
        seen = []
        async with epic.pipe(source, readers=2) as (first, second):

            async def follow() -> None:
                async for item in first:
                    seen.append(item)
                    gate.set()  # only now may the next item come

            await asyncio.gather(follow(), collect(second))
        return seen

    assert run(main()) == ["one", "two", "three"]


def test_the_window_bounds_what_the_slowest_reader_holds() -> None:
    async def main() -> int:
        source = Source([str(k) for k in range(50)])
        peak = 0
        async with epic.pipe(source, readers=2, window=3) as (fast, slow):

            async def slowly() -> None:
                nonlocal peak
                read = 0
                async for _ in slow:
                    read += 1
                    peak = max(peak, source.produced - read)
                    await asyncio.sleep(0)

            await asyncio.gather(collect(fast), slowly())
        return peak

    # The pump holds at most ``window`` items, and one more in its hand.
    assert run(main()) <= 4


def test_a_closed_reader_holds_nothing_back() -> None:
    async def main() -> list[str]:
        source = Source([str(k) for k in range(20)])
        async with epic.pipe(source, readers=2, window=2) as (reading, stopped):
            async with stopped:
                assert await anext(stopped) == "0"
            return await collect(reading)

    assert run(main()) == [str(k) for k in range(20)]


def test_a_failure_reaches_every_reader_after_the_items_before_it() -> None:
    async def main() -> list[tuple[list[str], str]]:
        source = Source(["a", "b"], error=ValueError("boom"))
        outcomes = []
        async with epic.pipe(source, readers=2) as readers:
            for reader in readers:
                got: list[str] = []
                with pytest.raises(ValueError) as caught:
                    async for item in reader:
                        got.append(item)
                outcomes.append((got, str(caught.value)))
        return outcomes

    assert run(main()) == [(["a", "b"], "boom")] * 2


def test_leaving_early_stops_the_pump_and_wakes_waiting_readers() -> None:
    async def main() -> None:
        before = asyncio.all_tasks()
        source = Source(["a", "b", "c"])
        source.gate = asyncio.Event()  # never set: the stream stalls after "a"
        waiting: asyncio.Task[list[str]] | None = None
        async with epic.pipe(source, readers=2) as (first, second):
            assert await anext(first) == "a"
            waiting = asyncio.get_running_loop().create_task(collect(second))
            await asyncio.sleep(0)
        assert source.closed
        with pytest.raises(epic.PipeClosedError):
            await waiting
        assert asyncio.all_tasks() == before  # the pump is gone

    run(main())


def test_cancelling_the_owner_leaves_no_task_running() -> None:
    async def owner(source: Source) -> None:
        async with epic.pipe(source, readers=1) as (reader,):
            async for _ in reader:
                await asyncio.Event().wait()  # blocks until cancelled

    async def main() -> None:
        before = asyncio.all_tasks()
        source = Source(["a", "b"])
        task = asyncio.get_running_loop().create_task(owner(source))
        await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert source.closed
        assert asyncio.all_tasks() == before

    run(main())


def test_a_pipe_needs_its_async_with() -> None:
    async def main() -> None:
        (reader,) = epic.pipe(Source(["a"]))._readers
        with pytest.raises(RuntimeError, match="async with"):
            await anext(reader)

    run(main())


@given(pieces=st.lists(st.text(alphabet="ab\n", max_size=6), max_size=12))
def test_lines_split_the_text_as_str_split_does(pieces: list[str]) -> None:
    async def main() -> list[str]:
        async with epic.pipe(Source(pieces)) as (reader,):
            return [line async for line in epic.lines(reader)]

    assert run(main()) == "".join(pieces).split("\n")


def test_lines_are_yielded_as_they_complete() -> None:
    async def main() -> list[tuple[str, int]]:
        source = Source(["fir", "st\nsec", "ond\n", "rest"])
        return [(line, source.produced) async for line in epic.lines(source)]

    # each line is out before the piece after its newline was even produced
    assert run(main()) == [("first", 2), ("second", 3), ("rest", 4)]


def test_a_real_streamed_reply_through_a_pipe(endpoints: Endpoints) -> None:
    """The openai client's stream over HTTP from the offline endpoint: one consumer
    accumulates the text, one takes its lines; both agree with the whole reply."""
    endpoint = endpoints.get(lane=102)  # not the golden runs' lanes (0..3)

    async def main() -> tuple[str, list[str]]:
        client = openai.AsyncOpenAI(base_url=endpoint.base_url, api_key="offline")
        prompt = "echo: first line\nsecond line\nthird"
        stream = await client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], stream=True
        )

        async def pieces(reader: epic.PipeReader[Any]) -> AsyncIterator[str]:
            async for chunk in reader:
                if chunk.choices and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content

        async with epic.pipe(stream, readers=2) as (whole, by_line):
            text, found = await asyncio.gather(
                collect(pieces(whole)), collect(epic.lines(pieces(by_line)))
            )
        await client.close()
        return "".join(text), found

    text, found = run(main())
    assert text == "first line\nsecond line\nthird"
    assert found == text.split("\n")


BOUNDARIES = "ab\n\r\x0b\x0c\x1c\x85\u2028"


@pytest.mark.parametrize(
    ("options", "split"),
    [
        ({}, lambda text: text.split("\n")),
        ({"splitlines": True}, lambda text: text.splitlines()),
        ({"splitlines": True, "keepends": True}, lambda text: text.splitlines(keepends=True)),
    ],
    ids=["split", "splitlines", "keepends"],
)
@given(pieces=st.lists(st.text(alphabet=BOUNDARIES, max_size=5), max_size=10))
def test_a_line_splitter_yields_what_splitting_the_final_text_yields(
    options: dict[str, bool], split: Any, pieces: list[str]
) -> None:
    splitter = epic.line_splitter(**options)
    text, found = "", list[str]()
    for piece in pieces:
        text += piece
        complete = splitter.feed(text)
        # What it returns is final: the text so far, however it goes on, splits so.
        assert split(text + "z")[: len(found) + len(complete)] == found + complete
        found += complete
    assert found + splitter.end() == split(text)


def test_a_line_splitter_returns_each_line_once_its_end_has_arrived() -> None:
    splitter = epic.line_splitter(splitlines=True)
    assert splitter.feed("one\ntw") == ["one"]
    assert splitter.feed("one\ntwo\r") == []  # "\r\n" may follow
    assert splitter.feed("one\ntwo\r\nthree") == ["two"]
    assert splitter.end() == ["three"]
