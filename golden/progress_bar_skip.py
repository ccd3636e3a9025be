# flags: run overlap=2
"""A progress bar counts every item as the loop takes it, skipped ones too: a skipped
item is handed to the second loop as well (with no call started), so the bar there
counts every item, and the skip is taken again on the same values."""

from openai import OpenAI
from tqdm import tqdm

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


done = {"reefs"}
for topic in tqdm(["tides", "reefs", "kelp"], bar_format="{n}/{total}", mininterval=0):
    if topic in done:
        continue
    print(ask(f"echo: {topic}"))

# output

"""A progress bar counts every item as the loop takes it, skipped ones too: a skipped
item is handed to the second loop as well (with no call started), so the bar there
counts every item, and the skip is taken again on the same values."""

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


done = {"reefs"}


async def main() -> None:
    async with epic.scope() as tasks:
        ask_tasks = epic.pending()
        with ask_tasks.collecting():
            for topic in ["tides", "reefs", "kelp"]:
                if topic in done:
                    ask_tasks.append((topic, epic.NOT_STARTED))
                    continue
                ask_task = tasks.spawn(ask(f"echo: {topic}"))
                ask_tasks.append((topic, ask_task))
        for topic, ask_task in tqdm(ask_tasks, bar_format="{n}/{total}", mininterval=0):
            if topic in done:
                continue
            print(await ask_task)


epic.run(main())
