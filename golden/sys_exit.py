# flags: run overlap=2
import sys

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


label = ask("Classify this ticket as bug or feature: 'The app crashes on start.' echo: unknown")
summary = ask("Summarize the ticket: 'The app crashes on start.'")
print("Summary:", summary)
if label not in ("bug", "feature"):
    sys.exit(f"unexpected label: {label!r}")
print("Label:", label)

# output

import sys

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
        label_task = tasks.spawn(
            ask(
                "Classify this ticket as bug or feature: 'The app crashes on start.' echo: unknown"
            )
        )
        summary_task = tasks.spawn(
            ask("Summarize the ticket: 'The app crashes on start.'")
        )
        label = await label_task
        summary = await summary_task
        print("Summary:", summary)
        if label not in ("bug", "feature"):
            sys.exit(f"unexpected label: {label!r}")
        print("Label:", label)


epic.run(main())
