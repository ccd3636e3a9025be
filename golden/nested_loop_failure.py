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
        ask_tasks_by_state = []
        for state in ["echo: calm", "[fail:400] storm"]:
            ask_tasks = []
            for idea in ("a", "b"):
                ask_task = tasks.spawn(ask(f"{state} {idea}"))
                ask_tasks.append(ask_task)
            ask_tasks_by_state.append((state, ask_tasks))
        for state, ask_tasks in ask_tasks_by_state:
            for ask_task in ask_tasks:
                print(state, await ask_task)
            print("done with", state)
        print("never printed")


epic.run(main())
