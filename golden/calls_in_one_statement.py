# flags: run overlap=3
"""Three requests in one statement: all start before the statement runs. The first is
awaited where it is (nothing runs before it in the statement); the others start as
tasks, since the statement awaits the ones before them first."""

from openai import OpenAI

client = OpenAI()


def ask(q: str) -> str:
    reply = client.chat.completions.create(model="m", messages=[{"role": "user", "content": q}])
    print("asked", q)
    return reply.choices[0].message.content or ""


print(ask("echo: a"), ask("echo: b"), ask("echo: c"))

# output

"""Three requests in one statement: all start before the statement runs. The first is
awaited where it is (nothing runs before it in the statement); the others start as
tasks, since the statement awaits the ones before them first."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(q: str) -> str:
    reply = await epic.async_client(client).chat.completions.create(
        model="m", messages=[{"role": "user", "content": q}]
    )
    print("asked", q)
    return reply.choices[0].message.content or ""


async def main() -> None:
    async with epic.scope() as tasks:
        ask_task2 = tasks.spawn(ask("echo: b"))
        ask_task3 = tasks.spawn(ask("echo: c"))

        print(await ask("echo: a"), await ask_task2, await ask_task3)


epic.run(main())
