# flags: run overlap=3
"""``list(map(ask, topics))`` of a script function is the generator expression
``list(ask(item) for item in topics)``: its calls are gathered like a comprehension's,
in order, and ``ask`` becomes async."""

from openai import OpenAI

client = OpenAI()


def ask(topic: str) -> str:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: one line on {topic}"}],
    )
    return str(response.choices[0].message.content)


topics = ["tides", "reefs", "kelp"]
summaries = list(map(ask, topics))
for topic, summary in zip(topics, summaries):
    print(topic, "->", summary)

# output

"""``list(map(ask, topics))`` of a script function is the generator expression
``list(ask(item) for item in topics)``: its calls are gathered like a comprehension's,
in order, and ``ask`` becomes async."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(topic: str) -> str:
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: one line on {topic}"}],
    )
    return str(response.choices[0].message.content)


topics = ["tides", "reefs", "kelp"]


async def main() -> None:
    async with epic.scope() as tasks:
        summaries = list(await tasks.gather(ask(item) for item in topics))
        for topic, summary in zip(topics, summaries):
            print(topic, "->", summary)


epic.run(main())
