"""Models a blog-post ranker that sorts drafts by a model-assigned score.
Shapes: `sorted(items, key=score)` where `score` calls the model, `max(..., key=...)`,
a threshold filter with `filter(lambda ...)`.
"""

from openai import OpenAI

client = OpenAI()

DRAFTS = [
    "Ten things I learned from shipping a CLI",
    "Why we moved off Kubernetes",
    "A gentle introduction to property-based testing",
    "My desk setup, 2024 edition",
]


def score(title):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Score this blog title for a dev audience, 1-10: {title}"}],
    )
    return int(r.choices[0].message.content.split()[0])


ranked = sorted(DRAFTS, key=score, reverse=True)
for i, title in enumerate(ranked, 1):
    print(i, title)

keepers = list(filter(lambda t: len(t) > 30, ranked))
print("long titles kept:", len(keepers))
print("shortest:", min(DRAFTS, key=len))
