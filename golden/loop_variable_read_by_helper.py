# flags: run overlap=2
from openai import OpenAI

client = OpenAI()
topic = "none"


def ask_about():
    # Reads the module-level loop variable when it runs.
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Tell me about " + topic}],
    )
    return response.choices[0].message.content


def run_all(names):
    results = []
    for name in names:
        def ask_name():
            response = client.chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "Spell " + name}],
            )
            return response.choices[0].message.content

        results.append(ask_name())
    return results


answers = []
for topic in ["owls", "rivers", "glass"]:
    answers.append(ask_about())
for answer in answers:
    print(answer)
print(run_all(["ada", "bob"]))

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
topic = "none"


async def ask_about():
    # Reads the module-level loop variable when it runs.
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Tell me about " + topic}],
    )
    return response.choices[0].message.content


async def run_all(names):
    results = []
    for name in names:

        async def ask_name():
            response = await epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "Spell " + name}],
            )
            return response.choices[0].message.content

        results.append(await ask_name())
    return results


async def main() -> None:
    global topic
    async with epic.scope() as tasks:
        run_all_task = tasks.spawn(run_all(["ada", "bob"]))

        answers = []
        for topic in ["owls", "rivers", "glass"]:
            answers.append(await ask_about())
        for answer in answers:
            print(answer)
        print(await run_all_task)


epic.run(main())

# diagnostics
# loop_variable_read_by_helper.py:18:5: note: `for name in names:` runs iteration by iteration: `ask_name(...)` reads `name` when it runs, which the loop changes each iteration (line 26: `results.append(ask_name())`)  [kept-in-order]
#         for name in names:
#         ^
# loop_variable_read_by_helper.py:31:1: note: `for topic in ["owls", "rivers", "glass"]:` runs iteration by iteration: `ask_about(...)` reads `topic` when it runs, which the loop changes each iteration (line 32: `answers.append(ask_about())`)  [kept-in-order]
#     for topic in ["owls", "rivers", "glass"]:
#     ^
