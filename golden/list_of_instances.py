# flags: run overlap=3
"""A list of instances, built once and only ever iterated: `tickets` holds `Ticket`s
(one of them a `Bug`, which derives from it), so in `for ticket in tickets:` the call
`ticket.triage()` is a call of `Ticket.triage` or `Bug.triage`, made async together,
and the loop's three requests start at once."""

from openai import OpenAI

client = OpenAI()


class Ticket:
    def __init__(self, title: str) -> None:
        self.title = title

    def triage(self) -> str:
        reply = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"echo: triage {self.title}"}],
        )
        return reply.choices[0].message.content or ""


class Bug(Ticket):
    def triage(self) -> str:
        return "bug: " + super().triage()


tickets = [Ticket("login fails"), Bug("crash on save"), Ticket("slow search")]
for ticket in tickets:
    print(ticket.title, "->", ticket.triage())
print([len(ticket.title) for ticket in tickets])

# output

"""A list of instances, built once and only ever iterated: `tickets` holds `Ticket`s
(one of them a `Bug`, which derives from it), so in `for ticket in tickets:` the call
`ticket.triage()` is a call of `Ticket.triage` or `Bug.triage`, made async together,
and the loop's three requests start at once."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


class Ticket:
    def __init__(self, title: str) -> None:
        self.title = title

    async def triage(self) -> str:
        reply = await epic.async_client(client).chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"echo: triage {self.title}"}],
        )
        return reply.choices[0].message.content or ""


class Bug(Ticket):
    async def triage(self) -> str:
        return "bug: " + await super().triage()


tickets = [Ticket("login fails"), Bug("crash on save"), Ticket("slow search")]


async def main() -> None:
    async with epic.scope() as tasks:
        triage_tasks = []
        for ticket in tickets:
            triage_task = tasks.spawn(ticket.triage())
            triage_tasks.append((ticket, triage_task))
        for ticket, triage_task in triage_tasks:
            print(ticket.title, "->", await triage_task)
        print([len(ticket.title) for ticket in tickets])


epic.run(main())
