# flags: run overlap=4
"""Library calls with known effects are not barriers: dates, html, text, uuid reads,
json and numbers compute values; ``os.path.exists`` only reads the world, so a skip
on it is decided ahead of the item's call when nothing in the loop writes files."""

import datetime
import html
import os
import textwrap

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


day = datetime.date(2026, 12, 2)
summary = textwrap.shorten("reefs and kelp and the gulls over them", 20)
title = ask(f"echo: {html.escape('<tides>')} on {day.isoformat()}")
body = ask(f"echo: {summary}")
print(title)
print(body)

for name in ["no-such-file-1.txt", "no-such-file-2.txt"]:
    if os.path.exists(name):
        continue
    print(name, ask(f"echo: {os.path.splitext(name)[0]}"))

# output

"""Library calls with known effects are not barriers: dates, html, text, uuid reads,
json and numbers compute values; ``os.path.exists`` only reads the world, so a skip
on it is decided ahead of the item's call when nothing in the loop writes files."""

import datetime
import html
import os
import textwrap

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


day = datetime.date(2026, 12, 2)
summary = textwrap.shorten("reefs and kelp and the gulls over them", 20)


async def main() -> None:
    async with epic.scope() as tasks:
        title_task = tasks.spawn_after(
            lambda: ask(f"echo: {html.escape('<tides>')} on {day.isoformat()}")
        )
        body_task = tasks.spawn(ask(f"echo: {summary}"))
        ask_tasks = epic.pending()
        with ask_tasks.collecting():
            for name in ["no-such-file-1.txt", "no-such-file-2.txt"]:
                if os.path.exists(name):
                    ask_tasks.append((name, epic.NOT_STARTED))
                    continue
                ask_task = tasks.spawn_after(
                    lambda name=name: ask(f"echo: {os.path.splitext(name)[0]}")
                )
                ask_tasks.append((name, ask_task))
        title = await title_task
        body = await body_task
        print(title)
        print(body)

        for name, ask_task in ask_tasks:
            if os.path.exists(name):
                continue
            print(name, await ask_task)


epic.run(main())
