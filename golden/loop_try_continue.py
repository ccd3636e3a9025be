# flags: run overlap=2
"""A ``continue`` that is not a skip at the top of the body, as in a per-item ``try``
whose handler moves on to the next item: the call first in the ``try`` starts up
front for every item (it is due whatever happens next), the rest of the body runs in
order in the second loop, its ``continue`` included."""

import openai
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


results = []
for topic in ["tides", "[fail:400] reefs", "kelp"]:
    try:
        answer = ask(f"echo: {topic}")
    except openai.BadRequestError as error:
        print("skipped", topic, error.status_code)
        continue
    results.append(answer)
    print(topic, "->", answer)
print(results)

# output

"""A ``continue`` that is not a skip at the top of the body, as in a per-item ``try``
whose handler moves on to the next item: the call first in the ``try`` starts up
front for every item (it is due whatever happens next), the rest of the body runs in
order in the second loop, its ``continue`` included."""

import openai
from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        results = []
        ask_tasks = []
        for topic in ["tides", "[fail:400] reefs", "kelp"]:
            ask_task = tasks.spawn(ask(f"echo: {topic}"))
            ask_tasks.append((topic, ask_task))
        for topic, ask_task in ask_tasks:
            try:
                answer = await ask_task
            except openai.BadRequestError as error:
                print("skipped", topic, error.status_code)
                continue
            results.append(answer)
            print(topic, "->", answer)
        print(results)


epic.run(main())
