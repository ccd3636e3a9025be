# flags: run overlap=3
import csv
import io
import json

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


# Writing a row, a JSON record or a line to a file the script opened is ordered output,
# like `print(..., file=out)`: each item's request starts up front, and the writes are
# made in program order as the answers come in.
items = ["echo: tea", "echo: coffee", "echo: cocoa"]
with open("answers.csv", "w", newline="") as handle:
    writer = csv.writer(handle)
    writer.writerow(["item", "answer"])
    for item in items:
        writer.writerow([item, ask(item)])

with open("answers.jsonl", "w") as out:
    for item in items:
        json.dump({"q": item, "a": ask(item)}, out)
        out.write("\n")

# A buffer's text is read after what was written to it before.
notes = io.StringIO()
for item in items:
    notes.write(ask(item) + ";")
    print(ask(f"echo: {len(notes.getvalue())} characters so far"))

# output

import csv
import io
import json

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


# Writing a row, a JSON record or a line to a file the script opened is ordered output,
# like `print(..., file=out)`: each item's request starts up front, and the writes are
# made in program order as the answers come in.
items = ["echo: tea", "echo: coffee", "echo: cocoa"]


async def main() -> None:
    async with epic.scope() as tasks:
        with open("answers.csv", "w", newline="") as handle:
            async with epic.scope() as inner_tasks:
                writer = csv.writer(handle)
                writer.writerow(["item", "answer"])
                ask_tasks = []
                for item in items:
                    ask_task = inner_tasks.spawn(ask(item))
                    ask_tasks.append((item, ask_task))
                for item, ask_task in ask_tasks:
                    writer.writerow([item, await ask_task])

        with open("answers.jsonl", "w") as out:
            async with epic.scope() as inner_tasks2:
                ask_tasks2 = []
                for item in items:
                    ask_task2 = inner_tasks2.spawn(ask(item))
                    ask_tasks2.append((item, ask_task2))
                for item, ask_task2 in ask_tasks2:
                    json.dump({"q": item, "a": await ask_task2}, out)
                    out.write("\n")

        # A buffer's text is read after what was written to it before.
        notes = io.StringIO()
        ask_tasks3 = []
        for item in items:
            ask_task3 = tasks.spawn(ask(item))
            ask_tasks3.append(ask_task3)
        for ask_task3 in ask_tasks3:
            notes.write(await ask_task3 + ";")
            print(await ask(f"echo: {len(notes.getvalue())} characters so far"))


epic.run(main())
