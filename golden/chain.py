# flags: run overlap=1
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


topic = ask("Suggest a topic for a short blog post.")
outline = ask(f"Write an outline for a blog post about: {topic}")
print(outline)

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
    topic = await ask("Suggest a topic for a short blog post.")
    outline = await ask(f"Write an outline for a blog post about: {topic}")
    print(outline)


epic.run(main())
