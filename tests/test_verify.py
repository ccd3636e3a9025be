"""The async-use verifier (``transpiler/verify.py``): nothing made async is used as sync.

Noop cases: every golden case's expected output, the transpiled examples and benchmark
workloads, and transpiled fuzz programs report nothing. Fix cases: small hand-written
input/output pairs, each with one misuse, the reason as the test id, must report exactly
that position.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from transpiler.pipeline import transpile
from transpiler.verify import Violation, verify_async_uses

from fuzz.strategies import Program, programs
from golden_format import golden_paths, load_case

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted(
    [*(ROOT / "examples").glob("*.py"), *(ROOT / "bench" / "workloads").glob("*/sequential.py")]
)


def _rendered(violations: tuple[Violation, ...]) -> str:
    return "\n".join(v.render() for v in violations)


# ----------------------------------------------------------------------- noop cases


@pytest.mark.parametrize("path", golden_paths(), ids=lambda p: p.stem)
def test_golden_outputs_use_async_correctly(path: Path) -> None:
    case = load_case(path)
    assert _rendered(verify_async_uses(case.source, case.expected_output)) == ""


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_transpiled_scripts_use_async_correctly(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    result = transpile(source, path=path.name)
    assert result.code is not None and result.code != source, "the script should be transpiled"
    assert _rendered(verify_async_uses(source, result.code)) == ""


@settings(max_examples=50, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(program=programs())
def test_transpiled_fuzz_programs_use_async_correctly(program: Program) -> None:
    result = transpile(program.source, path="<fuzz>")
    if result.code is None:
        return
    assert _rendered(verify_async_uses(program.source, result.code)) == "", result.code


# ------------------------------------------------------------------ input/output pairs

HEADER = """\
from openai import AsyncOpenAI
import runtime_shim as epic

client = AsyncOpenAI(http_client=epic.http_client())


async def ask(prompt):
    response = await client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content
