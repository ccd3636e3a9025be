"""Models Tree-of-Thoughts-lite: propose thoughts, score them, keep the best, expand.
Shapes: breadth-first expansion with a beam, one proposal call per frontier node and one
scoring call per candidate (nested loops), `sorted(..., key=...)[:beam]`, a value cache.
"""

from openai import OpenAI

client = OpenAI()
PROBLEM = "Use 3, 4, 6 and 8 to make 24."
BEAM = 2
values = {}


def propose(state):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"{PROBLEM} Partial: {state or 'none'}. List next steps."}],
    )
    return [line.split(". ", 1)[1] for line in r.choices[0].message.content.splitlines()][:3]


def value(state):
    if state in values:
        return values[state]
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"{PROBLEM} Rate this partial solution 1-10: {state}"}],
    )
    values[state] = int(r.choices[0].message.content.split()[0])
    return values[state]


frontier = [""]
for depth in range(2):
    candidates = []
    for state in frontier:
        for step in propose(state):
            candidates.append((state + " | " + step).strip(" |"))
    scored = [(value(c), c) for c in candidates]
    frontier = [c for _, c in sorted(scored, key=lambda sc: (-sc[0], sc[1]))[:BEAM]]
    print(f"depth {depth}: {len(candidates)} candidates, best score {max(s for s, _ in scored)}")
    for c in frontier:
        print("   keep:", c[:70])
print("cache size:", len(values))
