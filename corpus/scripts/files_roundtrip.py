"""Models a notes summariser that writes files in the working directory and reads them back.
Shapes: `open(..., "w")` then `open(...).read()`, `pathlib.Path.write_text/read_text`,
model calls on the file contents, an output file the script leaves behind, `os.listdir`.
"""

import os
from pathlib import Path

from openai import OpenAI

client = OpenAI()


def ask(prompt, n=None):
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=n
    )
    return r.choices[0].message.content


os.makedirs("notes", exist_ok=True)
for day, text in [("mon", "Fixed login bug. Met design."), ("tue", "Wrote docs. Reviewed PRs.")]:
    with open(f"notes/{day}.txt", "w") as f:
        f.write(text + "\n")

summaries = []
for name in sorted(os.listdir("notes")):
    content = open(os.path.join("notes", name)).read()
    summaries.append(f"{name[:-4]}: {ask('Summarise this work log in five words: ' + content, 5)}")

Path("weekly.md").write_text("# Week\n" + "\n".join(f"- {s}" for s in summaries) + "\n")
weekly = Path("weekly.md").read_text()
print(weekly, end="")
verdict = ask("Rate this week's productivity 1-10: " + weekly)
Path("weekly.md").write_text(weekly + f"\nScore: {verdict.split()[0]}\n")
print("score line appended; files:", sorted(os.listdir(".")))
