"""Talking to the model."""

from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"


def ask(question: str) -> str:
    reply = client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content


def shout(text: str) -> str:
    return text.upper()
