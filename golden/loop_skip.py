# flags: run overlap=3
"""A skip at the top of the body (``if test: continue``) is decided in the first loop,
before any of the item's calls start: a skipped item sends nothing, the others start
at once and retire in order. The second loop takes the skip again, branch included
(``print("skip", ...)``), and the loop variable ends with the last item, skipped or
not. Code before the skip that the test needs (``text =
...``) runs there too; when it or the test may raise, the first loop keeps the error
for the item's place in the second (``epic.pending()``)."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


done = {"kelp"}
for topic in ["tides", "kelp", "reefs", "gulls"]:
    if topic in done:
        continue
    answer = ask(f"echo: {topic}")
    print(topic, "->", answer)

for topic in ["gulls", "kelp"]:
    if topic in done:
        print("skip", topic)
        continue
    print(topic, ask(f"echo: {topic}"))
print("last", topic)

rows = [{"id": "a1", "text": "sea"}, {"id": "b2", "text": ""}, {"id": "c3", "text": "sky"}]
for row in rows:
    text = row["text"].strip()
    if not text:
        continue
    print(row["id"], ask(f"echo: {text}"))

# output

"""A skip at the top of the body (``if test: continue``) is decided in the first loop,
before any of the item's calls start: a skipped item sends nothing, the others start
at once and retire in order. The second loop takes the skip again, branch included
(``print("skip", ...)``), and the loop variable ends with the last item, skipped or
not. Code before the skip that the test needs (``text =
...``) runs there too; when it or the test may raise, the first loop keeps the error
for the item's place in the second (``epic.pending()``)."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


done = {"kelp"}


async def main() -> None:
    async with epic.scope() as tasks:
        answer_tasks = epic.pending()
        with answer_tasks.collecting():
            for topic in ["tides", "kelp", "reefs", "gulls"]:
                if topic in done:
                    answer_tasks.append((topic, epic.NOT_STARTED))
                    continue
                answer_task = tasks.spawn(ask(f"echo: {topic}"))
                answer_tasks.append((topic, answer_task))
        for topic, answer_task in answer_tasks:
            if topic in done:
                continue
            answer = await answer_task
            print(topic, "->", answer)

        ask_tasks = epic.pending()
        with ask_tasks.collecting():
            for topic in ["gulls", "kelp"]:
                if topic in done:
                    ask_tasks.append((topic, epic.NOT_STARTED))
                    continue
                ask_task = tasks.spawn(ask(f"echo: {topic}"))
                ask_tasks.append((topic, ask_task))
        for topic, ask_task in ask_tasks:
            if topic in done:
                print("skip", topic)
                continue
            print(topic, await ask_task)
        print("last", topic)

        rows = [
            {"id": "a1", "text": "sea"},
            {"id": "b2", "text": ""},
            {"id": "c3", "text": "sky"},
        ]
        ask_tasks2 = epic.pending()
        with ask_tasks2.collecting():
            for row in rows:
                text = row["text"].strip()
                if not text:
                    ask_tasks2.append((row, text, epic.NOT_STARTED))
                    continue
                ask_task2 = tasks.spawn(ask(f"echo: {text}"))
                ask_tasks2.append((row, text, ask_task2))
        for row, text, ask_task2 in ask_tasks2:
            if not text:
                continue
            print(row["id"], await ask_task2)


epic.run(main())
