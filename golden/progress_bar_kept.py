# flags: run overlap=1
"""A progress bar counts every item as the loop takes it, skipped ones too: with a
skip, the bar could not advance with the items that retire, so the loop stays in
order (with a note)."""

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

"""A progress bar counts every item as the loop takes it, skipped ones too: with a
skip, the bar could not advance with the items that retire, so the loop stays in
order (with a note)."""

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
    for topic in tqdm(
        ["tides", "reefs", "kelp"], bar_format="{n}/{total}", mininterval=0
    ):
        if topic in done:
            continue
        print(await ask(f"echo: {topic}"))


epic.run(main())

# diagnostics
# progress_bar_kept.py:20:1: note: `for topic in tqdm(["tides", "reefs", "kelp"], bar_format="{n}/{total}", mininterval=0):` runs iteration by iteration: `ask(...)` comes after a `continue`, which may skip it, so it may not be due: the skip cannot be decided before the item's calls start (its progress bar counts every item as the loop takes it) (line 21: `if topic in done:`)  [kept-in-order]
#     for topic in tqdm(["tides", "reefs", "kelp"], bar_format="{n}/{total}", mininterval=0):
#     ^
