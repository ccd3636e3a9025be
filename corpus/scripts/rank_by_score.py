"""Models a reading-list curator that ranks articles by a model-given score.
Shapes: `sorted(articles, key=relevance, reverse=True)` where `relevance` makes a
request and parses an integer, `max(articles, key=novelty)` for a pick of the week,
the ranking printed with `enumerate`.
"""

from openai import OpenAI

client = OpenAI()

ARTICLES = [
    "A tour of Python's asyncio internals",
    "Ten tips for better spreadsheets",
    "Property-based testing in practice",
    "Understanding CPU caches",
]


def relevance(title):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Rate 1-9 for a Python team: {title}"}],
        max_tokens=2,
    )
    digits = [c for c in r.choices[0].message.content if c.isdigit()]
    return int(digits[0]) if digits else 0


def novelty(title):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"How novel, 1-9? {title}"}],
        max_tokens=2,
    )
    digits = [c for c in r.choices[0].message.content if c.isdigit()]
    return int(digits[0]) if digits else 0


ranked = sorted(ARTICLES, key=relevance, reverse=True)
for place, title in enumerate(ranked, 1):
    print(f"{place}. {title}")
print("pick of the week:", max(ARTICLES, key=novelty))
