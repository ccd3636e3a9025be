"""Talking to the model."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
MODEL = "gpt-4o-mini"


async def ask(question: str) -> str:
    reply = await epic.async_client(client).chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content


def shout(text: str) -> str:
    return text.upper()
