# flags: run overlap=1
import openai
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


questions = ["echo: tea", "[fail:400] echo: coffee", "echo: cocoa"]

# Code before the request may raise and be caught: started early, the request would
# be sent where the original never sends it.
for question in questions:
    try:
        topic = question.split("] ")[1]
        print(ask(topic))
    except IndexError:
        print("no tag in", question)
    except openai.BadRequestError as error:
        print("failed:", error.status_code)

# The handler changes what the next request sends.
prompt = "echo: first"
for question in questions:
    try:
        print(ask(f"{prompt} {question}"))
    except openai.BadRequestError:
        prompt = "echo: after a failure"

# A bare `except:` would also catch the cancellation of an interrupted run.
for question in questions:
    try:
        print(ask(question))
    except:  # noqa: E722
        print("failed:", question)

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


questions = ["echo: tea", "[fail:400] echo: coffee", "echo: cocoa"]


async def main() -> None:
    # Code before the request may raise and be caught: started early, the request would
    # be sent where the original never sends it.
    for question in questions:
        try:
            topic = question.split("] ")[1]
            print(await ask(topic))
        except IndexError:
            print("no tag in", question)
        except openai.BadRequestError as error:
            print("failed:", error.status_code)

    # The handler changes what the next request sends.
    prompt = "echo: first"
    for question in questions:
        try:
            print(await ask(f"{prompt} {question}"))
        except openai.BadRequestError:
            prompt = "echo: after a failure"

    # A bare `except:` would also catch the cancellation of an interrupted run.
    for question in questions:
        try:
            print(await ask(question))
        except:  # noqa: E722
            print("failed:", question)


epic.run(main())

# diagnostics
# loop_try_except_kept.py:18:1: note: `for question in questions:` runs iteration by iteration: `ask(...)` needs `topic`, which the loop body sets or changes, so it cannot start before the previous iteration is done (line 21: `print(ask(topic))`)  [kept-in-order]
#     for question in questions:
#     ^
# loop_try_except_kept.py:29:1: note: `for question in questions:` runs iteration by iteration: `ask(...)` needs `prompt`, which the loop body sets or changes, so it cannot start before the previous iteration is done (line 31: `print(ask(f"{prompt} {question}"))`)  [kept-in-order]
#     for question in questions:
#     ^
# loop_try_except_kept.py:36:1: note: `for question in questions:` runs iteration by iteration: `ask(...)` comes after code that must run first in its iteration (ordered effects, or a value that may raise), so it cannot start before the previous iteration is done (line 38: `print(ask(question))`)  [kept-in-order]
#     for question in questions:
#     ^
