# flags: run overlap=4 external=tools.search,tools.calculator
"""Multi-tool question answering: plan, fan out to tools, join."""

from openai import OpenAI

from tools import calculator, search

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


question = "What is the population of Lyon times two, and who founded the city?"
plan = ask(f"Make a plan to answer: {question}")
population = search("population of Lyon")
founder = search("founder of Lyon")
doubled = calculator("2 * 522000")
answer = ask(
    f"Question: {question}\nPlan: {plan}\n"
    f"Facts: {population}; {founder}; {doubled}\nAnswer briefly."
)
print(answer)

# output

"""Multi-tool question answering: plan, fan out to tools, join."""

from openai import OpenAI

from tools import calculator, search
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


question = "What is the population of Lyon times two, and who founded the city?"


async def main() -> None:
    async with epic.scope() as tasks:
        plan_task = tasks.spawn(ask(f"Make a plan to answer: {question}"))
        population_task = tasks.spawn(epic.to_thread(search, "population of Lyon"))
        founder_task = tasks.spawn(epic.to_thread(search, "founder of Lyon"))
        doubled_task = tasks.spawn(epic.to_thread(calculator, "2 * 522000"))
        plan = await plan_task
        population = await population_task
        founder = await founder_task
        doubled = await doubled_task
        answer = await ask(
            f"Question: {question}\nPlan: {plan}\n"
            f"Facts: {population}; {founder}; {doubled}\nAnswer briefly."
        )
        print(answer)


epic.run(main())
