# flags: run overlap=3
"""A loop over a progress bar (``for x in tqdm(items)``): every item's call starts up
front, and the bar wraps the second loop, so it advances as each result retires, in
order, as it did while the original waited for each reply."""

from openai import OpenAI
from tqdm import tqdm

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


answers = []
for topic in tqdm(["tides", "reefs", "kelp"], desc="asking", bar_format="{desc} {n}/{total}", mininterval=0):
    answers.append(ask(f"echo: {topic}"))
print(answers)

# output

"""A loop over a progress bar (``for x in tqdm(items)``): every item's call starts up
front, and the bar wraps the second loop, so it advances as each result retires, in
order, as it did while the original waited for each reply."""

from openai import OpenAI
from tqdm import tqdm
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
        answers = []
        ask_tasks = []
        for topic in ["tides", "reefs", "kelp"]:
            ask_task = tasks.spawn(ask(f"echo: {topic}"))
            ask_tasks.append(ask_task)
        for ask_task in tqdm(
            ask_tasks, desc="asking", bar_format="{desc} {n}/{total}", mininterval=0
        ):
            answers.append(await ask_task)
        print(answers)


epic.run(main())
