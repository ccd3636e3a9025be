# flags: run overlap=6
"""Self-consistency over several questions: every sample of every question at once."""

from collections import Counter

from openai import OpenAI

client = OpenAI()
SAMPLES = 3
QUESTIONS = ["Is the sea salty?", "Is ice cold?"]


def sample(question, seed):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"{question} Rate it from 1 to 10."}],
        seed=seed,
    )
    return int(response.choices[0].message.content.split()[0])


for question in QUESTIONS:
    votes = [sample(question, seed) for seed in range(SAMPLES)]
    answer, count = Counter(votes).most_common(1)[0]
    print(question, votes, answer, count)

# output

"""Self-consistency over several questions: every sample of every question at once."""

from collections import Counter

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
SAMPLES = 3
QUESTIONS = ["Is the sea salty?", "Is ice cold?"]


async def sample(question, seed):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"{question} Rate it from 1 to 10."}],
        seed=seed,
    )
    return int(response.choices[0].message.content.split()[0])


async def main() -> None:
    async with epic.scope() as tasks:
        votes_tasks = []
        for question in QUESTIONS:
            votes_task = tasks.gather(sample(question, seed) for seed in range(SAMPLES))
            votes_tasks.append((question, votes_task))
        for question, votes_task in votes_tasks:
            votes = await votes_task
            answer, count = Counter(votes).most_common(1)[0]
            print(question, votes, answer, count)


epic.run(main())
