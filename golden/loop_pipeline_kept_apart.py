# flags: run overlap=4
"""Loops that are not pipelined: each second loop starts its calls only once the first
loop is done, because starting them earlier could change what they see."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


# The first loop changes what the second loop's calls read (the latest prefix).
words = []
for topic in ["sea", "sky"]:
    prefix = topic.upper()
    words.append(ask(f"echo: {topic}"))
for word in words:
    print(ask(f"echo: {prefix} {word}"))

# The list changes between the loops: the second loop sees the change.
notes = []
for topic in ["rain", "sun"]:
    notes.append(ask(f"echo: note on {topic}"))
notes[0] = notes[0].upper()
for note in notes:
    print(ask(f"echo: {note}!"))

# A candidate is changed after it was collected: its score must see the change.
pairs = []
for topic in ["wind", "snow"]:
    pair = [ask(f"echo: {topic}")]
    pairs.append(pair)
    pair.append("checked")
for pair in pairs:
    print(ask(f"echo: {' '.join(pair)}"))

# output

"""Loops that are not pipelined: each second loop starts its calls only once the first
loop is done, because starting them earlier could change what they see."""

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
        # The first loop changes what the second loop's calls read (the latest prefix).
        words = []
        ask_tasks = []
        for topic in ["sea", "sky"]:
            ask_task = tasks.spawn(ask(f"echo: {topic}"))
            ask_tasks.append((topic, ask_task))
        for topic, ask_task in ask_tasks:
            prefix = topic.upper()
            words.append(await ask_task)
        ask_tasks2 = []
        for word in words:
            ask_task2 = tasks.spawn(ask(f"echo: {prefix} {word}"))
            ask_tasks2.append(ask_task2)
        ask_tasks3 = []
        for topic in ["rain", "sun"]:
            ask_task3 = tasks.spawn(ask(f"echo: note on {topic}"))
            ask_tasks3.append(ask_task3)
        for ask_task2 in ask_tasks2:
            print(await ask_task2)

        # The list changes between the loops: the second loop sees the change.
        notes = []
        for ask_task3 in ask_tasks3:
            notes.append(await ask_task3)
        notes[0] = notes[0].upper()
        ask_tasks5 = []
        for topic in ["wind", "snow"]:
            ask_task5 = tasks.spawn(ask(f"echo: {topic}"))
            ask_tasks5.append(ask_task5)
        ask_tasks4 = []
        for note in notes:
            ask_task4 = tasks.spawn(ask(f"echo: {note}!"))
            ask_tasks4.append(ask_task4)
        for ask_task4 in ask_tasks4:
            print(await ask_task4)

        # A candidate is changed after it was collected: its score must see the change.
        pairs = []
        for ask_task5 in ask_tasks5:
            pair = [await ask_task5]
            pairs.append(pair)
            pair.append("checked")
        ask_tasks6 = []
        for pair in pairs:
            ask_task6 = tasks.spawn_after(
                lambda pair=pair: ask(f"echo: {' '.join(pair)}")
            )
            ask_tasks6.append(ask_task6)
        for ask_task6 in ask_tasks6:
            print(await ask_task6)


epic.run(main())
