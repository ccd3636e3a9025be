"""Models self-consistency voting: sample several answers, take the majority.
Shapes: a list comprehension of calls with different `seed`s, `collections.Counter`
majority vote over parsed scores, ties broken deterministically, a second round only
when the vote is close.
"""

import collections

from openai import OpenAI

client = OpenAI()
QUESTION = "On a scale of 1-10, rate how well a hash map suits an LRU cache."


def sample(seed):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": QUESTION}],
        temperature=0.9,
        seed=seed,
    )
    return int(r.choices[0].message.content.split()[0])


votes = [sample(seed) for seed in range(7)]
tally = collections.Counter(votes)
(best, count), *rest = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
print("votes:", votes)
print(f"majority: {best} ({count}/{len(votes)})")

if count <= len(votes) // 2:
    more = [sample(seed) for seed in range(100, 104)]
    tally.update(more)
    best = min(tally, key=lambda k: (-tally[k], k))
    print("second round:", more, "->", best)

explanation = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": f"Explain in one sentence why the answer is {best}."}],
)
print(explanation.choices[0].message.content)
