"""Models a helpdesk triage job: ticket objects that ask the model about themselves.
Shapes: a `Ticket` class with methods calling a module-level client, methods called
through a loop variable (`for t in tickets: t.triage()`), an indexed instance
(`tickets[0].triage()`), attributes set by the methods and read afterwards.
"""

from openai import OpenAI

client = OpenAI()


class Ticket:
    def __init__(self, number, text):
        self.number = number
        self.text = text
        self.priority = None
        self.reply = None

    def triage(self):
        r = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"Rate the urgency 1-10 of: {self.text}"}],
        )
        self.priority = int(r.choices[0].message.content.split()[0])
        return self.priority

    def draft_reply(self):
        r = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"Draft a short reply to: {self.text}"}],
            max_tokens=12,
        )
        self.reply = r.choices[0].message.content
        return self.reply


tickets = [
    Ticket(101, "The site is down for all users"),
    Ticket(102, "Typo on the pricing page"),
    Ticket(103, "I was charged twice"),
    Ticket(104, "Feature request: dark mode"),
]

print("first ticket priority:", tickets[0].triage())
for t in tickets[1:]:
    t.triage()

urgent = [t for t in tickets if t.priority >= 5]
for t in urgent:
    t.draft_reply()

for t in sorted(tickets, key=lambda t: -t.priority):
    status = "URGENT" if t in urgent else "later"
    print(f"#{t.number} p{t.priority} {status}: {t.text}")
    if t.reply:
        print("    reply:", t.reply)
