# flags: run overlap=2 extra=1
"""Every proposal starts up front, but a failing one still fails where it would
sequentially: after everything the earlier states printed, and before the rest."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


for state in ["echo: calm", "[fail:400] storm"]:
    for idea in ("a", "b"):
        print(state, ask(f"{state} {idea}"))
    print("done with", state)
print("never printed")

# output

"""Every proposal starts up front, but a failing one still fails where it would
sequentially: after everything the earlier states printed, and before the rest."""

from openai import AsyncOpenAI
import runtime_shim as epic

client = AsyncOpenAI(http_client=epic.http_client())


async def ask(prompt):
    response = await client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        pending2 = []
        for state in ["echo: calm", "[fail:400] storm"]:
            pending = []
            for idea in ("a", "b"):
                ask_task = tasks.spawn(ask(f"{state} {idea}"))
                pending.append(ask_task)
            pending2.append((state, pending))
        for state, pending in pending2:
            for ask_task in pending:
                print(state, await ask_task)
            print("done with", state)
        print("never printed")


epic.run(main())
