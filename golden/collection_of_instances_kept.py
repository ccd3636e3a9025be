# flags: run overlap=1
"""A list of the script's instances that the script also appends to: what `cards[-1]`
holds then depends on what was appended (here a `Note`, whose `ask` is another
method), so `.ask` may run code epic cannot tell, and `Card.ask` stays a plain function.
epic keeps the file as it is and says why."""

from openai import OpenAI

client = OpenAI()


class Card:
    def __init__(self, term: str) -> None:
        self.term = term

    def ask(self) -> str:
        reply = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: {self.term}"}]
        )
        return reply.choices[0].message.content or ""


class Note:
    def ask(self) -> str:
        return "a note"


cards = [Card("entropy"), Card("mitosis")]
cards.append(Note())
print(cards[0].ask(), cards[-1].ask())

# diagnostics
# collection_of_instances_kept.py:15:5: note: `ask` stays a plain function, its calls in place: `.ask` is used on an object epic cannot tell the class of (line 29), which a sync call would not await  [kept-sync]
#         def ask(self) -> str:
#         ^
