"""Models a few-shot prompt sampler that uses a seeded random generator.
Shapes: `random.Random(42)` choosing examples, `rng.shuffle`, prompts built from the
sample, calls in a loop whose prompts depend on the generator's state.
"""

import random

from openai import OpenAI

client = OpenAI()
rng = random.Random(42)

EXAMPLES = [
    ("I loved it", "positive"), ("Terrible", "negative"), ("It was fine", "neutral"),
    ("Best day ever", "positive"), ("Never again", "negative"), ("Not bad", "neutral"),
]
INPUTS = ["The food was cold", "Great staff", "Average at best"]

for text in INPUTS:
    shots = rng.sample(EXAMPLES, 3)
    rng.shuffle(shots)
    prompt = "".join(f"Review: {r}\nLabel: {l}\n" for r, l in shots) + f"Review: {text}\nLabel:"
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=1
    )
    print(f"{text!r} (shots: {[l for _, l in shots]}) -> {reply.choices[0].message.content}")
print("next random:", rng.randint(0, 1000))
