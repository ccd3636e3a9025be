# flags: run overlap=1
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

from openai import AsyncOpenAI
import runtime_shim as epic

client = AsyncOpenAI(http_client=epic.http_client())


async def ask(prompt):
    response = await client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


answers = []


async def main() -> None:
    answers.append(await ask("echo: one"))
    answers.append(await ask("echo: two"))
    answers.append(await ask("echo: three"))
    print(" ".join(answers))


epic.run(main())
