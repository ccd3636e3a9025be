# flags: run overlap=3 during=research:paris/plan:trip
"""A loop's calls start as early as their inputs allow, like any call: the research
loop needs only the list of cities, so it starts with the plan request, ahead of the
plan's printing. The loop that needs the plan starts after it, and one whose iterable
may raise (a missing key) starts only where it stood, after the output before it."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


CITIES = ["paris", "rome"]
city = "home"
print("planning from", city)
plan = ask("[latency:0.5] echo: plan:trip")
print("plan:", plan)

notes = {}
for city in CITIES:
    notes[city] = ask(f"echo: research:{city}")
print(notes)

for step in plan.split(":"):
    print(step, ask(f"echo: detail of {step}"))

options = {"cities": CITIES}
print("checking options")
for city in options["towns"]:
    print(ask(f"echo: {city}"))

# output

"""A loop's calls start as early as their inputs allow, like any call: the research
loop needs only the list of cities, so it starts with the plan request, ahead of the
plan's printing. The loop that needs the plan starts after it, and one whose iterable
may raise (a missing key) starts only where it stood, after the output before it."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


CITIES = ["paris", "rome"]
city = "home"


async def main() -> None:
    global city
    async with epic.scope() as tasks:
        print("planning from", city)
        ask_tasks = []
        for city in CITIES:
            ask_task = tasks.spawn(ask(f"echo: research:{city}"))
            ask_tasks.append((city, ask_task))
        plan = await ask("[latency:0.5] echo: plan:trip")
        print("plan:", plan)

        notes = {}
        for city, ask_task in ask_tasks:
            notes[city] = await ask_task
        print(notes)

        ask_tasks2 = []
        for step in plan.split(":"):
            ask_task2 = tasks.spawn(ask(f"echo: detail of {step}"))
            ask_tasks2.append((step, ask_task2))
        for step, ask_task2 in ask_tasks2:
            print(step, await ask_task2)

        options = {"cities": CITIES}
        print("checking options")
        ask_tasks3 = []
        for city in options["towns"]:
            ask_task3 = tasks.spawn(ask(f"echo: {city}"))
            ask_tasks3.append(ask_task3)
        for ask_task3 in ask_tasks3:
            print(await ask_task3)


epic.run(main())
