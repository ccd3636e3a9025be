# flags: run overlap=2
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


# `summaries = merged` makes the two names share a list, but only after the inner
# loop: while it runs, `merged` holds the list `merged = []` made, which nothing else
# can reach, so appending to it does not change `summaries` and the merges of a round
# start together.
summaries = ["echo: north", "echo: south", "echo: east", "echo: west"]
round_number = 1
while len(summaries) > 1:
    merged = []
    for i in range(0, len(summaries), 2):
        merged.append(ask(f"echo: {summaries[i]} + {summaries[i + 1]}"))
    summaries = merged
    print(f"Round {round_number}: {summaries}")
    round_number += 1

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


# `summaries = merged` makes the two names share a list, but only after the inner
# loop: while it runs, `merged` holds the list `merged = []` made, which nothing else
# can reach, so appending to it does not change `summaries` and the merges of a round
# start together.
summaries = ["echo: north", "echo: south", "echo: east", "echo: west"]
round_number = 1


async def main() -> None:
    global round_number, summaries
    async with epic.scope() as tasks:
        while len(summaries) > 1:
            merged = []
            ask_tasks = []
            for i in range(0, len(summaries), 2):
                ask_task = tasks.spawn_after(
                    lambda i=i: ask(f"echo: {summaries[i]} + {summaries[i + 1]}")
                )
                ask_tasks.append(ask_task)
            for ask_task in ask_tasks:
                merged.append(await ask_task)
            summaries = merged
            print(f"Round {round_number}: {summaries}")
            round_number += 1


epic.run(main())
