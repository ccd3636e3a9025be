"""Models a script that is already parallel with threads: a ThreadPoolExecutor map.
Shapes: `concurrent.futures.ThreadPoolExecutor(max_workers=4)`, `executor.map(ask, xs)`
(results in input order), `executor.submit` + `future.result()`, a sequential tail.
"""

import concurrent.futures

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=5
    )
    return r.choices[0].message.content


PLANETS = ["Mercury", "Venus", "Mars", "Jupiter", "Saturn"]

with concurrent.futures.ThreadPoolExecutor(max_workers=4) as executor:
    facts = list(executor.map(ask, [f"A fact about {p} in five words" for p in PLANETS]))
    moon = executor.submit(ask, "A fact about the Moon in five words")
    moon_fact = moon.result()

for planet, fact in zip(PLANETS, facts):
    print(f"{planet}: {fact}")
print("Moon:", moon_fact)
print("Summary:", ask("Summarise in five words: " + " ".join(facts)))
