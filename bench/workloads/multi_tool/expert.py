"""Multi-tool question answering, written by hand with asyncio.

The plan and all nine tool calls go out at once; each city's rating goes out as soon as
that city's three tool results are in; the answer waits for everything.  Output is
printed in the sequential order, each line as soon as what it shows is available.
"""

import ast
import asyncio
import operator

from openai import AsyncOpenAI

client = AsyncOpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
MODEL = "gpt-4o-mini"
QUESTION = "Which of Lisbon, Prague and Vienna is the best weekend trip from Berlin in May?"
CITIES = ["Lisbon", "Prague", "Vienna"]
FLIGHT_HOURS = {"Lisbon": 3.5, "Prague": 1.0, "Vienna": 1.25}


async def ask(prompt: str, max_tokens: int | None = None) -> str:
    response = await client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
        max_tokens=max_tokens,
    )
    return response.choices[0].message.content.strip()


async def web_search(query: str) -> str:
    return await ask(f"You are a search engine. Give the top result snippet for: {query}", 16)


async def encyclopedia(topic: str) -> str:
    return await ask(f"Summarise the encyclopedia article about {topic} in one sentence.", 20)


OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}


def calculator(expression: str) -> float:
    def evaluate(node: ast.expr) -> float:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
            return OPERATORS[type(node.op)](evaluate(node.left), evaluate(node.right))
        raise ValueError(f"unsupported expression: {expression}")

    return evaluate(ast.parse(expression, mode="eval").body)


async def research(city: str) -> dict[str, str]:
    weather, prices, facts = await asyncio.gather(
        web_search(f"{city} weather in May"),
        web_search(f"{city} hotel prices in May"),
        encyclopedia(city),
    )
    return {"weather": weather, "prices": prices, "facts": facts}


async def rate(city: str, research_task: asyncio.Task[dict[str, str]]) -> int:
    notes = await research_task
    evidence = " ".join(notes.values())
    reply = await ask(f"Rate {city} for a weekend trip, 1 to 10, given: {evidence}")
    return int(reply.split()[0])


async def main() -> None:
    async with asyncio.TaskGroup() as tg:
        plan_task = tg.create_task(ask(f"List the steps you would take to answer: {QUESTION}"))
        research_tasks = {city: tg.create_task(research(city)) for city in CITIES}
        rate_tasks = {city: tg.create_task(rate(city, research_tasks[city])) for city in CITIES}

        plan = await plan_task
        steps = [line.split(". ", 1)[1] for line in plan.splitlines() if ". " in line]
        print(f"Plan ({len(steps)} steps):")
        for step in steps:
            print("  -", step)

        notes = {}
        for city in CITIES:
            notes[city] = await research_tasks[city]
            print(f"{city}: {notes[city]['weather']}")
        scores = {city: await rate_tasks[city] for city in CITIES}

    weighted = {city: calculator(f"{scores[city]} * 10 - {FLIGHT_HOURS[city]} * 4") for city in CITIES}
    print("Weighted scores:", ", ".join(f"{c} {w:.1f}" for c, w in weighted.items()))
    winner = max(weighted, key=weighted.get)

    evidence = "\n".join(f"{city}: {' '.join(notes[city].values())}" for city in CITIES)
    answer = await ask(
        f"Question: {QUESTION}\nPlan: {'; '.join(steps)}\n{evidence}\n"
        f"The tools favour {winner}. Write the final answer in one sentence."
    )
    print(f"Answer ({winner}):", answer)


if __name__ == "__main__":
    asyncio.run(main())
