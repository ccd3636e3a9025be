# flags: run overlap=1
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


# `h += [...]` extends the list inside `state` in place: the request that sends `state`
# must see it, though `h` is the name that changed.
state = {"k": ["echo: first"]}
opening = ask("Name a colour.")
h = state["k"]
h += ["echo: second"]
print(ask(" / ".join(state["k"])))
print(opening)

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


# `h += [...]` extends the list inside `state` in place: the request that sends `state`
# must see it, though `h` is the name that changed.
state = {"k": ["echo: first"]}


async def main() -> None:
    opening = await ask("Name a colour.")
    h = state["k"]
    h += ["echo: second"]
    print(await ask(" / ".join(state["k"])))
    print(opening)


epic.run(main())
