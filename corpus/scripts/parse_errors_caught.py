"""Models a scoring job where some replies do not parse and are handled per item.
Shapes: `try: int(reply.split()[0]) except (ValueError, IndexError):` inside a loop of
independent calls, a fallback value, a counter of failures, output per item in order.
"""

from openai import OpenAI

client = OpenAI()

ITEMS = [
    "Rate the novel Dune from 1 to 10",
    "Describe the novel Dune",
    "Rate the film Arrival from 1 to 10",
    "Describe the film Arrival",
    "Rate the album Kid A from 1 to 10",
]

scores = {}
failed = 0
for item in ITEMS:
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": item}], max_tokens=4
    ).choices[0].message.content
    try:
        scores[item] = int(reply.split()[0])
    except (ValueError, IndexError):
        failed += 1
        scores[item] = None
        print(f"could not parse a score from {reply!r}")
    else:
        print(f"{item}: {scores[item]}")

valid = [s for s in scores.values() if s is not None]
print(f"{len(valid)} scores, {failed} unparsable, mean {sum(valid) / len(valid):.2f}")
