# flags: run overlap=1
from openai import OpenAI

client = OpenAI()
model_tag = "m1"
cache = {}


def ask(state):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": model_tag + " " + state}],
    )
    return response.choices[0].message.content


for state in ["a", "b", "a"]:
    if state not in cache:
        cache[state] = ask(state)
    model_tag = "m3"
print(cache)

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
model_tag = "m1"


async def ask(state):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": model_tag + " " + state}],
    )
    return response.choices[0].message.content


async def main() -> None:
    global model_tag
    cache = {}

    for state in ["a", "b", "a"]:
        if state not in cache:
            cache[state] = await ask(state)
        model_tag = "m3"
    print(cache)


epic.run(main())

# diagnostics
# memo_callee_reads_global.py:16:1: note: `for state in ["a", "b", "a"]:` runs iteration by iteration: `ask(...)` reads `model_tag` when it runs, which the loop changes each iteration (line 18: `cache[state] = ask(state)`)  [kept-in-order]
#     for state in ["a", "b", "a"]:
#     ^
