"""Models a data-labelling script written by someone who reuses builtin names.
Shapes: module-level `id = ...`, `input = [...]`, `type = ...` and `list = ...`
shadowing builtins and read by a helper, which also uses the real builtins through
`builtins`.
"""

import builtins

from openai import OpenAI

client = OpenAI()

id = "batch-0042"
input = ["The parcel arrived broken", "Fast delivery, great service", "Where is my refund?"]
type = "sentiment"


def label(text):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"[{id}] Give the {type} of: {text} in one word"}],
        max_tokens=1,
    )
    return r.choices[0].message.content


list = [label(text) for text in input]
print(f"{id}: {builtins.len(list)} labels of type {type}")
for text, lab in zip(input, list):
    print(f"  {lab:<10} {text}")
print("unique:", sorted(builtins.set(list)))
