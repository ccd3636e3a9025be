# flags: run overlap=1
"""A call whose argument may raise still starts early, but its argument is evaluated
inside the task: the KeyError surfaces where the call stood, after the output before
it (evaluated where the task starts, it escaped before that output)."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


prompts = {"first": "echo: first"}
first = ask(prompts["first"])
print("first:", first)
second = ask(prompts["second"])
print("never printed", second)

# output

"""A call whose argument may raise still starts early, but its argument is evaluated
inside the task: the KeyError surfaces where the call stood, after the output before
it (evaluated where the task starts, it escaped before that output)."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


prompts = {"first": "echo: first"}


async def main() -> None:
    async with epic.scope() as tasks:
        first_task = tasks.spawn_after(lambda: ask(prompts["first"]))
        second_task = tasks.spawn_after(lambda: ask(prompts["second"]))
        first = await first_task
        print("first:", first)
        second = await second_task
        print("never printed", second)


epic.run(main())
