# flags: run overlap=2 extra=1
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


outline = ask("echo: 1. Why 2. How 3. What next")
print("Outline:", outline)
title = ask(f"[fail:400] Suggest a title for this outline: {outline}")
print("Title:", title)
blurb = ask("[latency:0.3] Write a one-line blurb for the newsletter.")
print("Blurb:", blurb)

# output

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
        outline_task = tasks.spawn(ask("echo: 1. Why 2. How 3. What next"))
        title_task = tasks.spawn_after(
            lambda outline: ask(
                f"[fail:400] Suggest a title for this outline: {outline}"
            ),
            outline_task,
        )
        blurb_task = tasks.spawn(
            ask("[latency:0.3] Write a one-line blurb for the newsletter.")
        )
        outline = await outline_task
        print("Outline:", outline)
        title = await title_task
        print("Title:", title)
        blurb = await blurb_task
        print("Blurb:", blurb)


epic.run(main())
