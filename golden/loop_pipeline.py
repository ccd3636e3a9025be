# flags: run overlap=3 during=score:quick/idea:slow-2
"""Pipelining between loops: the second loop scores what the first one collects.
Each score request starts as soon as its candidate exists (here the first candidate
comes back well before the others), not once the whole first loop is done. Scores are
still printed in order, and the candidates are collected as before."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def score(candidate):
    return len(ask(f"echo: score:{candidate}"))


candidates = []
for latency, name in [("0.05", "quick"), ("0.6", "slow-1"), ("0.6", "slow-2")]:
    idea = ask(f"[latency:{latency}] echo: idea:{name}")
    candidates.append(idea.removeprefix("idea:"))

scores = {}
for candidate in candidates:
    scores[candidate] = score(candidate)
    print(candidate, scores[candidate])
print(max(scores, key=scores.__getitem__), candidates)

# output

"""Pipelining between loops: the second loop scores what the first one collects.
Each score request starts as soon as its candidate exists (here the first candidate
comes back well before the others), not once the whole first loop is done. Scores are
still printed in order, and the candidates are collected as before."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def score(candidate):
    return len(await ask(f"echo: score:{candidate}"))


async def main() -> None:
    async with epic.scope() as tasks:
        candidates = []
        idea_tasks = []
        for latency, name in [("0.05", "quick"), ("0.6", "slow-1"), ("0.6", "slow-2")]:
            idea_task = tasks.spawn(ask(f"[latency:{latency}] echo: idea:{name}"))
            idea_tasks.append(idea_task)
        score_tasks = []
        for idea_task in idea_tasks:
            idea = await idea_task
            candidate = idea.removeprefix("idea:")
            candidates.append(candidate)
            score_task = tasks.spawn(score(candidate))
            score_tasks.append((candidate, score_task))

        scores = {}
        for candidate, score_task in score_tasks:
            scores[candidate] = await score_task
            print(candidate, scores[candidate])
        print(max(scores, key=scores.__getitem__), candidates)


epic.run(main())
