# flags: run overlap=4
"""A memo function called in a loop (Tree-of-Thoughts scoring): every distinct word
is scored once, all at the same time; a repeated word waits for the first call with
that word and gets its value. The scores print in order, and the cache is read only
once every call that fills it is done."""

from openai import OpenAI

client = OpenAI()
value_cache = {}


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def value(word):
    """How well `word` fits, asked once per distinct prompt."""
    prompt = f"echo: Rate the word '{word}' from 1 to 10."
    if prompt in value_cache:
        return value_cache[prompt]
    reply = ask(prompt)
    score = len(reply.split())
    value_cache[prompt] = score
    return score


candidates = [["calm", "sea"], ["calm", "sun"], ["grey", "sea"], ["long", "boat"], ["sun"], ["wave"]]
scored = []
for candidate in candidates:
    score = value(candidate[-1])
    scored.append((score, candidate))
    print(f"[{score:2}] {' '.join(candidate)}")

scored.sort(key=lambda pair: pair[0], reverse=True)
print("best:", " ".join(scored[0][1]))
print("value prompts asked:", len(value_cache))

# output

"""A memo function called in a loop (Tree-of-Thoughts scoring): every distinct word
is scored once, all at the same time; a repeated word waits for the first call with
that word and gets its value. The scores print in order, and the cache is read only
once every call that fills it is done."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
value_cache = {}


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def value(word):
    """How well `word` fits, asked once per distinct prompt."""
    prompt = f"echo: Rate the word '{word}' from 1 to 10."
    async with epic.single_flight(value_cache, prompt):
        if prompt in value_cache:
            return value_cache[prompt]
        reply = await ask(prompt)
        score = len(reply.split())
        value_cache[prompt] = score
        return score


candidates = [
    ["calm", "sea"],
    ["calm", "sun"],
    ["grey", "sea"],
    ["long", "boat"],
    ["sun"],
    ["wave"],
]


async def main() -> None:
    async with epic.scope() as tasks:
        scored = []
        score_tasks = []
        for candidate in candidates:
            score_task = tasks.spawn_after(
                lambda candidate=candidate: value(candidate[-1])
            )
            score_tasks.append((candidate, score_task))
        for candidate, score_task in score_tasks:
            score = await score_task
            scored.append((score, candidate))
            print(f"[{score:2}] {' '.join(candidate)}")

        scored.sort(key=lambda pair: pair[0], reverse=True)
        print("best:", " ".join(scored[0][1]))
        print("value prompts asked:", len(value_cache))


epic.run(main())
