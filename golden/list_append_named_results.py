# flags: run overlap=3
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


chapters = []
intro = ask("Write the opening line of a mystery novel.")
chapters.append(intro)
middle = ask("Write a plot twist for a mystery novel in one line.")
chapters.append(middle)
ending = ask("Write the closing line of a mystery novel.")
chapters.append(ending)
print("\n".join(chapters))

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
        intro_task = tasks.spawn(ask("Write the opening line of a mystery novel."))
        middle_task = tasks.spawn(
            ask("Write a plot twist for a mystery novel in one line.")
        )
        ending_task = tasks.spawn(ask("Write the closing line of a mystery novel."))

        chapters = []
        intro = await intro_task
        chapters.append(intro)
        middle = await middle_task
        chapters.append(middle)
        ending = await ending_task
        chapters.append(ending)
        print("\n".join(chapters))


epic.run(main())
