# flags: run overlap=6
"""Several independent calls in one statement start together; each is awaited in its
place, so the values, the printed text and any exception keep the statement's order."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def shout(prompt):
    print("asking:", prompt)
    return ask(prompt).upper()


print(ask("echo: left"), ask("echo: right"))
both = ask("echo: one") + " / " + ask("echo: two")
print(both)
print(shout("echo: first"), shout("echo: second"), sep="\n")

# output

"""Several independent calls in one statement start together; each is awaited in its
place, so the values, the printed text and any exception keep the statement's order."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def shout(prompt):
    print("asking:", prompt)
    return (await ask(prompt)).upper()


async def main() -> None:
    async with epic.scope() as tasks:
        ask_task = tasks.spawn(ask("echo: left"))
        ask_task2 = tasks.spawn(ask("echo: right"))
        ask_task3 = tasks.spawn(ask("echo: one"))
        ask_task4 = tasks.spawn(ask("echo: two"))
        shout_task = tasks.spawn(shout("echo: first"))
        shout_task2 = tasks.spawn(shout("echo: second"))

        print(await ask_task, await ask_task2)
        both = await ask_task3 + " / " + await ask_task4
        print(both)
        print(await shout_task, await shout_task2, sep="\n")


epic.run(main())
