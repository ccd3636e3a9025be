# flags: run overlap=3 during=score:quick/idea:slow-2
"""Pipelining when both loops use the same name for the element: the first loop
appends its own variable, so the second loop's calls start right after the append with
the variable as it is, and the first loop may go on using it."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def propose(latency, name):
    reply = ask(f"[latency:{latency}] echo: idea:{name}")
    return reply.removeprefix("idea:"), len(reply)


used = 0
ideas = []
for latency, name in [("0.05", "quick"), ("0.6", "slow-1"), ("0.6", "slow-2")]:
    idea, size = propose(latency, name)
    ideas.append(idea)
    used += size
    print("proposed", idea)

best = None
for idea in ideas:
    score = len(ask(f"echo: score:{idea}!"))
    print(idea, score)
    if best is None or score > best[0]:
        best = (score, idea)
print(best, used, idea)

# output

"""Pipelining when both loops use the same name for the element: the first loop
appends its own variable, so the second loop's calls start right after the append with
the variable as it is, and the first loop may go on using it."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def propose(latency, name):
    reply = await ask(f"[latency:{latency}] echo: idea:{name}")
    return reply.removeprefix("idea:"), len(reply)


used = 0


async def main() -> None:
    global used
    async with epic.scope() as tasks:
        ideas = []
        propose_tasks = []
        for latency, name in [("0.05", "quick"), ("0.6", "slow-1"), ("0.6", "slow-2")]:
            propose_task = tasks.spawn(propose(latency, name))
            propose_tasks.append(propose_task)
        ask_tasks = []
        for propose_task in propose_tasks:
            idea, size = await propose_task
            ideas.append(idea)
            ask_task = tasks.spawn(ask(f"echo: score:{idea}!"))
            ask_tasks.append((idea, ask_task))
            used += size
            print("proposed", idea)

        best = None
        for idea, ask_task in ask_tasks:
            score = len(await ask_task)
            print(idea, score)
            if best is None or score > best[0]:
                best = (score, idea)
        print(best, used, idea)


epic.run(main())
