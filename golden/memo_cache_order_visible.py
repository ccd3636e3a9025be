# flags: run overlap=1
"""A memo cache whose insertion order is printed: calls filling it at the same time
would change that order, so they stay in program order."""

from openai import OpenAI

client = OpenAI()
cache = {}


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def summary(topic):
    if topic in cache:
        return cache[topic]
    text = ask(f"echo: One line on {topic}.")
    cache[topic] = text
    return text


for topic in ["tides", "reefs", "tides", "kelp"]:
    print(summary(topic))
print(list(cache))

# output

"""A memo cache whose insertion order is printed: calls filling it at the same time
would change that order, so they stay in program order."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
cache = {}


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def summary(topic):
    if topic in cache:
        return cache[topic]
    text = await ask(f"echo: One line on {topic}.")
    cache[topic] = text
    return text


async def main() -> None:
    for topic in ["tides", "reefs", "tides", "kelp"]:
        print(await summary(topic))
    print(list(cache))


epic.run(main())

# diagnostics
# memo_cache_order_visible.py:26:1: note: `for topic in ["tides", "reefs", "tides", "kelp"]:` runs iteration by iteration: `summary(...)` changes `cache`, which it does not own (a global, or an object it was given) (line 27: `print(summary(topic))`)  [kept-in-order]
#     for topic in ["tides", "reefs", "tides", "kelp"]:
#     ^
