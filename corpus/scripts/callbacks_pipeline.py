"""Models a tiny ETL pipeline that takes its steps and progress hooks as callbacks.
Shapes: functions handed to other code (`run(records, transform=enrich, on_done=report)`),
a callback that calls the model, a progress callback that prints, a lambda callback.
"""

from openai import OpenAI

client = OpenAI()


def enrich(record):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Guess the country of the city {record['city']} in one word."}],
        max_tokens=1,
    )
    return {**record, "country": r.choices[0].message.content.strip(".")}


def report(i, record):
    print(f"  [{i}] {record['name']} from {record['city']} -> {record['country']}")


def run(records, transform, on_done, on_start=None):
    if on_start:
        on_start(len(records))
    out = []
    for i, record in enumerate(records):
        new = transform(record)
        on_done(i, new)
        out.append(new)
    return out


PEOPLE = [
    {"name": "Ines", "city": "Porto"},
    {"name": "Jonas", "city": "Bergen"},
    {"name": "Mei", "city": "Kyoto"},
]

result = run(PEOPLE, transform=enrich, on_done=report, on_start=lambda n: print(f"enriching {n} records"))
print("countries:", sorted({r["country"] for r in result}))
