"""Map-reduce summarisation: summarise every section of a report, then merge the
summaries pairwise, round after round, until one summary is left."""

from openai import OpenAI

from sections import SECTIONS

client = OpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
MODEL = "gpt-4o-mini"


def ask(prompt):
    response = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content.strip()


def summarise(text):
    return ask(f"Summarise this section of a quarterly report in one sentence: {text}")


def merge(first, second):
    return ask(f"Merge these two summaries into a single sentence: {first} / {second}")


summaries = [summarise(section) for section in SECTIONS]
for number, summary in enumerate(summaries, start=1):
    print(f"Section {number}: {summary}")

round_number = 1
while len(summaries) > 1:
    merged = []
    for i in range(0, len(summaries), 2):
        if i + 1 < len(summaries):
            merged.append(merge(summaries[i], summaries[i + 1]))
        else:
            merged.append(summaries[i])
    summaries = merged
    print(f"Round {round_number}: {len(summaries)} summaries left")
    round_number += 1

print("Summary:", summaries[0])
