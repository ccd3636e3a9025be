# flags: run overlap=2
import time

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


first = ask("Write a haiku about autumn.")
print(first)
time.sleep(0.2)  # stay under the rate limit
second = ask("Write a haiku about winter.")
print(second)

# output

from openai import OpenAI
import asyncio
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
        first_task = tasks.spawn(ask("Write a haiku about autumn."))
        sleep_task = tasks.spawn(asyncio.sleep(0.2))
        second_task = tasks.spawn(ask("Write a haiku about winter."))
        first = await first_task
        print(first)
        await sleep_task
        second = await second_task
        print(second)


epic.run(main())
