# flags: run overlap=3
"""A value cache filled in a loop: each distinct key is asked once, duplicates reuse it."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def score(state):
    print("scoring", state)
    return len(ask(f"Score this state from 1 to 10: {state}"))


cache = {"known": 0}
scores = []
for state in ["a", "b", "a", "known", "c", "b"]:
    if state not in cache:
        cache[state] = score(state)
    scores.append(cache[state])
print(scores)
print(sorted(cache))

# output

"""A value cache filled in a loop: each distinct key is asked once, duplicates reuse it."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def score(state):
    print("scoring", state)
    return len(await ask(f"Score this state from 1 to 10: {state}"))


cache = {"known": 0}


async def main() -> None:
    async with epic.scope() as tasks:
        scores = []
        cache_tasks = {}
        pending = []
        for state in ["a", "b", "a", "known", "c", "b"]:
            if epic.hashable(state) and state not in cache and state not in cache_tasks:
                cache_tasks[state] = tasks.spawn(score(state))
            pending.append(state)
        for state in pending:
            if state not in cache:
                cache[state] = await cache_tasks[state]
            scores.append(cache[state])
        print(scores)
        print(sorted(cache))


epic.run(main())
