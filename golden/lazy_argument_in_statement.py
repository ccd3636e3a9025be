# flags: run overlap=3 extra=1
"""A call inside a larger statement (`scores[city] = ...`) whose argument may raise
(`notes[city]`, a KeyError for the city with no notes) starts early with its argument
evaluated inside the task: the KeyError surfaces in order, after the earlier cities'
lines."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


notes = {"Lisbon": "sunny", "Oslo": "snowy", "Quito": "mild"}
scores = {}
for city in ["Lisbon", "Oslo", "Lima", "Quito"]:
    scores[city] = ask(f"echo: {city} is {notes[city]}")
    print(city, scores[city])
print("never printed")

# output

"""A call inside a larger statement (`scores[city] = ...`) whose argument may raise
(`notes[city]`, a KeyError for the city with no notes) starts early with its argument
evaluated inside the task: the KeyError surfaces in order, after the earlier cities'
lines."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


notes = {"Lisbon": "sunny", "Oslo": "snowy", "Quito": "mild"}


async def main() -> None:
    async with epic.scope() as tasks:
        scores = {}
        ask_tasks = []
        for city in ["Lisbon", "Oslo", "Lima", "Quito"]:
            ask_task = tasks.spawn_after(
                lambda city=city: ask(f"echo: {city} is {notes[city]}")
            )
            ask_tasks.append((city, ask_task))
        for city, ask_task in ask_tasks:
            scores[city] = await ask_task
            print(city, scores[city])
        print("never printed")


epic.run(main())
