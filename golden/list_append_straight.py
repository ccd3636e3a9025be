# flags: run overlap=3
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


answers = []
answers.append(ask("echo: one"))
answers.append(ask("echo: two"))
answers.append(ask("echo: three"))
print(" ".join(answers))

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
        answers = []
        ask_task = tasks.spawn(ask("echo: one"))
        ask_task2 = tasks.spawn(ask("echo: two"))
        ask_task3 = tasks.spawn(ask("echo: three"))
        answers.append(await ask_task)
        answers.append(await ask_task2)
        answers.append(await ask_task3)
        print(" ".join(answers))


epic.run(main())
