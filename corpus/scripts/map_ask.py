"""Models a glossary generator that maps a helper over a word list.
Shapes: `map(ask, xs)` consumed by `list`, `zip(words, map(...))` consumed by a for loop,
`dict(zip(...))`.
"""

from openai import OpenAI

client = OpenAI()


def ask(word):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Define '{word}' in at most six words."}],
        max_tokens=6,
    )
    return r.choices[0].message.content


WORDS = ["idempotent", "memoise", "backpressure", "sharding"]

definitions = list(map(ask, WORDS))
glossary = dict(zip(WORDS, definitions))
for word in sorted(glossary):
    print(f"{word}: {glossary[word]}")

EXTRA = ["debounce", "quorum"]
for word, text in zip(EXTRA, map(ask, EXTRA)):
    print(f"(extra) {word}: {text}")
