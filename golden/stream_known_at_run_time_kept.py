# flags: run overlap=1
"""A request whose reply may be a stream, made in a lambda (a sort key): nothing can
await it there, so it stays as it is, and with it the file. epic says why."""

from openai import OpenAI

client = OpenAI()
WORDS = ["tides", "kelp", "currents"]


def payload(word: str) -> dict:
    return {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"echo: {word}"}]}


print(
    sorted(
        WORDS,
        key=lambda w: len(client.chat.completions.create(**payload(w)).choices[0].message.content),
    )
)

# diagnostics
# stream_known_at_run_time_kept.py:17:27: note: `client.chat.completions.create(...)` blocks where it is: it is in a lambda, where nothing can await it  [kept-sync]
#             key=lambda w: len(client.chat.completions.create(**payload(w)).choices[0].message.content),
#                               ^
