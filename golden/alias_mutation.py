# flags: run overlap=1
from openai import OpenAI

client = OpenAI()


def chat(messages):
    response = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    return response.choices[0].message.content


def ask(prompt):
    return chat([{"role": "user", "content": prompt}])


# A mutation through another name for the same list: the request that sends the
# state must see it.
state = {"history": [{"role": "user", "content": "echo: hello"}]}
history = state["history"]
side = ask("Name a lake.")
history.append({"role": "user", "content": "echo: and goodbye"})
print(chat(state["history"]))

# A loop variable is an element of the list: changing it changes the list.
messages = [{"role": "user", "content": "echo: name a fish"}]
for item in messages:
    item["content"] = item["content"].upper()
print(chat(messages))
print(side)

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def chat(messages):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=messages
    )
    return response.choices[0].message.content


async def ask(prompt):
    return await chat([{"role": "user", "content": prompt}])


# A mutation through another name for the same list: the request that sends the
# state must see it.
state = {"history": [{"role": "user", "content": "echo: hello"}]}
history = state["history"]


async def main() -> None:
    side = await ask("Name a lake.")
    history.append({"role": "user", "content": "echo: and goodbye"})
    print(await chat(state["history"]))

    # A loop variable is an element of the list: changing it changes the list.
    messages = [{"role": "user", "content": "echo: name a fish"}]
    for item in messages:
        item["content"] = item["content"].upper()
    print(await chat(messages))
    print(side)


epic.run(main())
