# flags: run overlap=2
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


pros = ask("List the pros of remote work.")
cons = ask("List the cons of remote work.")
print("Pros:", pros)
print("Cons:", cons)

# output

from openai import OpenAI
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
        pros_task = tasks.spawn(ask("List the pros of remote work."))
        cons_task = tasks.spawn(ask("List the cons of remote work."))
        pros = await pros_task
        cons = await cons_task
        print("Pros:", pros)
        print("Cons:", cons)


epic.run(main())
