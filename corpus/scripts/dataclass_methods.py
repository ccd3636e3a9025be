"""Models a flashcard builder written with dataclasses and alternative constructors.
Shapes: `@dataclass` with a method calling the model, `@property` building the prompt,
`@staticmethod` and `@classmethod` (from a CSV-like row), `dataclasses.asdict`, sorting.
"""

import dataclasses
from dataclasses import dataclass, field

from openai import OpenAI

client = OpenAI()


@dataclass
class Card:
    term: str
    subject: str
    definition: str = ""
    tags: list = field(default_factory=list)

    @property
    def prompt(self):
        return f"Define the {self.subject} term '{self.term}' in one sentence."

    @staticmethod
    def normalise(term):
        return " ".join(term.strip().lower().split())

    @classmethod
    def from_row(cls, row):
        term, subject = row.split(",")
        return cls(cls.normalise(term), subject.strip())

    def fill(self):
        r = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": self.prompt}]
        )
        self.definition = r.choices[0].message.content
        self.tags.append(self.subject)


ROWS = ["  Entropy , physics", "Mitosis,biology", "Big O , computing", "Opportunity cost,economics"]

cards = [Card.from_row(row) for row in ROWS]
for card in cards:
    card.fill()

for card in sorted(cards, key=lambda c: c.term):
    print(f"{card.term} ({', '.join(card.tags)}): {card.definition}")
print(dataclasses.asdict(cards[0]))
