# flags: run overlap=2
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


audience = ask("echo: executives")
style = "formal" if audience == "executives" else "casual"
email = ask(f"Write a {style} email announcing the new office.")
agenda = ask("Draft an agenda for the opening day.")
print(email)
print(agenda)

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
        audience_task = tasks.spawn(ask("echo: executives"))
        style_task = tasks.spawn_after(
            lambda audience: "formal" if audience == "executives" else "casual",
            audience_task,
        )
        email_task = tasks.spawn_after(
            lambda style: ask(f"Write a {style} email announcing the new office."),
            style_task,
        )
        agenda_task = tasks.spawn(ask("Draft an agenda for the opening day."))
        audience = await audience_task
        style = await style_task
        email = await email_task
        agenda = await agenda_task
        print(email)
        print(agenda)


epic.run(main())
