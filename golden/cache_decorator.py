# flags: run overlap=3
"""An unbounded cache on a function that makes a request (``@functools.cache``,
``@lru_cache(maxsize=None)``) becomes ``@epic.cache`` on the async function: calls
with other arguments overlap, a call whose arguments another call is computing waits
for it, and the same calls hit and miss, so the same requests are sent, once each."""

import functools

from openai import OpenAI

client = OpenAI()


@functools.cache
def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


@functools.lru_cache(maxsize=None)
def shout(word):
    return ask(f"echo: {word.upper()}")


answers = [ask(f"echo: {topic}") for topic in ["tides", "reefs", "tides"]]
print(answers)
print(shout("kelp"), shout("kelp"), ask("echo: reefs"))

# output

"""An unbounded cache on a function that makes a request (``@functools.cache``,
``@lru_cache(maxsize=None)``) becomes ``@epic.cache`` on the async function: calls
with other arguments overlap, a call whose arguments another call is computing waits
for it, and the same calls hit and miss, so the same requests are sent, once each."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


@epic.cache
async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


@epic.cache
async def shout(word):
    return await ask(f"echo: {word.upper()}")


async def main() -> None:
    async with epic.scope() as tasks:
        answers_task = tasks.gather(
            ask(f"echo: {topic}") for topic in ["tides", "reefs", "tides"]
        )
        shout_task = tasks.spawn(shout("kelp"))
        shout_task2 = tasks.spawn(shout("kelp"))
        ask_task = tasks.spawn(ask("echo: reefs"))
        answers = await answers_task
        print(answers)
        print(await shout_task, await shout_task2, await ask_task)


epic.run(main())
