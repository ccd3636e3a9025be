# flags: run overlap=2 extra=1
"""A candidate that fails to come back fails where it would sequentially. The score of
an earlier candidate has already been requested by then (rule 4: a run that ends
in an exception may have sent calls dispatched early); it is cancelled, and nothing of
the second loop is printed."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


candidates = []
for prompt in ["echo: first", "[latency:0.4] echo: second", "[fail:400] third"]:
    candidates.append(ask(prompt))
    print("collected", len(candidates))

for candidate in candidates:
    print(candidate, ask(f"[latency:0.5] echo: score of {candidate}"))

# output

"""A candidate that fails to come back fails where it would sequentially. The score of
an earlier candidate has already been requested by then (rule 4: a run that ends
in an exception may have sent calls dispatched early); it is cancelled, and nothing of
the second loop is printed."""

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
        candidates = []
        ask_tasks = []
        for prompt in ["echo: first", "[latency:0.4] echo: second", "[fail:400] third"]:
            ask_task = tasks.spawn(ask(prompt))
            ask_tasks.append(ask_task)
        ask_tasks2 = []
        for ask_task in ask_tasks:
            candidate = await ask_task
            candidates.append(candidate)
            ask_task2 = tasks.spawn(ask(f"[latency:0.5] echo: score of {candidate}"))
            ask_tasks2.append((candidate, ask_task2))
            print("collected", len(candidates))

        for candidate, ask_task2 in ask_tasks2:
            print(candidate, await ask_task2)


epic.run(main())
