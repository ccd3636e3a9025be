# flags: run overlap=3
"""A helper that captures what it prints with ``contextlib.redirect_stdout``: its
``with`` body awaits nothing, so it becomes ``epic.redirect_stdout``, which sends only
the body's text to the buffer (not the text of other tasks or threads meanwhile). The
three requests start at once; each report is printed in order. At module level, the
``with`` moves into ``main()`` as it is."""

import io
from contextlib import redirect_stdout

from openai import OpenAI

client = OpenAI()


def report(word: str, text: str) -> str:
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        print(f"== {word} ==")
        print(text.upper())
    return buffer.getvalue()


def describe(word: str) -> str:
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: {word}"}]
    )
    print(f"asked about {word}")
    return report(word, reply.choices[0].message.content or "")


banner = io.StringIO()
with redirect_stdout(banner):
    print("three reports")

reports = []
for word in ["tides", "reefs", "kelp"]:
    reports.append(describe(word))
print(banner.getvalue() + "".join(reports), end="")

# output

"""A helper that captures what it prints with ``contextlib.redirect_stdout``: its
``with`` body awaits nothing, so it becomes ``epic.redirect_stdout``, which sends only
the body's text to the buffer (not the text of other tasks or threads meanwhile). The
three requests start at once; each report is printed in order. At module level, the
``with`` moves into ``main()`` as it is."""

import io

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


def report(word: str, text: str) -> str:
    buffer = io.StringIO()
    with epic.redirect_stdout(buffer):
        print(f"== {word} ==")
        print(text.upper())
    return buffer.getvalue()


async def describe(word: str) -> str:
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: {word}"}]
    )
    print(f"asked about {word}")
    return report(word, reply.choices[0].message.content or "")


banner = io.StringIO()


async def main() -> None:
    async with epic.scope() as tasks:
        describe_tasks = []
        for word in ["tides", "reefs", "kelp"]:
            describe_task = tasks.spawn(describe(word))
            describe_tasks.append(describe_task)
        with epic.redirect_stdout(banner):
            print("three reports")

        reports = []
        for describe_task in describe_tasks:
            reports.append(await describe_task)
        print(banner.getvalue() + "".join(reports), end="")


epic.run(main())
