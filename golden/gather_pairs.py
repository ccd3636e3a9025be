# flags: run overlap=3
"""A list comprehension of pairs ``(x, f(x))`` starts every call at once, as
``tasks.gather(epic.keyed(x, f(x)) ...)``: each key is evaluated before its call
starts, and the pairs come back in order."""

from openai import OpenAI

client = OpenAI()


def embed(text):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: {text}"}],
    )
    return response.choices[0].message.content


docs = ["tides", "reefs", "kelp"]
pairs = [(doc.upper(), embed(doc)) for doc in docs]
for name, vector in pairs:
    print(name, vector)

# output

"""A list comprehension of pairs ``(x, f(x))`` starts every call at once, as
``tasks.gather(epic.keyed(x, f(x)) ...)``: each key is evaluated before its call
starts, and the pairs come back in order."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def embed(text):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: {text}"}],
    )
    return response.choices[0].message.content


docs = ["tides", "reefs", "kelp"]


async def main() -> None:
    async with epic.scope() as tasks:
        pairs = await tasks.gather(epic.keyed(doc.upper(), embed(doc)) for doc in docs)
        for name, vector in pairs:
            print(name, vector)


epic.run(main())
