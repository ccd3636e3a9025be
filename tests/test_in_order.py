"""``epic.in_order()``: calls started where a loop reaches them, retired in order while
the loop goes on (``runtime_shim/_in_order.py``). Orders of events, never wall time."""

from __future__ import annotations

import asyncio
import contextlib
import io
from collections.abc import Callable, Coroutine
from typing import Any

import pytest

import runtime_shim as epic

HANG_GUARD = 60.0


def _captured(main: Callable[[], Coroutine[Any, Any, Any]]) -> tuple[str, BaseException | None]:
    buffer = io.StringIO()
    error: BaseException | None = None
    with contextlib.redirect_stdout(buffer):
        try:
            asyncio.run(asyncio.wait_for(main(), HANG_GUARD))
        except Exception as exc:  # noqa: BLE001 - the test looks at it
            error = exc
    return buffer.getvalue(), error


async def _step(label: str, gate: asyncio.Event, fail: bool = False) -> None:
    print(f"start {label}")
    await gate.wait()
    if fail:
        raise ValueError(label)
    print(f"end {label}")


def test_calls_retire_in_the_order_they_were_started() -> None:
    events: list[str] = []

    async def main() -> None:
        gates = [asyncio.Event() for _ in range(3)]
        async with epic.in_order() as calls:
            for i, gate in enumerate(gates):
                calls.spawn(_step(str(i), gate))
                events.append(f"spawned {i}")
            # the last call finishes first, the first last: the text stays in order
            for gate in reversed(gates):
                gate.set()
                await asyncio.sleep(0)
        events.append("after the block")

    out, error = _captured(main)
    assert error is None
    assert out == "start 0\nend 0\nstart 1\nend 1\nstart 2\nend 2\n"
    assert events == ["spawned 0", "spawned 1", "spawned 2", "after the block"]


def test_the_first_call_shows_its_text_while_the_block_goes_on() -> None:
    """The retirer passes the first call's text on as it is printed, while the code in
    the block still runs (here: it waits until that text is out)."""
    buffer = io.StringIO()

    async def main() -> str:
        gate = asyncio.Event()
        shown = asyncio.Event()

        async def first() -> None:
            print("step 1")
            shown.set()
            await gate.wait()

        async with epic.in_order() as calls:
            calls.spawn(first())
            await shown.wait()
            await asyncio.sleep(0)
            seen = buffer.getvalue()
            gate.set()
        return seen

    with contextlib.redirect_stdout(buffer):
        seen = asyncio.run(asyncio.wait_for(main(), HANG_GUARD))
    assert seen == "step 1\n"


def test_the_blocks_own_text_comes_after_the_calls_started_before_it() -> None:
    async def main() -> None:
        gate = asyncio.Event()
        async with epic.in_order() as calls:
            calls.print("first", 1, sep="-")  # nothing pending: out at once
            calls.spawn(_step("0", gate))
            calls.print("token", end="")  # waits for step 0's text
            calls.print("!")
            gate.set()
        print("after")

    out, error = _captured(main)
    assert error is None
    assert out == "first-1\nstart 0\nend 0\ntoken!\nafter\n"


def test_a_failed_call_stops_the_later_ones_and_is_raised() -> None:
    async def main() -> None:
        gates = [asyncio.Event() for _ in range(3)]
        async with epic.in_order() as calls:
            calls.spawn(_step("0", gates[0]))
            calls.spawn(_step("1", gates[1], fail=True))
            calls.spawn(_step("2", gates[2]))
            for gate in gates:
                gate.set()
            for _ in range(100):
                await asyncio.sleep(0)
                # raises the failure once it is known (the call is not started)
                calls.spawn(_step("late", asyncio.Event()))

    out, error = _captured(main)
    assert isinstance(error, ValueError) and str(error) == "1"
    # 0's text, then 1's up to its failure; nothing after it shows.
    assert out == "start 0\nend 0\nstart 1\n"


def test_an_error_of_the_block_comes_after_the_calls_before_it() -> None:
    async def main() -> None:
        gate = asyncio.Event()
        async with epic.in_order() as calls:
            calls.spawn(_step("0", gate))
            gate.set()
            raise KeyError("the block's own")

    out, error = _captured(main)
    assert out == "start 0\nend 0\n"
    assert isinstance(error, KeyError)


def test_an_earlier_failure_wins_over_the_blocks_error() -> None:
    async def main() -> None:
        gate = asyncio.Event()
        async with epic.in_order() as calls:
            calls.spawn(_step("0", gate, fail=True))
            gate.set()
            raise KeyError("later in program order")

    out, error = _captured(main)
    assert out == "start 0\n"
    assert isinstance(error, ValueError) and str(error) == "0"
    assert error.__context__ is None  # not chained to the block's own error


def test_cancelling_the_block_cancels_its_calls() -> None:
    cancelled: list[str] = []

    async def forever(label: str) -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            cancelled.append(label)
            raise

    async def block() -> None:
        async with epic.in_order() as calls:
            calls.spawn(forever("a"))
            calls.spawn(forever("b"))
            await asyncio.Event().wait()

    async def main() -> None:
        task = asyncio.ensure_future(block())
        for _ in range(5):
            await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(asyncio.wait_for(main(), HANG_GUARD))
    assert sorted(cancelled) == ["a", "b"]


def test_spawn_outside_the_block_is_refused() -> None:
    async def nothing() -> None:
        pass

    async def main() -> None:
        calls = epic.in_order()
        async with calls:
            pass
        calls.spawn(nothing())

    with pytest.raises(RuntimeError, match="has ended"):
        asyncio.run(main())
