"""A stream handed to another function: not supported yet, kept sequential."""

from openai import OpenAI

client = OpenAI()


def collect(stream):
    return "".join(c.choices[0].delta.content or "" for c in stream if c.choices)


stream = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Tell me about the sea."}],
    stream=True,
)
print(collect(stream))
