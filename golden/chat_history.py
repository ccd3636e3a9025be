# flags: run overlap=2
from openai import OpenAI

client = OpenAI()

messages = [{"role": "system", "content": "You are a terse assistant."}]
messages.append({"role": "user", "content": "echo: Paris"})
first = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
reply = first.choices[0].message.content
messages.append({"role": "assistant", "content": reply})
messages.append({"role": "user", "content": "And its population?"})
second = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
aside = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Name a French cheese."}],
)
print("User asked about:", reply)
print(second.choices[0].message.content)
print("Aside:", aside.choices[0].message.content)
print(len(messages), "messages in the conversation")

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()

messages = [{"role": "system", "content": "You are a terse assistant."}]
messages.append({"role": "user", "content": "echo: Paris"})


async def main() -> None:
    async with epic.scope() as tasks:
        first_task = tasks.spawn(
            epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini", messages=messages
            )
        )
        aside_task = tasks.spawn(
            epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "Name a French cheese."}],
            )
        )
        first = await first_task
        reply = first.choices[0].message.content
        messages.append({"role": "assistant", "content": reply})
        messages.append({"role": "user", "content": "And its population?"})
        second = await epic.async_client(client).chat.completions.create(
            model="gpt-4o-mini", messages=messages
        )
        aside = await aside_task
        print("User asked about:", reply)
        print(second.choices[0].message.content)
        print("Aside:", aside.choices[0].message.content)
        print(len(messages), "messages in the conversation")


epic.run(main())
