# flags: run overlap=4
"""Helpers that take an optional client and make their own when none is passed:
`client = client or OpenAI()`, `if client is None: client = OpenAI()`, and a wrapper
class's `self.client = client or OpenAI()`. Each binding may hold the client the script
made, so the calls through it are awaited (any other object passed in runs its calls
on a thread); the four requests start at once."""

from openai import OpenAI


def ask(question: str, client=None) -> str:
    client = client or OpenAI()
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content or ""


def ask_checked(question: str, client=None) -> str:
    if client is None:
        client = OpenAI()
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content or ""


class Writer:
    def __init__(self, client=None) -> None:
        self.client = client or OpenAI()

    def write(self, topic: str) -> str:
        reply = self.client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: {topic}"}]
        )
        return reply.choices[0].message.content or ""


shared = OpenAI()
writer = Writer()
first = ask("echo: tides")
second = ask("echo: reefs", client=shared)
third = ask_checked("echo: kelp")
fourth = writer.write("currents")
print(first, second, third, fourth, sep="\n")

# output

"""Helpers that take an optional client and make their own when none is passed:
`client = client or OpenAI()`, `if client is None: client = OpenAI()`, and a wrapper
class's `self.client = client or OpenAI()`. Each binding may hold the client the script
made, so the calls through it are awaited (any other object passed in runs its calls
on a thread); the four requests start at once."""

from openai import OpenAI
import runtime_shim as epic


async def ask(question: str, client=None) -> str:
    client = client or OpenAI()
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content or ""


async def ask_checked(question: str, client=None) -> str:
    if client is None:
        client = OpenAI()
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content or ""


class Writer:
    def __init__(self, client=None) -> None:
        self.client = client or OpenAI()

    async def write(self, topic: str) -> str:
        reply = await epic.async_client(self.client).chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"echo: {topic}"}],
        )
        return reply.choices[0].message.content or ""


shared = OpenAI()
writer = Writer()


async def main() -> None:
    async with epic.scope() as tasks:
        first_task = tasks.spawn(ask("echo: tides"))
        second_task = tasks.spawn(ask("echo: reefs", client=shared))
        third_task = tasks.spawn(ask_checked("echo: kelp"))
        fourth_task = tasks.spawn(writer.write("currents"))
        first = await first_task
        second = await second_task
        third = await third_task
        fourth = await fourth_task
        print(first, second, third, fourth, sep="\n")


epic.run(main())
