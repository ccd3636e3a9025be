# flags: run overlap=2
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


summary = ask("Summarize the meeting notes.")
actions = ask("List the action items from the meeting.")
with open("minutes.md", "w") as f:
    f.write("# Summary\n" + summary + "\n")
    f.write("# Action items\n" + actions + "\n")
print("wrote minutes.md")

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
        summary_task = tasks.spawn(ask("Summarize the meeting notes."))
        actions_task = tasks.spawn(ask("List the action items from the meeting."))
        summary = await summary_task
        actions = await actions_task
        with open("minutes.md", "w") as f:
            f.write("# Summary\n" + summary + "\n")
            f.write("# Action items\n" + actions + "\n")
        print("wrote minutes.md")


epic.run(main())
