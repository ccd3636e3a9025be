"""Claim verification fed by a stream, written by hand with asyncio.

The answer streams to stdout as it arrives; the moment one of its lines (a claim) is
complete, that claim's verification starts, while the rest of the answer is still
being written.  Verdicts are printed in claim order once the stream has ended.
"""

import asyncio

from openai import AsyncOpenAI

client = AsyncOpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
MODEL = "gpt-4o-mini"
TOPIC = "lighthouses on the Atlantic coast"


async def ask(prompt: str, max_tokens: int | None = None) -> str:
    response = await client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
        max_tokens=max_tokens,
    )
    return response.choices[0].message.content.strip()


async def verify(claim: str) -> tuple[str, int]:
    first = int((await ask(f"Rate from 1 to 10 how likely this claim is true: {claim}")).split()[0])
    if first >= 6:
        return "supported", first
    evidence = await ask(f"You are a search engine. Give the top result snippet for: {claim}", 16)
    reply = await ask(f"Given this evidence: {evidence}\nRate from 1 to 10 how likely this claim is true: {claim}")
    second = int(reply.split()[0])
    return ("supported" if second >= 6 else "refuted"), second


async def main() -> None:
    async with asyncio.TaskGroup() as tg:
        checks: list[asyncio.Task[tuple[str, int]]] = []

        def check(line: str) -> None:
            if ". " in line:
                checks.append(tg.create_task(verify(line.split(". ", 1)[1])))

        stream = await client.chat.completions.create(
            model=MODEL,
            messages=[{"role": "user", "content": f"List some facts about {TOPIC}, one per line."}],
            stream=True,
        )
        buffer = ""
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                piece = chunk.choices[0].delta.content
                print(piece, end="", flush=True)
                buffer += piece
                while "\n" in buffer:
                    line, buffer = buffer.split("\n", 1)
                    check(line)
        print()
        check(buffer)

        verdicts = [await task for task in checks]

    for number, (verdict, confidence) in enumerate(verdicts, start=1):
        print(f"Claim {number}: {verdict} ({confidence}/10)")
    supported = sum(1 for verdict, _ in verdicts if verdict == "supported")
    print(f"{supported} of {len(checks)} claims supported")


if __name__ == "__main__":
    asyncio.run(main())
