# flags: run overlap=2
"""A skip that cannot be decided ahead stays in the second loop, in order, and nothing
after it starts early: a test that reads what the body changes (a set of items
already seen) keeps the loop in order; a skip after the item's call lets that call
start up front (it was due whatever the test says), the skip itself taken in order."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


seen = set()
for word in ["tea", "rice", "tea"]:
    if word in seen:
        continue
    seen.add(word)
    print(ask(f"echo: {word}"))

for word in ["tea", "rice"]:
    answer = ask(f"echo: {word}")
    if answer.endswith("rice"):
        continue
    print(answer)

# output

"""A skip that cannot be decided ahead stays in the second loop, in order, and nothing
after it starts early: a test that reads what the body changes (a set of items
already seen) keeps the loop in order; a skip after the item's call lets that call
start up front (it was due whatever the test says), the skip itself taken in order."""

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
    async with epic.scope() as tasks:
        seen = set()
        for word in ["tea", "rice", "tea"]:
            if word in seen:
                continue
            seen.add(word)
            print(await ask(f"echo: {word}"))

        answer_tasks = []
        for word in ["tea", "rice"]:
            answer_task = tasks.spawn(ask(f"echo: {word}"))
            answer_tasks.append(answer_task)
        for answer_task in answer_tasks:
            answer = await answer_task
            if answer.endswith("rice"):
                continue
            print(answer)


epic.run(main())

# diagnostics
# loop_skip_kept.py:20:1: note: `for word in ["tea", "rice", "tea"]:` runs iteration by iteration: `ask(...)` comes after a `continue`, which may skip it, so it may not be due: the skip cannot be decided before the item's calls start (its test reads `seen`, which the loop changes) (line 21: `if word in seen:`)  [kept-in-order]
#     for word in ["tea", "rice", "tea"]:
#     ^
