# flags: run overlap=1
"""Tree-of-Thoughts style value cache: a repeated state is asked once."""

from openai import OpenAI

client = OpenAI()
cache = {}


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def value(state):
    if state in cache:
        return cache[state]
    score = ask(f"Rate this partial solution from 1 to 10: {state}")
    cache[state] = score
    return score


first = value("4 + 9 = 13, left: 13 10 1")
second = value("10 - 4 = 6, left: 6 9 1")
again = value("4 + 9 = 13, left: 13 10 1")
print(first)
print(second)
print(again == first, len(cache), "states scored")

# output

"""Tree-of-Thoughts style value cache: a repeated state is asked once."""

from openai import AsyncOpenAI
import runtime_shim as epic

client = AsyncOpenAI(http_client=epic.http_client())
cache = {}


async def ask(prompt):
    response = await client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def value(state):
    if state in cache:
        return cache[state]
    score = await ask(f"Rate this partial solution from 1 to 10: {state}")
    cache[state] = score
    return score


async def main() -> None:
    first = await value("4 + 9 = 13, left: 13 10 1")
    second = await value("10 - 4 = 6, left: 6 9 1")
    again = await value("4 + 9 = 13, left: 13 10 1")
    print(first)
    print(second)
    print(again == first, len(cache), "states scored")


epic.run(main())
