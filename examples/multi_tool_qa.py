"""A small tool-using agent: plan, look things up, score, do the maths, answer."""

import ast
import operator

from openai import OpenAI

client = OpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
MODEL = "gpt-4o-mini"


def ask(prompt, max_tokens=None):
    response = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
        max_tokens=max_tokens,
    )
    return response.choices[0].message.content.strip()


def web_search(query):
    # No search API key on this machine: the model plays the search engine.
    return ask(f"You are a search engine. Give the top result snippet for: {query}", 16)


def lookup_wikipedia(topic):
    return ask(f"Summarise the Wikipedia article about {topic} in one sentence.", 20)


# Safe arithmetic instead of eval(): numbers, + - * and parentheses only.
OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}


def calculator(expression):
    def evaluate(node):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
            return OPERATORS[type(node.op)](evaluate(node.left), evaluate(node.right))
        raise ValueError(f"unsupported expression: {expression}")

    return evaluate(ast.parse(expression, mode="eval").body)


def rate(city, evidence):
    reply = ask(f"Rate {city} for a weekend trip, 1 to 10, given: {evidence}")
    return int(reply.split()[0])  # the reply starts with the number


def main():
    question = "Lisbon or Prague: which is the better weekend trip from Berlin in May?"
    print("Question:", question)

    plan = ask(f"List the steps you would take to answer: {question}")
    steps = [line.split(". ", 1)[1] for line in plan.splitlines() if ". " in line]
    print(f"Plan ({len(steps)} steps):")
    for step in steps:
        print("  -", step)

    # The tool calls below do not depend on each other (nor on the plan).
    lisbon_weather = web_search("Lisbon weather in May")
    prague_weather = web_search("Prague weather in May")
    lisbon_wiki = lookup_wikipedia("Lisbon")
    prague_wiki = lookup_wikipedia("Prague")
    print("Search, Lisbon weather:", lisbon_weather)
    print("Search, Prague weather:", prague_weather)
    print("Wikipedia, Lisbon:", lisbon_wiki)
    print("Wikipedia, Prague:", prague_wiki)

    lisbon_score = rate("Lisbon", f"{lisbon_weather} {lisbon_wiki}")
    prague_score = rate("Prague", f"{prague_weather} {prague_wiki}")
    print(f"Scores: Lisbon {lisbon_score}/10, Prague {prague_score}/10")
    # Lisbon is a longer flight, so it has to win by a margin: weight it at 0.8.
    margin = calculator(f"{lisbon_score} * 0.8 - {prague_score}")
    print(f"Calculator: {lisbon_score} * 0.8 - {prague_score} = {margin:.1f}")
    winner = "Lisbon" if margin > 0 else "Prague"
    answer = ask(
        f"Question: {question}\nPlan: {'; '.join(steps)}\n"
        f"Lisbon: {lisbon_weather} {lisbon_wiki}\n"
        f"Prague: {prague_weather} {prague_wiki}\n"
        f"The tools favour {winner}. Write the final answer in one sentence."
    )
    print(f"Answer ({winner}):", answer)


if __name__ == "__main__":
    main()
