# flags: run overlap=2
from openai import OpenAI

client = OpenAI()

stream = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Tell me a short story."}],
    stream=True,
)
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="", flush=True)
print()
title = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Suggest a title for a short story."}],
)
print("Title:", title.choices[0].message.content)

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def main() -> None:
    async with epic.scope() as tasks:
        stream_task = tasks.spawn(
            epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "Tell me a short story."}],
                stream=True,
            )
        )
        title_task = tasks.spawn(
            epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini",
                messages=[
                    {"role": "user", "content": "Suggest a title for a short story."}
                ],
            )
        )
        stream = await stream_task
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                print(chunk.choices[0].delta.content, end="", flush=True)
        print()
        title = await title_task
        print("Title:", title.choices[0].message.content)


epic.run(main())
