# flags: run overlap=2 pure=tools.tidy
"""A function of the user's that ``[tool.epic] pure`` declares pure is not a barrier:
the second request, whose prompt it computes, starts with the first."""

from openai import OpenAI

from tools import tidy

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


first = ask("echo: tides")
second = ask(f"echo: {tidy('  reefs   and kelp ')}")
print(first, second)

# output

"""A function of the user's that ``[tool.epic] pure`` declares pure is not a barrier:
the second request, whose prompt it computes, starts with the first."""

from openai import OpenAI

from tools import tidy
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        first_task = tasks.spawn(ask("echo: tides"))
        second_task = tasks.spawn_after(
            lambda: ask(f"echo: {tidy('  reefs   and kelp ')}")
        )
        first = await first_task
        second = await second_task
        print(first, second)


epic.run(main())
