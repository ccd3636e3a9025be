"""Self-consistency voting, written by hand with asyncio.

Every sample of every question goes out at once; each question's justification goes
out as soon as that question's votes are in; questions are printed in order.
"""

import asyncio
from collections import Counter

from openai import AsyncOpenAI

client = AsyncOpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
MODEL = "gpt-4o-mini"
SAMPLES = 5
QUESTIONS = [
    "How hard is it for a beginner to learn to sail a small dinghy?",
    "How risky is it to cross a glacier without a guide?",
    "How useful is a paper map on a week-long hike?",
    "How likely is rain in Bergen on a day in October?",
]


async def ask(prompt: str, seed: int | None = None, max_tokens: int | None = None) -> str:
    response = await client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
        temperature=0.8,
        seed=seed,
        max_tokens=max_tokens,
    )
    return response.choices[0].message.content.strip()


async def sample_answer(question: str, seed: int) -> int:
    reply = await ask(f"{question} Think it through, then rate it from 1 to 10, number first.", seed=seed)
    return int(reply.split()[0])


async def vote(question: str) -> tuple[list[int], int, int, str]:
    votes = list(await asyncio.gather(*(sample_answer(question, s) for s in range(SAMPLES))))
    answer, count = Counter(votes).most_common(1)[0]
    why = await ask(
        f"In one sentence, explain why the answer to '{question}' is {answer} out of 10.", max_tokens=20
    )
    return votes, answer, count, why


async def main() -> None:
    async with asyncio.TaskGroup() as tg:
        jobs = [tg.create_task(vote(question)) for question in QUESTIONS]
        for question, job in zip(QUESTIONS, jobs):
            votes, answer, count, why = await job
            print(question)
            print(f"  votes {votes} -> {answer} ({count} of {SAMPLES})")
            print(f"  why: {why}")


if __name__ == "__main__":
    asyncio.run(main())
