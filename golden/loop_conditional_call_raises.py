# flags: run overlap=1
"""The first loop evaluates a call's condition ahead of the iterations before it; when
the condition raises there (``None + 1``), it starts nothing, and the loop's own ``if``
raises the error in order, after the earlier iterations' output."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


limits = {"sea": 1, "sky": None}
for word in ["sea", "sky"]:
    print("checking", word)
    if limits[word] + 1 > 1:
        print(ask(f"echo: about {word}"))

# output

"""The first loop evaluates a call's condition ahead of the iterations before it; when
the condition raises there (``None + 1``), it starts nothing, and the loop's own ``if``
raises the error in order, after the earlier iterations' output."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


limits = {"sea": 1, "sky": None}


async def main() -> None:
    async with epic.scope() as tasks:
        ask_tasks = []
        for word in ["sea", "sky"]:
            ask_task = (
                tasks.spawn(ask(f"echo: about {word}"))
                if epic.holds(lambda: limits[word] + 1 > 1)
                else epic.NOT_STARTED
            )
            ask_tasks.append((word, ask_task))
        for word, ask_task in ask_tasks:
            print("checking", word)
            if limits[word] + 1 > 1:
                print(await ask_task)


epic.run(main())
