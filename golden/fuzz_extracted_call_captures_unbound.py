# flags: run overlap=2
"""Found by the fuzzer: a call inside a larger statement that waits for an earlier
value is spawned as soon as that value exists, ahead of its statement. Its deferred
computation captures the names it reads that later code rebinds, but only those of the
call itself: ``items`` here is not bound yet where the call starts (capturing it raised
UnboundLocalError)."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def main():
    first = ask("echo: one")
    other = ask("echo: two")
    items = [first, other]
    items.append(ask(f"echo: {first} again"))
    items = items + ["done"]
    print(items)


main()

# output

"""Found by the fuzzer: a call inside a larger statement that waits for an earlier
value is spawned as soon as that value exists, ahead of its statement. Its deferred
computation captures the names it reads that later code rebinds, but only those of the
call itself: ``items`` here is not bound yet where the call starts (capturing it raised
UnboundLocalError)."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def main():
    async with epic.scope() as tasks:
        first_task = tasks.spawn(ask("echo: one"))
        other_task = tasks.spawn(ask("echo: two"))
        ask_task = tasks.spawn_after(
            lambda first: ask(f"echo: {first} again"), first_task
        )
        first = await first_task
        other = await other_task
        items = [first, other]
        items.append(await ask_task)
        items = items + ["done"]
        print(items)


epic.run(main())
