"""Models a latency/usage probe mixing plain calls with raw-response and per-call options.
Shapes: `client.chat.completions.create(...)` next to
`client.chat.completions.with_raw_response.create(...)` + `.parse()` and
`client.with_options(max_retries=0).chat.completions.create(...)` on the same client.
"""

from openai import OpenAI

client = OpenAI()

PROMPTS = ["Name a prime number.", "Name a perfect number.", "Name a Fibonacci number."]

plain = []
for prompt in PROMPTS:
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=3
    )
    plain.append(r.choices[0].message.content)

raw = client.chat.completions.with_raw_response.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "Name a square number."}], max_tokens=3
)
parsed = raw.parse()
quick = client.with_options(max_retries=0).chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "Name a cube number."}], max_tokens=3
)

for prompt, text in zip(PROMPTS, plain):
    print(f"{prompt} {text}")
print(f"raw: HTTP {raw.status_code}, {parsed.usage.completion_tokens} tokens: {parsed.choices[0].message.content}")
print("quick:", quick.choices[0].message.content)
