"""Models a nightly job that opens a client in `with`, pausing between phases.
Shapes: `with OpenAI() as client:` (the client bound by `with`), a module-level
`time.sleep` between phases, a plain module-level client used after the block.
"""

import time

from openai import OpenAI

TOPICS = ["caching", "queues"]

with OpenAI() as client:
    notes = []
    for topic in TOPICS:
        r = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"One tip about {topic}"}],
            max_tokens=8,
        )
        notes.append(r.choices[0].message.content)

print("phase 1 done:", len(notes), "notes")
time.sleep(0.1)  # let the rate limiter breathe

second = OpenAI()
for topic, note in zip(TOPICS, notes):
    r = second.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Shorten this tip about {topic}: {note}"}],
        max_tokens=5,
    )
    print(f"{topic}: {r.choices[0].message.content}")
