# flags: run overlap=1
import os

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    # Reads the environment when it runs.
    mode = os.environ.get("EPIC_GOLDEN_MODE", "plain")
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: {mode} {prompt}"}],
    )
    return response.choices[0].message.content


first = ask("one")
env = os.environ
env["EPIC_GOLDEN_MODE"] = "fast"
second = ask("two")
print(first)
print(second)

# output

import os

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    # Reads the environment when it runs.
    mode = os.environ.get("EPIC_GOLDEN_MODE", "plain")
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: {mode} {prompt}"}],
    )
    return response.choices[0].message.content


async def main() -> None:
    first = await ask("one")
    env = os.environ
    env["EPIC_GOLDEN_MODE"] = "fast"
    second = await ask("two")
    print(first)
    print(second)


epic.run(main())
