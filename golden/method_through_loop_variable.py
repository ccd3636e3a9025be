# flags: run overlap=4
from openai import OpenAI

client = OpenAI()


class Ticket:
    def __init__(self, text):
        self.text = text

    def triage(self):
        response = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Triage: " + self.text}],
        )
        return response.choices[0].message.content


tickets = [Ticket("login fails"), Ticket("slow page"), Ticket("typo on home page")]
for t in tickets:
    print(t.text, "->", t.triage())
print("first again:", tickets[0].triage())

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


class Ticket:
    def __init__(self, text):
        self.text = text

    async def triage(self):
        response = await epic.async_client(client).chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Triage: " + self.text}],
        )
        return response.choices[0].message.content


tickets = [Ticket("login fails"), Ticket("slow page"), Ticket("typo on home page")]


async def main() -> None:
    async with epic.scope() as tasks:
        triage_task2 = tasks.spawn_after(lambda: tickets[0].triage())
        triage_tasks = []
        for t in tickets:
            triage_task = tasks.spawn(t.triage())
            triage_tasks.append((t, triage_task))
        for t, triage_task in triage_tasks:
            print(t.text, "->", await triage_task)
        print("first again:", await triage_task2)


epic.run(main())
