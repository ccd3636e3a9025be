# flags: run overlap=3
"""``# epic: independent`` on a ``for`` line: the user says that what epic cannot see in
the body (here a database) does not reach the other iterations. The calls that come
before it in the body start up front; it, and everything after it, runs in order."""

import sqlite3

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


db = sqlite3.connect(":memory:")
db.execute("create table answers (topic text, answer text)")
for topic in ["tides", "reefs", "kelp"]:  # epic: independent
    answer = ask(f"echo: {topic}")
    db.execute("insert into answers values (?, ?)", (topic, answer))
    print(topic, answer)
print(db.execute("select count(*) from answers").fetchone())

# output

"""``# epic: independent`` on a ``for`` line: the user says that what epic cannot see in
the body (here a database) does not reach the other iterations. The calls that come
before it in the body start up front; it, and everything after it, runs in order."""

import sqlite3

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
        db = sqlite3.connect(":memory:")
        db.execute("create table answers (topic text, answer text)")
        answer_tasks = []
        for topic in ["tides", "reefs", "kelp"]:  # epic: independent
            answer_task = tasks.spawn(ask(f"echo: {topic}"))
            answer_tasks.append((topic, answer_task))
        for topic, answer_task in answer_tasks:
            answer = await answer_task
            db.execute("insert into answers values (?, ?)", (topic, answer))
            print(topic, answer)
        print(db.execute("select count(*) from answers").fetchone())


epic.run(main())
