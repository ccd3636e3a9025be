# flags: run overlap=2
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


async def value(state):
    async with epic.single_flight(cache, state):
        if state in cache:
            return cache[state]
        score = await ask(f"Rate this partial solution from 1 to 10: {state}")
        cache[state] = score
        return score


async def main() -> None:
    async with epic.scope() as tasks:
        first_task = tasks.spawn(value("4 + 9 = 13, left: 13 10 1"))
        second_task = tasks.spawn(value("10 - 4 = 6, left: 6 9 1"))
        again_task = tasks.spawn(value("4 + 9 = 13, left: 13 10 1"))
        first = await first_task
        second = await second_task
        again = await again_task
        print(first)
        print(second)
        print(again == first, len(cache), "states scored")


epic.run(main())
