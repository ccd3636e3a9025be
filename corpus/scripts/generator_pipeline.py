"""Models a lazy pipeline: a generator that yields one model answer per input line.
Shapes: a generator function calling the model (`yield ask(q)`), consumed by a `for`
loop that prints and stops early with `break`, `itertools.islice` over a second one.
"""

import itertools

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=6
    )
    return r.choices[0].message.content


def answers(questions):
    for q in questions:
        yield q, ask(q)


QUESTIONS = [f"Name a famous bridge number {i}" for i in range(1, 7)]

for i, (q, a) in enumerate(answers(QUESTIONS)):
    print(f"{q}: {a}")
    if i == 2:
        print("enough bridges")
        break

for q, a in itertools.islice(answers(["Name a tower", "Name a dam", "Name a canal"]), 2):
    print(f"{q}: {a}")
