"""Models a batch tagger that writes its final report from an `atexit` hook.
Shapes: `atexit.register(final_report)` where the hook calls the model and prints,
a module-level list the loop fills and the hook reads, a file written by the hook.
"""

import atexit

from openai import OpenAI

client = OpenAI()
tagged = []


def final_report():
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Write a one-line report for: " + "; ".join(tagged)}],
        max_tokens=10,
    )
    print("REPORT:", r.choices[0].message.content)
    with open("report.txt", "w") as f:
        f.write("\n".join(tagged) + "\n")


atexit.register(final_report)

for photo in ["beach.jpg", "mountain.jpg", "city-night.jpg"]:
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Give one tag for a photo named {photo}"}],
        max_tokens=1,
    )
    tag = r.choices[0].message.content.strip(".").lower()
    tagged.append(f"{photo}={tag}")
    print("tagged", photo)
print("done tagging")
