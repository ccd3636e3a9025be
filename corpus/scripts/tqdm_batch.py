"""Models a review classifier that shows a tqdm progress bar while it labels each row.
Shapes: `from tqdm import tqdm`, `for row in tqdm(rows, desc=..., file=sys.stdout,
bar_format="{desc} {n}/{total}", mininterval=0):` (the bar written to stdout in a fixed
format so the output is deterministic), one request per row, results collected in a list
and printed after the loop, a count per label.
"""

import collections
import sys

from openai import OpenAI
from tqdm import tqdm

client = OpenAI()
MODEL = "gpt-4o-mini"

rows = [
    {"sku": "A-100", "review": "Battery lasts two days, very happy"},
    {"sku": "A-101", "review": "Stopped working after a week"},
    {"sku": "B-200", "review": "Does what it says"},
    {"sku": "B-201", "review": "Arrived late and the box was crushed"},
    {"sku": "C-300", "review": "Best purchase this year"},
    {"sku": "C-301", "review": "Okay for the price"},
]

EXPECTED = {
    "A-100": "positive",
    "A-101": "negative",
    "B-200": "neutral",
    "B-201": "negative",
    "C-300": "positive",
    "C-301": "neutral",
}


def label_for(row):
    # the offline endpoint echoes, so the "model" answers with the expected label first
    prompt = f"echo: {EXPECTED[row['sku']]} (review: {row['review']})"
    response = client.chat.completions.create(
        model=MODEL,
        messages=[
            {"role": "system", "content": "Answer positive, negative or neutral."},
            {"role": "user", "content": prompt},
        ],
        max_tokens=2,
    )
    return response.choices[0].message.content.split()[0].lower()


results = []
for row in tqdm(rows, desc="classifying", file=sys.stdout, bar_format="{desc} {n}/{total}", mininterval=0):
    label = label_for(row)
    results.append((row["sku"], label))
print()

for sku, label in results:
    print(f"{sku}: {label}")
counts = collections.Counter(label for _, label in results)
print("counts:", dict(sorted(counts.items())))
