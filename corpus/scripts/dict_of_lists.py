"""Models a pros-and-cons collector that files answers under keys of a dict of lists.
Shapes: `collections.defaultdict(list)`, `notes[key].append(ask(...))`, a plain dict of
lists whose lists are aliased (`bucket = board["todo"]`), nested loops.
"""

import collections

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=8
    )
    return r.choices[0].message.content


OPTIONS = ["remote work", "four-day week"]
notes = collections.defaultdict(list)
for option in OPTIONS:
    for side in ("pro", "con"):
        notes[f"{option}/{side}"].append(ask(f"One {side} of {option}"))
        notes[f"{option}/{side}"].append(ask(f"Another {side} of {option}"))

board = {"todo": [], "done": []}
bucket = board["todo"]
for key in sorted(notes):
    bucket.append(key)
board["done"].append(bucket.pop(0))

for key, items in notes.items():
    print(key)
    for item in items:
        print("   -", item)
print(board)
