"""Models a tagline brainstormer that keeps a bound method and a partial around.
Shapes: `create = client.chat.completions.create`, `functools.partial(create, model=...)`,
calls through both aliases in loops, a set to drop duplicates.
"""

import functools

from openai import OpenAI

client = OpenAI()
create = client.chat.completions.create
mini = functools.partial(create, model="gpt-4o-mini", max_tokens=6)

BRANDS = ["Acme Rockets", "Blue Fern Tea", "Quiet Keys"]


def tagline(brand, style):
    r = mini(messages=[{"role": "user", "content": f"A {style} tagline for {brand}"}])
    return r.choices[0].message.content


seen = set()
for brand in BRANDS:
    for style in ("playful", "serious"):
        line = tagline(brand, style)
        marker = "dup" if line in seen else "new"
        seen.add(line)
        print(f"{brand} / {style}: {line} ({marker})")

best = create(
    model="gpt-4o",
    messages=[{"role": "user", "content": "Pick the best tagline: " + "; ".join(sorted(seen))}],
)
print("Best:", best.choices[0].message.content)
