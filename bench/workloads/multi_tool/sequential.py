"""Multi-tool question answering: make a plan, research every option with a search tool
(twice) and an encyclopedia tool, rate each option from its evidence, weigh the ratings
with a local calculator, and join everything into one answer."""

import ast
import operator

from openai import OpenAI

client = OpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
MODEL = "gpt-4o-mini"
QUESTION = "Which of Lisbon, Prague and Vienna is the best weekend trip from Berlin in May?"
CITIES = ["Lisbon", "Prague", "Vienna"]
FLIGHT_HOURS = {"Lisbon": 3.5, "Prague": 1.0, "Vienna": 1.25}


def ask(prompt, max_tokens=None):
    response = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
        max_tokens=max_tokens,
    )
    return response.choices[0].message.content.strip()


def web_search(query):
    # No search API key here: the model plays the search engine.
    return ask(f"You are a search engine. Give the top result snippet for: {query}", 16)


def encyclopedia(topic):
    return ask(f"Summarise the encyclopedia article about {topic} in one sentence.", 20)


OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}


def calculator(expression):
    """Safe arithmetic: numbers, + - * and parentheses."""

    def evaluate(node):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
            return OPERATORS[type(node.op)](evaluate(node.left), evaluate(node.right))
        raise ValueError(f"unsupported expression: {expression}")

    return evaluate(ast.parse(expression, mode="eval").body)


def research(city):
    weather = web_search(f"{city} weather in May")
    prices = web_search(f"{city} hotel prices in May")
    facts = encyclopedia(city)
    return {"weather": weather, "prices": prices, "facts": facts}


def rate(city, notes):
    evidence = " ".join(notes.values())
    reply = ask(f"Rate {city} for a weekend trip, 1 to 10, given: {evidence}")
    return int(reply.split()[0])


def main():
    plan = ask(f"List the steps you would take to answer: {QUESTION}")
    steps = [line.split(". ", 1)[1] for line in plan.splitlines() if ". " in line]
    print(f"Plan ({len(steps)} steps):")
    for step in steps:
        print("  -", step)

    notes = {}
    for city in CITIES:
        notes[city] = research(city)
        print(f"{city}: {notes[city]['weather']}")

    scores = {}
    for city in CITIES:
        scores[city] = rate(city, notes[city])
    weighted = {
        city: calculator(f"{scores[city]} * 10 - {FLIGHT_HOURS[city]} * 4") for city in CITIES
    }
    print("Weighted scores:", ", ".join(f"{c} {w:.1f}" for c, w in weighted.items()))
    winner = max(weighted, key=weighted.get)

    evidence = "\n".join(f"{city}: {' '.join(notes[city].values())}" for city in CITIES)
    answer = ask(
        f"Question: {QUESTION}\nPlan: {'; '.join(steps)}\n{evidence}\n"
        f"The tools favour {winner}. Write the final answer in one sentence."
    )
    print(f"Answer ({winner}):", answer)


if __name__ == "__main__":
    main()
