# flags: run overlap=2
import openai
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
try:
    title = ask(f"[fail:400] Suggest a title for this outline: {outline}")
except openai.BadRequestError as error:
    print("No title:", error.status_code, error.body["message"])
    title = "Untitled"
blurb = ask("[latency:0.3] Write a one-line blurb for the newsletter.")
print("Title:", title)
print("Blurb:", blurb)

# output

import openai
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
        blurb_task = tasks.spawn(
            ask("[latency:0.3] Write a one-line blurb for the newsletter.")
        )
        outline = await outline_task
        print("Outline:", outline)
        try:
            title = await ask(f"[fail:400] Suggest a title for this outline: {outline}")
        except openai.BadRequestError as error:
            print("No title:", error.status_code, error.body["message"])
            title = "Untitled"
        blurb = await blurb_task
        print("Title:", title)
        print("Blurb:", blurb)


epic.run(main())
