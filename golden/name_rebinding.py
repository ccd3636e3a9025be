# flags: run overlap=2
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


prompt = "echo: first answer"
a = ask(prompt)
prompt = "echo: second answer"
b = ask(prompt)
print(prompt)
print(a)
print(b)

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


prompt = "echo: first answer"


async def main() -> None:
    global prompt
    async with epic.scope() as tasks:
        a_task = tasks.spawn(ask(prompt))
        prompt = "echo: second answer"
        b_task = tasks.spawn(ask(prompt))
        a = await a_task
        b = await b_task
        print(prompt)
        print(a)
        print(b)


epic.run(main())
