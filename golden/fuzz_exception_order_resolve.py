# flags: run overlap=0 extra=1
"""Found by the fuzzer: a value awaited early for quick code must not let its exception
overtake an earlier call's."""

import openai
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


try:
    ask("[latency:0.3] [fail:404] warm up")
    name = ask("[fail:400] What is your name?")
    greeting = f"Hello {name}"
    print(greeting)
except openai.APIStatusError as error:
    print("failed with", error.status_code)

# output

"""Found by the fuzzer: a value awaited early for quick code must not let its exception
overtake an earlier call's."""

import openai
from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def main() -> None:
    try:
        async with epic.scope() as inner_tasks:
            ask_task = inner_tasks.spawn(ask("[latency:0.3] [fail:404] warm up"))
            name_task = inner_tasks.spawn(ask("[fail:400] What is your name?"))
            await ask_task
            name = await name_task
            greeting = f"Hello {name}"
            print(greeting)
    except openai.APIStatusError as error:
        print("failed with", error.status_code)


epic.run(main())
