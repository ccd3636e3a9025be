"""Models a usage auditor that reads raw HTTP responses before parsing them.
Shapes: `client.chat.completions.with_raw_response.create(...)` then `.parse()`,
reading `raw.headers` and `raw.status_code`, token accounting from `usage`.
"""

from openai import OpenAI

client = OpenAI()

TASKS = [
    "Summarise the plot of Hamlet in one sentence.",
    "Summarise the plot of Macbeth in one sentence.",
    "Summarise the plot of Othello in one sentence.",
]

total_tokens = 0
rows = []
for task in TASKS:
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": task}],
    )
    content_type = raw.headers.get("content-type", "").split(";")[0]
    completion = raw.parse()
    total_tokens += completion.usage.total_tokens
    rows.append((raw.status_code, content_type, completion.choices[0].message.content))

for status, content_type, text in rows:
    print(f"[{status} {content_type}] {text}")
print("total tokens:", total_tokens)
