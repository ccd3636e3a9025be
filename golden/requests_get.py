# flags: run overlap=2
import os

import requests
from openai import OpenAI

client = OpenAI()
BASE_URL = os.environ["OPENAI_BASE_URL"]


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


joke = ask("[latency:0.4] Tell a short joke about APIs.")
model = ask("Which model should I use for classification? echo: gpt-4o-mini")
reply = requests.get(f"{BASE_URL}/models/{model}", timeout=10)
reply.raise_for_status()
owner = reply.json()["owned_by"]
print(f"{model} is owned by {owner}")
print(joke)

# output

import os

import requests
from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
BASE_URL = os.environ["OPENAI_BASE_URL"]


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        joke_task = tasks.spawn(ask("[latency:0.4] Tell a short joke about APIs."))
        model_task = tasks.spawn(
            ask("Which model should I use for classification? echo: gpt-4o-mini")
        )
        reply_task = tasks.spawn_after(
            lambda model: epic.to_thread(
                requests.get, f"{BASE_URL}/models/{model}", timeout=10
            ),
            model_task,
        )
        joke = await joke_task
        model = await model_task
        reply = await reply_task
        reply.raise_for_status()
        owner = reply.json()["owned_by"]
        print(f"{model} is owned by {owner}")
        print(joke)


epic.run(main())
