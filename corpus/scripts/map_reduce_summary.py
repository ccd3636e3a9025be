"""Models map-reduce summarisation of a long document split into chunks.
Shapes: chunking with a list comprehension, a map step (one call per chunk, in a loop),
a reduce step over the joined partial summaries, a final title, word counts.
"""

import textwrap

from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"

DOCUMENT = " ".join(
    f"Section {i}: the committee discussed item {i}, its budget of {i * 1000} euros, "
    f"the risks raised by member {chr(65 + i)} and the follow-up owners." for i in range(1, 9)
)


def complete(prompt, max_tokens=None):
    response = client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": prompt}], max_tokens=max_tokens
    )
    return response.choices[0].message.content


chunks = textwrap.wrap(DOCUMENT, 220)
print(f"{len(DOCUMENT.split())} words in {len(chunks)} chunks")

partials = []
for i, chunk in enumerate(chunks):
    partials.append(complete(f"Summarise part {i + 1} of the minutes: {chunk}", max_tokens=12))

combined = complete("Combine these partial summaries into one paragraph: " + " ".join(partials))
title = complete(f"A title for these minutes: {combined}", max_tokens=5)

print(title)
print("=" * len(title))
print(combined)
for i, p in enumerate(partials, 1):
    print(f"  part {i}: {p}")
