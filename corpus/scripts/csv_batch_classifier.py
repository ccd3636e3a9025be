"""Models a CSV batch classifier: read rows, label each with the model, write a CSV.
Shapes: the script writes its own input CSV into a temp dir first, `csv.DictReader` /
`csv.DictWriter`, one call per row, results written to `labels.csv` in the working
directory, counts per label, the temp dir removed.
"""

import collections
import csv
import os
import shutil
import tempfile

from openai import OpenAI

client = OpenAI()
LABELS = ["billing", "bug", "feature", "other"]

tmp = tempfile.mkdtemp(prefix="tickets-")
source = os.path.join(tmp, "tickets.csv")
with open(source, "w", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(["id", "text"])
    for i, text in enumerate(
        ["Charged twice this month", "App crashes on start", "Please add CSV export",
         "Invoice address wrong", "Login button does nothing", "Love the product"],
        start=1,
    ):
        writer.writerow([i, text])


def classify(text):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Classify into {LABELS}: {text}"}],
        max_tokens=3,
    )
    reply = r.choices[0].message.content
    return LABELS[sum(map(ord, reply)) % len(LABELS)]  # map free text onto a label


rows = []
with open(source, newline="") as f:
    for row in csv.DictReader(f):
        row["label"] = classify(row["text"])
        rows.append(row)

with open("labels.csv", "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=["id", "text", "label"])
    writer.writeheader()
    writer.writerows(rows)

counts = collections.Counter(r["label"] for r in rows)
for label in LABELS:
    print(f"{label:>8}: {counts[label]}")
shutil.rmtree(tmp)
print("wrote labels.csv with", len(rows), "rows")
