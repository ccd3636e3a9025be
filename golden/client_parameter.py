# flags: run overlap=4
"""A client that reaches a helper as an argument (every call passes one), or comes
back from a factory function (every ``return`` returns one), is seen through: the
helpers' requests go through its async twin and overlap."""

from openai import OpenAI


def make_client():
    return OpenAI(max_retries=1)


def ask(client, prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def review(client, topic):
    facts = ask(client, f"echo: facts about {topic}")
    doubts = ask(client, f"echo: doubts about {topic}")
    return f"{facts} / {doubts}"


client = make_client()
for topic in ["tides", "reefs"]:
    print(review(client, topic))

# output

"""A client that reaches a helper as an argument (every call passes one), or comes
back from a factory function (every ``return`` returns one), is seen through: the
helpers' requests go through its async twin and overlap."""

from openai import OpenAI
import runtime_shim as epic


def make_client():
    return OpenAI(max_retries=1)


async def ask(client, prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def review(client, topic):
    async with epic.scope() as tasks:
        facts_task = tasks.spawn(ask(client, f"echo: facts about {topic}"))
        doubts_task = tasks.spawn(ask(client, f"echo: doubts about {topic}"))
        facts = await facts_task
        doubts = await doubts_task
        return f"{facts} / {doubts}"


client = make_client()


async def main() -> None:
    async with epic.scope() as tasks:
        review_tasks = []
        for topic in ["tides", "reefs"]:
            review_task = tasks.spawn(review(client, topic))
            review_tasks.append(review_task)
        for review_task in review_tasks:
            print(await review_task)


epic.run(main())
