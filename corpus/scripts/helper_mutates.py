"""Models an itinerary planner whose helpers mutate the objects they are given.
Shapes: `def add_day(plan, city)` appending to `plan["days"]` after asking the model,
`def annotate(day)` setting a key on its argument, a class instance passed to a helper
that sets its attributes.
"""

from openai import OpenAI

client = OpenAI()


def ask(prompt, n=10):
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=n
    )
    return r.choices[0].message.content


def add_day(plan, city):
    activity = ask(f"One must-do activity in {city}")
    plan["days"].append({"city": city, "activity": activity})


def annotate(day):
    day["food"] = ask(f"One local dish to try in {day['city']}", n=3)


class Budget:
    def __init__(self):
        self.total = 0
        self.lines = []


def price(budget, day):
    estimate = ask(f"Rate the daily cost of {day['city']} from 1 to 10")
    budget.total += int(estimate.split()[0]) * 25
    budget.lines.append(day["city"])


plan = {"traveller": "Noor", "days": []}
for city in ["Lisbon", "Seville", "Granada"]:
    add_day(plan, city)
for day in plan["days"]:
    annotate(day)
budget = Budget()
for day in plan["days"]:
    price(budget, day)

for i, day in enumerate(plan["days"], 1):
    print(f"Day {i}: {day['city']} - {day['activity']} (eat: {day['food']})")
print(f"Budget for {', '.join(budget.lines)}: EUR {budget.total}")
