"""Type tests for runtime_shim: checked by mypy, never run.

``mypy --strict tests/typing_shim.py`` must pass; each ``assert_type`` pins the type
generated code sees.
"""

from __future__ import annotations

import asyncio
import subprocess
from typing import Any, assert_type

import openai

import runtime_shim as epic


async def ask(prompt: str) -> str:
    return prompt


async def ask4(a: str, b: str, c: str, d: str) -> str:
    return a + b + c + d


def count(text: str) -> int:
    return len(text)


async def spawned_tasks_keep_their_types() -> None:
    async with epic.scope() as tasks:
        assert_type(tasks, epic.TaskScope)
        a = tasks.spawn(ask("one"), name="first")
        assert_type(a, asyncio.Task[str])
        # An async callee: the task's value is the awaited result, not a coroutine.
        assert_type(tasks.spawn_after(ask, a), asyncio.Task[str])
        # A plain callee: its return value.
        b = tasks.spawn_after(count, a)
        assert_type(b, asyncio.Task[int])
        assert_type(tasks.spawn_after(str.center, a, b), asyncio.Task[str])
        # No dependencies, or more than three: typed by the callee's result (the
        # arguments are not checked against the dependencies' types).
        assert_type(tasks.spawn_after(lambda: ask("x")), asyncio.Task[str])
        assert_type(tasks.spawn_after(ask4, a, a, a, a), asyncio.Task[str])
        # Lambdas come out as Task[Any]: with both an async and a plain overload that
        # fit, mypy gives up on a lambda's return type. Pinned, so a smarter mypy (or a
        # change to the overloads) shows up here.
        assert_type(tasks.spawn_after(lambda x: ask(f"refine {x}"), a), asyncio.Task[Any])
        # ``a, b = ...`` computed in a task: typed as the function's value (it unpacks
        # into the same names); a spread dependency fills several parameters, unchecked.
        pair = tasks.spawn_after(str.partition, a, a, unpack=3)
        assert_type(pair, asyncio.Task[tuple[str, str, str]])
        assert_type(tasks.spawn_after(ask4, a, epic.spread(pair)), asyncio.Task[str])
        assert_type(tasks.spawn_after(ask4, epic.spread(pair), a), asyncio.Task[str])


async def to_thread_keeps_the_signature() -> None:
    done = await epic.to_thread(subprocess.run, ["ls"], capture_output=True)
    assert_type(done, subprocess.CompletedProcess[bytes])
    assert_type(await epic.to_thread(count, "abc"), int)
    await epic.to_thread(count, 3)  # type: ignore[arg-type]


def the_rest() -> None:
    assert_type(epic.concurrency_limit(), int | None)
    epic.set_concurrency_limit(8)
    assert_type(epic.run(ask("x")), str)
    client = openai.AsyncOpenAI(http_client=epic.http_client(timeout=30))
    assert_type(client, openai.AsyncOpenAI)


async def mismatches_are_errors() -> None:
    async with epic.scope() as tasks:
        a = tasks.spawn(ask("one"))
        b = tasks.spawn_after(count, a)
        tasks.spawn_after(count, b)  # type: ignore[arg-type]  # count takes a str
        tasks.spawn_after(ask, a, a)  # type: ignore[arg-type]  # ask takes one argument
        tasks.spawn(count("x"))  # type: ignore[arg-type]  # not a coroutine
