# flags: run overlap=1
"""A memo cache filled in a split loop: the first loop starts each key's call once,
but only for a key that can be looked up. A list as a key starts nothing there, and the
loop's own check raises TypeError in order, after the output before it, as the
original does."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": str(prompt)}],
    )
    return response.choices[0].message.content


cache = {}
for key in ["echo: a", ["echo: b"]]:
    print("looking at", key)
    if key not in cache:
        cache[key] = ask(key)
print(cache)

# output

"""A memo cache filled in a split loop: the first loop starts each key's call once,
but only for a key that can be looked up. A list as a key starts nothing there, and the
loop's own check raises TypeError in order, after the output before it, as the
original does."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": str(prompt)}],
    )
    return response.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        cache = {}
        cache_tasks = {}
        pending = []
        for key in ["echo: a", ["echo: b"]]:
            if epic.hashable(key) and key not in cache and key not in cache_tasks:
                cache_tasks[key] = tasks.spawn(ask(key))
            pending.append(key)
        for key in pending:
            print("looking at", key)
            if key not in cache:
                cache[key] = await cache_tasks[key]
        print(cache)


epic.run(main())
