"""A streamed plan dispatched line by line, written by hand with asyncio.

The plan streams in; the moment a line is complete its step's request is sent (while
the rest of the plan is still being written).  A printer task prints every step and
its outcome in plan order, each as soon as it is available; the report goes out once
every outcome is in.
"""

import asyncio

from openai import AsyncOpenAI

client = AsyncOpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
MODEL = "gpt-4o-mini"
GOAL = "organise a small neighbourhood book fair in the park"


async def ask(prompt: str) -> str:
    response = await client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content.strip()


async def printer(queue: asyncio.Queue) -> list[str]:
    """Print steps and outcomes in plan order; return the outcomes."""
    results = []
    while (item := await queue.get()) is not None:
        number, step, outcome_task = item
        print(f"Step {number}: {step}")
        outcome = await outcome_task[0]
        print(f"  done: {outcome}")
        results.append(outcome)
    return results


async def main() -> None:
    async with asyncio.TaskGroup() as tg:
        queue: asyncio.Queue = asyncio.Queue()
        printing = tg.create_task(printer(queue))

        def dispatch(line: str) -> None:
            number, step = line.split(". ", 1)
            task: list[asyncio.Task[str]] = []
            # Enqueue first: the printer wakes before the request task's first step (which
            # costs CPU: building the request, maybe a new connection), so a step whose
            # turn it is gets printed at once.
            queue.put_nowait((number, step, task))
            task.append(
                tg.create_task(ask(f"Carry out this step and report the outcome in one sentence: {step}"))
            )

        stream = await client.chat.completions.create(
            model=MODEL,
            messages=[{"role": "user", "content": f"List the steps to {GOAL}, one per line."}],
            stream=True,
        )
        buffer = ""
        async for chunk in stream:
            if not chunk.choices:
                continue
            buffer += chunk.choices[0].delta.content or ""
            while "\n" in buffer:
                line, buffer = buffer.split("\n", 1)
                dispatch(line)
        if buffer.strip():
            dispatch(buffer)
        queue.put_nowait(None)
        results = await printing

    report = await ask("Write a one-sentence status report from these outcomes: " + " | ".join(results))
    print("Report:", report)


if __name__ == "__main__":
    asyncio.run(main())
