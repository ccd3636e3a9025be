# flags: run overlap=1
"""As `list_of_instances.py`, but the script also appends to `tickets` an object of
another kind (a `SimpleNamespace` with a `triage` of its own): the class of `ticket` is
not known, so `Ticket.triage` stays a plain function, and epic keeps the file as it is
and says why."""

import types

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
tickets.append(types.SimpleNamespace(title="typo in footer", triage=lambda: "minor"))
for ticket in tickets:
    print(ticket.title, "->", ticket.triage())
print([len(ticket.title) for ticket in tickets])

# diagnostics
# list_of_instances_kept.py:17:5: note: `triage` stays a plain function, its calls in place: `.triage` is used on an object epic cannot tell the class of (line 33), which a sync call would not await  [kept-sync]
#         def triage(self) -> str:
#         ^
# list_of_instances_kept.py:26:5: note: `triage` stays a plain function, its calls in place: `.triage` is used on an object epic cannot tell the class of (line 33), which a sync call would not await  [kept-sync]
#         def triage(self) -> str:
#         ^
