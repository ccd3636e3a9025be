# flags: run overlap=3
"""Dict and set comprehensions whose element is a call start every call at once, like
list comprehensions: each key is evaluated before its call starts, and the results
are inserted in the comprehension's order (a repeated key keeps its first place and
its last value)."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


topics = ["sea", "sky", "sea"]
lines = {topic: ask(f"echo: a line about the {topic} #{n}") for n, topic in enumerate(topics)}
print(lines)
words = {ask(f"echo: {topic}") for topic in topics}  # "sea" is asked twice, as in the original
print(sorted(words))

# output

"""Dict and set comprehensions whose element is a call start every call at once, like
list comprehensions: each key is evaluated before its call starts, and the results
are inserted in the comprehension's order (a repeated key keeps its first place and
its last value)."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


topics = ["sea", "sky", "sea"]


async def main() -> None:
    async with epic.scope() as tasks:
        lines = dict(
            await tasks.gather(
                epic.keyed(topic, ask(f"echo: a line about the {topic} #{n}"))
                for n, topic in enumerate(topics)
            )
        )
        print(lines)
        words = set(
            await tasks.gather(ask(f"echo: {topic}") for topic in topics)
        )  # "sea" is asked twice, as in the original
        print(sorted(words))


epic.run(main())
