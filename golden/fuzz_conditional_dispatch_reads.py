# flags: run overlap=1
"""Found by the fuzzer: a split loop whose call is under ``if n > threshold`` starts
its calls ahead of the loop, so its dispatch part must stay below whatever changes
``threshold``. The condition's names were left out of what the dispatch reads: it moved
above the loop that raises the threshold and sent calls the original never makes."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def main():
    threshold = 0
    for step in [1, 1]:
        threshold += step
    for n in range(1, 4):
        if n > threshold:
            print(ask(f"echo: {n}"))


main()

# output

"""Found by the fuzzer: a split loop whose call is under ``if n > threshold`` starts
its calls ahead of the loop, so its dispatch part must stay below whatever changes
``threshold``. The condition's names were left out of what the dispatch reads: it moved
above the loop that raises the threshold and sent calls the original never makes."""

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
        threshold = 0
        for step in [1, 1]:
            threshold += step
        ask_tasks = []
        for n in range(1, 4):
            ask_task = (
                tasks.spawn(ask(f"echo: {n}"))
                if epic.holds(lambda: n > threshold)
                else epic.NOT_STARTED
            )
            ask_tasks.append((n, ask_task))
        for n, ask_task in ask_tasks:
            if n > threshold:
                print(await ask_task)


epic.run(main())
