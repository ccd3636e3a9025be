# flags: run overlap=4
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


mood = ask("echo: positive")
headline = ask("Write a headline about the quarterly results.")
if mood == "positive":
    tone = ask("Suggest an upbeat closing line.")
else:
    tone = ask("Suggest a reassuring closing line.")
print(headline)
for region in ["north", "south"]:
    note = ask(f"One sentence on sales in the {region} region.")
    print(f"{region}: {note}")
print(tone)

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


async def main() -> None:
    async with epic.scope() as tasks:
        mood_task = tasks.spawn(ask("echo: positive"))
        headline_task = tasks.spawn(
            ask("Write a headline about the quarterly results.")
        )
        note_tasks = []
        for region in ["north", "south"]:
            note_task = tasks.spawn(
                ask(f"One sentence on sales in the {region} region.")
            )
            note_tasks.append((region, note_task))
        mood = await mood_task
        headline = await headline_task
        if mood == "positive":
            tone = await ask("Suggest an upbeat closing line.")
        else:
            tone = await ask("Suggest a reassuring closing line.")
        print(headline)
        for region, note_task in note_tasks:
            note = await note_task
            print(f"{region}: {note}")
        print(tone)


epic.run(main())
