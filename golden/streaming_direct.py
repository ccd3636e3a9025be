# flags: run overlap=1
"""Iterating the streamed call directly, inside a helper that returns the text."""

from openai import OpenAI

client = OpenAI()


def stream_answer(prompt):
    parts = []
    for chunk in client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
        stream=True,
    ):
        if chunk.choices and chunk.choices[0].delta.content:
            piece = chunk.choices[0].delta.content
            parts.append(piece)
            print(piece, end="", flush=True)
    print()
    return "".join(parts)


text = stream_answer("Tell me about the sea.")
print(len(text.split()), "words")

# output

"""Iterating the streamed call directly, inside a helper that returns the text."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def stream_answer(prompt):
    parts = []
    async for chunk in await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
        stream=True,
    ):
        if chunk.choices and chunk.choices[0].delta.content:
            piece = chunk.choices[0].delta.content
            parts.append(piece)
            print(piece, end="", flush=True)
    print()
    return "".join(parts)


async def main() -> None:
    text = await stream_answer("Tell me about the sea.")
    print(len(text.split()), "words")


epic.run(main())