"""
HEADER_LINES = HEADER.count("\n")


def _sequential(code: str) -> str:
    """What the input looked like: the same code without ``async``/``await``."""
    for old, new in (("AsyncOpenAI", "OpenAI"), ("async ", ""), ("await ", "")):
        code = code.replace(old, new)
    return code


def _case(body: str) -> tuple[str, str]:
    """An input/output pair: the shared header (``ask`` made async), then ``body``."""
    output = HEADER + "\n\n" + textwrap.dedent(body)
    return _sequential(output), output


#: reason -> output body after the header (the input: the same without async/await)
NOOPS = {
    "local-variable-shadows-an-async-function": """\
        def f(ask):
            return ask(1)
        """,
    "method-name-on-a-module-or-a-literal": """\
        import subprocess


        class Job:
            async def run(self):
                return await ask("run")


        subprocess.run(["ls"])
        print(", ".join(["a"]))
        epic.run(Job().run())
        """,
    "client-attribute-read-awaited-close-async-paginator": """\
        async def main():
            print(client.api_key)
            async for model in client.models.list():
                print(model.id)
            await client.close()
        """,
    "stream-through-a-task-handed-to-an-in-file-helper": """\
        async def show(stream):
            async for chunk in stream:
                print(chunk)


        async def main():
            async with epic.scope() as tasks:
                stream_task = tasks.spawn(
                    client.chat.completions.create(model="m", messages=[], stream=True)
                )
                stream = await stream_task
                await show(stream)
        """,
    "async-twin-of-a-sync-client": """\
        from openai import OpenAI

        sync_client = OpenAI()


        async def main():
            reply = await epic.async_client(sync_client).chat.completions.create(model="m")
            print(reply, sync_client.models.list())
        """,
    "reference-given-to-spawn-after-read-or-printed": """\
        async def main():
            async with epic.scope() as tasks:
                first = tasks.spawn_after(ask, tasks.spawn(ask("x")))
                print(ask.__name__, ask, await first)
        """,
    "sync-method-of-the-same-name-in-another-class": """\
        class Bot:
            async def run(self):
                return await ask("run")


        class Clock:
            def run(self):
                return 1


        print(Clock().run())
        """,
}


@pytest.mark.parametrize("body", NOOPS.values(), ids=NOOPS.keys())
def test_correct_uses_are_not_reported(body: str) -> None:
    assert _rendered(verify_async_uses(*_case(body))) == ""


def test_bare_references_to_what_was_async_already_are_the_users() -> None:
    source = "async def handler(x):\n    return x\n\n\nregister(handler)\n"
    assert verify_async_uses(source, source + "print('changed')\n") == ()


# ------------------------------------------------------------------------ fix cases

#: reason -> (output body after the header, (line in the body, column), part of the message)
FIXES = {
    "async-function-called-without-await": (
        """\
        async def main():
            answer = ask("What is a monad?")
            print(answer)
        """,
        (2, 14),
        (
            "`ask` is an async function here but this call is not awaited, spawned or "
            "gathered (it is assigned without await)"
        ),
    ),
    "async-function-passed-to-sorted-key": (
        """\
        words = ["sea", "sky"]
        print(sorted(words, key=ask))
        """,
        (2, 25),
        "passed to `sorted` as `key=`, which would call it without awaiting",
    ),
    "async-function-as-thread-target": (
        """\
        import threading

        threading.Thread(target=ask, args=("hi",)).start()
        """,
        (3, 25),
        "passed to `threading.Thread` as `target=`",
    ),
    "method-made-async-called-through-a-loop-variable": (
        """\
        class Ticket:
            def __init__(self, text):
                self.text = text

            async def triage(self):
                return await ask("triage: " + self.text)


        async def main(tickets):
            for t in tickets:
                t.triage()
        """,
        (11, 9),
        (
            "`triage` is an async method here but this call is not awaited, spawned or "
            "gathered (it is a statement of its own: the call never runs)"
        ),
    ),
    "raw-response-request-not-awaited": (
        """\
        async def main():
            raw = client.chat.completions.with_raw_response.create(model="m", messages=[])
            print(raw.headers)
        """,
        (2, 11),
        (
            "`client.chat.completions.with_raw_response.create(...)` is a request of the "
            "async client `client` but it is not awaited"
        ),
    ),
    "models-list-iterated-with-plain-for": (
        """\
        async def main():
            for model in client.models.list():
                print(model.id)
        """,
        (2, 18),
        "(it is iterated with for): write `async for ... in client.models.list(...)`",
    ),
    "stream-iterated-with-plain-for": (
        """\
        async def main():
            stream = await client.chat.completions.create(model="m", messages=[], stream=True)
            for chunk in stream:
                print(chunk)
        """,
        (3, 18),
        (
            "`stream` is an async stream (`stream=True` on an async client) but it is "
            "iterated with a plain `for`"
        ),
    ),
    "async-function-result-passed-to-json-dumps": (
        """\
        import json


        async def main():
            print(json.dumps(ask("x")))
        """,
        (5, 22),
        "(it is passed to `json.dumps`, which does not await it)",
    ),
    "async-function-run-on-a-thread": (
        """\
        async def main():
            print(await epic.to_thread(ask, "x"))
        """,
        (2, 32),
        "passed to `epic.to_thread`, which calls it on a thread without awaiting",
    ),
    "element-of-epic-any-not-awaited": (
        """\
        async def main(claims):
            print(await epic.any(ask(c) == "yes" for c in claims))
        """,
        (2, 26),
        "`ask` is an async function here but this call is not awaited",
    ),
    "async-method-called-through-getattr": (
        """\
        class Ticket:
            async def triage(self):
                return await ask("triage")


        async def main():
            print(getattr(Ticket(), "triage")())
        """,
        (7, 11),
        "`triage` is an async method here but this call is not awaited",
    ),
    "request-of-the-async-twin-not-awaited": (
        """\
        from openai import OpenAI

        sync_client = OpenAI()


        async def main():
            print(epic.async_client(sync_client).embeddings.create(input="x"))
        """,
        (7, 11),
        "`epic.async_client(...).embeddings.create(...)` is a request of the async client",
    ),
    "streamed-task-iterated-with-plain-for": (
        """\
        async def main():
            async with epic.scope() as tasks:
                stream_task = tasks.spawn(
                    client.chat.completions.create(model="m", messages=[], stream=True)
                )
                for chunk in await stream_task:
                    print(chunk)
        """,
        (6, 22),
        "is an async stream (`stream=True` on an async client) but it is iterated with a plain",
    ),
    "self-call-of-an-async-method-that-another-class-defines-sync": (
        """\
        class Bot:
            async def run(self):
                return await ask("run")

            async def twice(self):
                return [self.run(), await self.run()]


        class Clock:
            def run(self):
                return 1
        """,
        (6, 17),
        "(it is an element of a collection that is not gathered)",
    ),
    "task-scope-in-a-plain-with": (
        """\
        def main():
            with epic.scope() as tasks:
                print(tasks)
        """,
        (2, 10),
        "`epic.scope(...)` is an async context manager but it is not used in `async with`",
    ),
}


@pytest.mark.parametrize("body, position, message", FIXES.values(), ids=FIXES.keys())
def test_misuse_is_reported_at_its_position(
    body: str, position: tuple[int, int], message: str
) -> None:
    source, output = _case(body)
    violations = verify_async_uses(source, output)
    line, column = position
    assert [(v.line, v.column) for v in violations] == [
        (HEADER_LINES + 2 + line, column)
    ], _rendered(violations)
    assert message in violations[0].message


def test_violation_renders_as_a_diagnostic() -> None:
    source, output = _case("ask('x')\n")
    (violation,) = verify_async_uses(source, output)
    assert violation.render("out.py").startswith(f"out.py:{HEADER_LINES + 3}:1: error: `ask`")
    assert violation.render("out.py").endswith("  [unawaited-async]")


def test_the_parsed_input_is_accepted_as_well_as_its_text() -> None:
    import libcst as cst

    source, output = _case("ask('x')\n")
    assert verify_async_uses(cst.parse_module(source), output) == verify_async_uses(source, output)


def test_an_output_identical_to_its_input_is_not_checked() -> None:
    assert verify_async_uses(HEADER + "ask('x')\n", HEADER + "ask('x')\n") == ()
