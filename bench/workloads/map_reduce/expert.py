"""Map-reduce summarisation, written by hand with asyncio.

All section summaries go out at once; each merge goes out as soon as *its two* inputs
are in (no barrier between rounds); output is printed in the sequential order.
"""

import asyncio

from openai import AsyncOpenAI

from sections import SECTIONS

client = AsyncOpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
MODEL = "gpt-4o-mini"


async def ask(prompt: str) -> str:
    response = await client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content.strip()


async def summarise(text: str) -> str:
    return await ask(f"Summarise this section of a quarterly report in one sentence: {text}")


async def merge(first: asyncio.Task[str], second: asyncio.Task[str]) -> str:
    a, b = await first, await second
    return await ask(f"Merge these two summaries into a single sentence: {a} / {b}")


async def main() -> None:
    async with asyncio.TaskGroup() as tg:
        summaries = [tg.create_task(summarise(section)) for section in SECTIONS]
        rounds = []
        level = summaries
        while len(level) > 1:
            level = [
                tg.create_task(merge(level[i], level[i + 1])) if i + 1 < len(level) else level[i]
                for i in range(0, len(level), 2)
            ]
            rounds.append(level)

        for number, task in enumerate(summaries, start=1):
            print(f"Section {number}: {await task}")
        for round_number, level in enumerate(rounds, start=1):
            await asyncio.wait(level)  # the round is printed once all of it is done
            print(f"Round {round_number}: {len(level)} summaries left")
        print("Summary:", await level[0])


if __name__ == "__main__":
    asyncio.run(main())
