"""Dependency structure of ``examples/multi_tool_qa.py`` (multi-tool question answering).

The plan and the four tool calls (two searches, two encyclopedia look-ups) need nothing;
each rating needs its city's search and look-up; the answer needs the plan (its steps),
all four tool results and both ratings (the calculator picks the winner from them).  The
first line printed needs nothing.
"""

from __future__ import annotations

from bench.dag import Dag

QUESTION = "Lisbon or Prague: which is the better weekend trip from Berlin in May?"
CITIES = ("Lisbon", "Prague")
LISBON_WEIGHT = 0.8  # the script's calculator: lisbon * 0.8 - prague


def build() -> Dag:
    dag = Dag()
    plan = dag.ask(f"List the steps you would take to answer: {QUESTION}", label="plan")
    steps = [line.split(". ", 1)[1] for line in plan.text.strip().splitlines() if ". " in line]
    weather = {
        city: dag.ask(f"You are a search engine. Give the top result snippet for: {city} weather in May",
                      max_tokens=16, label=f"search {city} weather")
        for city in CITIES
    }  # fmt: skip
    wiki = {
        city: dag.ask(f"Summarise the Wikipedia article about {city} in one sentence.",
                      max_tokens=20, label=f"wikipedia {city}")
        for city in CITIES
    }  # fmt: skip
    evidence = {city: f"{weather[city].text.strip()} {wiki[city].text.strip()}" for city in CITIES}
    ratings = {
        city: dag.ask(f"Rate {city} for a weekend trip, 1 to 10, given: {evidence[city]}",
                      after=[weather[city], wiki[city]], label=f"rate {city}")
        for city in CITIES
    }  # fmt: skip
    score = {city: int(ratings[city].text.strip().split()[0]) for city in CITIES}
    margin = score["Lisbon"] * LISBON_WEIGHT - score["Prague"]
    winner = "Lisbon" if margin > 0 else "Prague"
    dag.ask(
        f"Question: {QUESTION}\nPlan: {'; '.join(steps)}\n"
        f"Lisbon: {evidence['Lisbon']}\n"
        f"Prague: {evidence['Prague']}\n"
        f"The tools favour {winner}. Write the final answer in one sentence.",
        after=[plan, *weather.values(), *wiki.values(), *ratings.values()],
        label="answer",
    )
    return dag
