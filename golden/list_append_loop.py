# flags: run overlap=3
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


topics = ["volcanoes", "glaciers", "deserts"]
facts = []
for topic in topics:
    facts.append(ask(f"Tell me one fact about {topic}."))
print(len(facts), "facts")
for fact in facts:
    print("-", fact)

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


topics = ["volcanoes", "glaciers", "deserts"]


async def main() -> None:
    async with epic.scope() as tasks:
        facts = []
        ask_tasks = []
        for topic in topics:
            ask_task = tasks.spawn(ask(f"Tell me one fact about {topic}."))
            ask_tasks.append(ask_task)
        for ask_task in ask_tasks:
            facts.append(await ask_task)
        print(len(facts), "facts")
        for fact in facts:
            print("-", fact)


epic.run(main())
