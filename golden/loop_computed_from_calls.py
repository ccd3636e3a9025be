# flags: run overlap=6 during=hike=7/explained-sail
"""Code that needs a loop's pending values (the majority of each question's votes, and
the pair it unpacks) is computed in a task as soon as they are in: each question's
follow-up requests start then, while the other questions' votes are still out, not one
question at a time in the second loop."""

from collections import Counter

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def vote(number):
    return int(ask(f"echo: {number}"))


samples = {"sail": ["4", "6", "4"], "hike": ["7", "7", "2"]}
explained = []
for topic, numbers in samples.items():
    votes = [vote(number) for number in numbers]
    answer, count = Counter(votes).most_common(1)[0]
    label = f"{topic}={answer}"
    why = ask(f"echo: {label} because {count} of {len(votes)} agree")
    explained.append(ask(f"echo: explained-{topic} with {answer}"))
    print(topic, votes, "->", answer, "|", why)
print(explained)

# output

"""Code that needs a loop's pending values (the majority of each question's votes, and
the pair it unpacks) is computed in a task as soon as they are in: each question's
follow-up requests start then, while the other questions' votes are still out, not one
question at a time in the second loop."""

from collections import Counter

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def vote(number):
    return int(await ask(f"echo: {number}"))


samples = {"sail": ["4", "6", "4"], "hike": ["7", "7", "2"]}


async def main() -> None:
    async with epic.scope() as tasks:
        explained = []
        votes_tasks = []
        for topic, numbers in samples.items():
            votes_task = tasks.gather(vote(number) for number in numbers)
            answer_count_task = tasks.spawn_after(
                lambda votes: Counter(votes).most_common(1)[0], votes_task, unpack=2
            )
            label_task = tasks.spawn_after(
                lambda answer, count, topic=topic: f"{topic}={answer}",
                epic.spread(answer_count_task),
            )
            why_task = tasks.spawn_after(
                lambda votes, answer, count, label: ask(
                    f"echo: {label} because {count} of {len(votes)} agree"
                ),
                votes_task,
                epic.spread(answer_count_task),
                label_task,
            )
            ask_task = tasks.spawn_after(
                lambda answer, count, topic=topic: ask(
                    f"echo: explained-{topic} with {answer}"
                ),
                epic.spread(answer_count_task),
            )
            votes_tasks.append(
                (topic, votes_task, answer_count_task, label_task, why_task, ask_task)
            )
        for (
            topic,
            votes_task,
            answer_count_task,
            label_task,
            why_task,
            ask_task,
        ) in votes_tasks:
            votes = await votes_task
            answer, count = await answer_count_task
            label = await label_task
            why = await why_task
            explained.append(await ask_task)
            print(topic, votes, "->", answer, "|", why)
        print(explained)


epic.run(main())
