# flags: run overlap=3
"""Found by the fuzzer: a call whose statement rebinds the loop variable is started in
the first loop and awaited in place in the second; the second loop's plan made that
statement a task of its own again (spawning the first loop's task)."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


notes = {}
for topic in ["tides", "reefs"]:
    topic = topic.upper()
    note = ask(f"echo: {topic}")
    topic = ask("echo: kelp")
    notes[topic] = note
print(notes)

# output

"""Found by the fuzzer: a call whose statement rebinds the loop variable is started in
the first loop and awaited in place in the second; the second loop's plan made that
statement a task of its own again (spawning the first loop's task)."""

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
        notes = {}
        ask_tasks = []
        for topic in ["tides", "reefs"]:
            ask_task = tasks.spawn(ask("echo: kelp"))
            ask_tasks.append((topic, ask_task))
        for topic, ask_task in ask_tasks:
            topic = topic.upper()
            note = await ask(f"echo: {topic}")
            topic = await ask_task
            notes[topic] = note
        print(notes)


epic.run(main())
