# flags: run overlap=3
"""Lists of the script's instances read in the ways scripts read them: an element by
index (`cards[0]`), a slice, `sorted(...)`, a filtered comprehension, `enumerate` and
`zip`, and a list built by a classmethod factory (`Card.from_row`). Nothing changes
which objects the lists hold, so each element's class is known, `ask` is a method of
`Card` made async, and each loop's requests start together."""

from openai import OpenAI

client = OpenAI()


class Card:
    def __init__(self, term: str, subject: str) -> None:
        self.term = term
        self.subject = subject

    @classmethod
    def from_row(cls, row: str) -> "Card":
        term, subject = row.split(",")
        return cls(term.strip(), subject.strip())

    def ask(self, style: str) -> str:
        reply = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"echo: {style} {self.term}"}],
        )
        return reply.choices[0].message.content or ""


ROWS = ["entropy, physics", "mitosis, biology", "big o, computing", "cost, economics"]
cards = [Card.from_row(row) for row in ROWS]
sciences = [c for c in cards if c.subject in ("physics", "biology")]
labels = ["first", "second"]

print("first:", cards[0].ask("define"))
for card in cards[1:]:
    print(card.term, "->", card.ask("define"))
for i, card in enumerate(sorted(sciences, key=lambda c: c.term)):
    print(i, card.ask("example"))
for label, card in zip(labels, cards):
    print(label, card.ask("mnemonic"))
print(len(cards), "cards;", cards[-1] in sciences)

# output

"""Lists of the script's instances read in the ways scripts read them: an element by
index (`cards[0]`), a slice, `sorted(...)`, a filtered comprehension, `enumerate` and
`zip`, and a list built by a classmethod factory (`Card.from_row`). Nothing changes
which objects the lists hold, so each element's class is known, `ask` is a method of
`Card` made async, and each loop's requests start together."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


class Card:
    def __init__(self, term: str, subject: str) -> None:
        self.term = term
        self.subject = subject

    @classmethod
    def from_row(cls, row: str) -> "Card":
        term, subject = row.split(",")
        return cls(term.strip(), subject.strip())

    async def ask(self, style: str) -> str:
        reply = await epic.async_client(client).chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"echo: {style} {self.term}"}],
        )
        return reply.choices[0].message.content or ""


ROWS = ["entropy, physics", "mitosis, biology", "big o, computing", "cost, economics"]
cards = [Card.from_row(row) for row in ROWS]
sciences = [c for c in cards if c.subject in ("physics", "biology")]
labels = ["first", "second"]


async def main() -> None:
    async with epic.scope() as tasks:
        print("first:", await cards[0].ask("define"))
        ask_tasks = []
        for card in cards[1:]:
            ask_task = tasks.spawn(card.ask("define"))
            ask_tasks.append((card, ask_task))
        for card, ask_task in ask_tasks:
            print(card.term, "->", await ask_task)
        ask_tasks2 = []
        for i, card in enumerate(sorted(sciences, key=lambda c: c.term)):
            ask_task2 = tasks.spawn(card.ask("example"))
            ask_tasks2.append((i, ask_task2))
        for i, ask_task2 in ask_tasks2:
            print(i, await ask_task2)
        ask_tasks3 = []
        for label, card in zip(labels, cards):
            ask_task3 = tasks.spawn(card.ask("mnemonic"))
            ask_tasks3.append((label, ask_task3))
        for label, ask_task3 in ask_tasks3:
            print(label, await ask_task3)
        print(len(cards), "cards;", cards[-1] in sciences)


epic.run(main())
