# flags: run overlap=2
import openai
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


# A per-item `try`: every item's request starts up front, and an item's error is
# raised where its answer is awaited, inside the same `try`, in item order.
questions = ["echo: tea", "[fail:400] echo: coffee", "echo: cocoa"]
answers = {}
for question in questions:
    try:
        answers[question] = ask(question)
    except openai.BadRequestError as error:
        print("skipped:", question, error.status_code)
        answers[question] = None
print(answers)

# The request's own arguments may raise: they are evaluated in its task, so the
# error is still caught where the original catches it, and nothing is sent for it.
for question in questions:
    try:
        print(ask(question[: question.index("]") + 10]), "ok")
    except ValueError:
        print("no tag in", question)
    except openai.BadRequestError as error:
        print("failed:", error.status_code)

# output

import openai
from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


# A per-item `try`: every item's request starts up front, and an item's error is
# raised where its answer is awaited, inside the same `try`, in item order.
questions = ["echo: tea", "[fail:400] echo: coffee", "echo: cocoa"]


async def main() -> None:
    async with epic.scope() as tasks:
        answers = {}
        ask_tasks = []
        for question in questions:
            ask_task = tasks.spawn(ask(question))
            ask_tasks.append((question, ask_task))
        for question, ask_task in ask_tasks:
            try:
                answers[question] = await ask_task
            except openai.BadRequestError as error:
                print("skipped:", question, error.status_code)
                answers[question] = None
        print(answers)

        # The request's own arguments may raise: they are evaluated in its task, so the
        # error is still caught where the original catches it, and nothing is sent for it.
        ask_tasks2 = []
        for question in questions:
            ask_task2 = tasks.spawn_after(
                lambda question=question: ask(question[: question.index("]") + 10])
            )
            ask_tasks2.append((question, ask_task2))
        for question, ask_task2 in ask_tasks2:
            try:
                print(await ask_task2, "ok")
            except ValueError:
                print("no tag in", question)
            except openai.BadRequestError as error:
                print("failed:", error.status_code)


epic.run(main())
