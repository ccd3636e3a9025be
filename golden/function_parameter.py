# flags: run overlap=5
"""A function that takes the function it applies (``run(records, transform=enrich)``,
``score_all(items, judge)``, a default ``fn=ask``): when every call of it gives the
parameter functions of the script, the call of the parameter runs one of them, so
``enrich`` and ``ask`` become async, ``run`` awaits ``transform(...)``, and its loop
starts every record's request at once. ``report`` only prints: its calls stay in
order."""

from openai import OpenAI

client = OpenAI()


def enrich(record: dict[str, str]) -> dict[str, str]:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: {record['city']} is in Europe"}],
    )
    return {**record, "note": str(response.choices[0].message.content)}


def report(index: int, record: dict[str, str]) -> None:
    print(f"[{index}] {record['name']}: {record['note']}")


def run(records, transform, on_done):
    out = []
    for index, record in enumerate(records):
        new = transform(record)
        on_done(index, new)
        out.append(new)
    return out


def ask(prompt: str) -> str:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return str(response.choices[0].message.content)


def answer_all(questions, fn=ask):
    return [fn(q) for q in questions]


people = [{"name": "Ines", "city": "Porto"}, {"name": "Jonas", "city": "Bergen"}]
print(len(run(people, transform=enrich, on_done=report)))
print(answer_all(["echo: tides", "echo: reefs", "echo: kelp"]))

# output

"""A function that takes the function it applies (``run(records, transform=enrich)``,
``score_all(items, judge)``, a default ``fn=ask``): when every call of it gives the
parameter functions of the script, the call of the parameter runs one of them, so
``enrich`` and ``ask`` become async, ``run`` awaits ``transform(...)``, and its loop
starts every record's request at once. ``report`` only prints: its calls stay in
order."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def enrich(record: dict[str, str]) -> dict[str, str]:
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: {record['city']} is in Europe"}],
    )
    return {**record, "note": str(response.choices[0].message.content)}


def report(index: int, record: dict[str, str]) -> None:
    print(f"[{index}] {record['name']}: {record['note']}")


async def run(records, transform, on_done):
    async with epic.scope() as tasks:
        out = []
        new_tasks = []
        for index, record in enumerate(records):
            new_task = tasks.spawn(transform(record))
            new_tasks.append((index, new_task))
        for index, new_task in new_tasks:
            new = await new_task
            on_done(index, new)
            out.append(new)
        return out


async def ask(prompt: str) -> str:
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return str(response.choices[0].message.content)


async def answer_all(questions, fn=ask):
    async with epic.scope() as tasks:
        return await tasks.gather(fn(q) for q in questions)


people = [{"name": "Ines", "city": "Porto"}, {"name": "Jonas", "city": "Bergen"}]


async def main() -> None:
    async with epic.scope() as tasks:
        run_task = tasks.spawn(run(people, transform=enrich, on_done=report))
        answer_all_task = tasks.spawn(
            answer_all(["echo: tides", "echo: reefs", "echo: kelp"])
        )
        print(len(await run_task))
        print(await answer_all_task)


epic.run(main())
