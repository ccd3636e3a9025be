"""Dependency structure of ``sequential.py`` (multi-tool question answering).

The plan and the nine tool calls need nothing; each rating needs its city's three tool
results; the answer needs the plan, every tool result and every rating (the winner).
The first line printed needs the plan.
"""

from __future__ import annotations

from bench.dag import Dag, Request

QUESTION = "Which of Lisbon, Prague and Vienna is the best weekend trip from Berlin in May?"
CITIES = ["Lisbon", "Prague", "Vienna"]
FLIGHT_HOURS = {"Lisbon": 3.5, "Prague": 1.0, "Vienna": 1.25}


def build() -> Dag:
    dag = Dag()
    plan = dag.ask(f"List the steps you would take to answer: {QUESTION}", label="plan")
    steps = [line.split(". ", 1)[1] for line in plan.text.strip().splitlines() if ". " in line]
    dag.output_after(plan)
    notes: dict[str, list[Request]] = {}
    for city in CITIES:
        notes[city] = [
            dag.ask(f"You are a search engine. Give the top result snippet for: {city} weather in May",
                    max_tokens=16, label=f"search {city} weather"),
            dag.ask(f"You are a search engine. Give the top result snippet for: {city} hotel prices in May",
                    max_tokens=16, label=f"search {city} prices"),
            dag.ask(f"Summarise the encyclopedia article about {city} in one sentence.",
                    max_tokens=20, label=f"encyclopedia {city}"),
        ]  # fmt: skip
    ratings: dict[str, Request] = {}
    weighted: dict[str, float] = {}
    for city in CITIES:
        evidence = " ".join(r.text.strip() for r in notes[city])
        ratings[city] = r = dag.ask(
            f"Rate {city} for a weekend trip, 1 to 10, given: {evidence}",
            after=notes[city],
            label=f"rate {city}",
        )
        weighted[city] = int(r.text.split()[0]) * 10 - FLIGHT_HOURS[city] * 4
    winner = max(weighted, key=lambda c: weighted[c])
    evidence = "\n".join(f"{c}: {' '.join(r.text.strip() for r in notes[c])}" for c in CITIES)
    dag.ask(
        f"Question: {QUESTION}\nPlan: {'; '.join(steps)}\n{evidence}\n"
        f"The tools favour {winner}. Write the final answer in one sentence.",
        after=[plan, *[r for c in CITIES for r in notes[c]], *ratings.values()],
        label="answer",
    )
    return dag
