# flags: run overlap=2
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"[{id}] {prompt}"}],
    )
    return response.choices[0].message.content


print("start")
id = "run-7"
first = ask("Name a bird.")
second = ask("Name a tree.")
print(first)
print(second)

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"[{id}] {prompt}"}],
    )
    return response.choices[0].message.content


print("start")
id = "run-7"


async def main() -> None:
    async with epic.scope() as tasks:
        first_task = tasks.spawn(ask("Name a bird."))
        second_task = tasks.spawn(ask("Name a tree."))
        first = await first_task
        second = await second_task
        print(first)
        print(second)


epic.run(main())
