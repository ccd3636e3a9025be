"""Tree-of-Thoughts BFS with a value cache, written by hand with asyncio.

Every proposal of a level is sent at once; each candidate is scored as soon as its own
proposal is back (no barrier between proposals and scores); the value cache holds
*tasks*, so a prompt already in flight is awaited, never asked twice.  Scores are
printed in candidate order as soon as each one and all before it are in.
"""

import asyncio

from openai import AsyncOpenAI

client = AsyncOpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
MODEL = "gpt-4o-mini"
PUZZLE = "Pick three words, one per clue, that tell a tiny story about the sea."
CLUES = ["a calm morning", "something that shines", "a long journey"]
PROPOSALS = 3
BEAM = 2

value_cache: dict[str, asyncio.Task[int]] = {}


async def ask(prompt: str, max_tokens: int | None = None) -> str:
    response = await client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
        max_tokens=max_tokens,
    )
    return response.choices[0].message.content.strip()


async def propose(state: list[str], clue: str, k: int) -> str:
    so_far = " ".join(state) or "(nothing yet)"
    prompt = f"{PUZZLE}\nWords so far: {so_far}\nClue: {clue}\nPropose one word, idea #{k}:"
    return (await ask(prompt, max_tokens=1)).strip(".").lower()


async def score(prompt: str) -> int:
    first = (await ask(prompt)).split()[0]
    return int(first) if first.isdigit() else 0


def value(word: str) -> asyncio.Task[int]:
    prompt = f"Rate how well the word '{word}' fits a tiny story about the sea, from 1 to 10, number first."
    if prompt not in value_cache:
        value_cache[prompt] = asyncio.create_task(score(prompt))
    return value_cache[prompt]


async def scored_candidate(state: list[str], clue: str, k: int) -> tuple[int, list[str]]:
    word = await propose(state, clue, k)
    return await value(word), state + [word]


async def main() -> None:
    frontier: list[list[str]] = [[]]
    for level, clue in enumerate(CLUES, start=1):
        async with asyncio.TaskGroup() as tg:
            jobs = [
                tg.create_task(scored_candidate(state, clue, k))
                for state in frontier
                for k in range(1, PROPOSALS + 1)
            ]
            scored = []
            for job in jobs:
                score_, candidate = await job
                scored.append((score_, candidate))
                print(f"level {level} [{score_:2}] {' '.join(candidate)}")
        scored.sort(key=lambda pair: pair[0], reverse=True)
        frontier = [candidate for _, candidate in scored[:BEAM]]
        print(f"level {level} keeps: {' | '.join(' '.join(s) for s in frontier)}")

    best = frontier[0]
    story = await ask(f"Write one sentence of a story that uses the words: {', '.join(best)}")
    print("Best:", " ".join(best))
    print("Story:", story)
    print("Value prompts asked:", len(value_cache))


if __name__ == "__main__":
    asyncio.run(main())
