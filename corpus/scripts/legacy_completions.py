"""Models an old-style text-completion script (the v1 client's `completions.create`).
Shapes: `client.completions.create(prompt=...)` with `gpt-3.5-turbo-instruct`, a batch
prompt list in one request, `choices[i].text`, `n=2` alternatives.
"""

from openai import OpenAI

client = OpenAI()

SEEDS = ["Roses are red,", "The quick brown fox", "In a galaxy far away"]

for seed in SEEDS:
    c = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=seed, max_tokens=6)
    print(f"{seed} {c.choices[0].text}")

batch = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=SEEDS, max_tokens=3)
for choice in sorted(batch.choices, key=lambda ch: ch.index):
    print(f"batch[{choice.index}]: {choice.text}")

alts = client.completions.create(model="gpt-3.5-turbo-instruct", prompt="Name a river:", n=2, max_tokens=2)
print("alternatives:", [ch.text for ch in alts.choices])
