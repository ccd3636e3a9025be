# flags: run overlap=3
"""Requests whose reply is a stream or not depending on what they are given when they
run: `create(**payload)` and `create(..., stream=STREAM)`. Each is awaited through
`epic.replayed`, which hands back a reply as it is and reads a stream whole, for the
plain `for chunk in reply` after it to iterate chunk by chunk as before. The three
requests start at once."""

from openai import OpenAI

client = OpenAI()
STREAM = True
payload = {
    "model": "gpt-4o-mini",
    "messages": [{"role": "user", "content": "echo: tides and reefs"}],
}

whole = client.chat.completions.create(**payload)
print(whole.choices[0].message.content)
streamed = client.chat.completions.create(**payload, stream=True)
for chunk in streamed:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="|")
print()
flagged = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "echo: kelp forests"}],
    stream=STREAM,
)
with flagged:
    for chunk in flagged:
        if chunk.choices and chunk.choices[0].delta.content:
            print(chunk.choices[0].delta.content, end="/")
print()

# output

"""Requests whose reply is a stream or not depending on what they are given when they
run: `create(**payload)` and `create(..., stream=STREAM)`. Each is awaited through
`epic.replayed`, which hands back a reply as it is and reads a stream whole, for the
plain `for chunk in reply` after it to iterate chunk by chunk as before. The three
requests start at once."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
STREAM = True
payload = {
    "model": "gpt-4o-mini",
    "messages": [{"role": "user", "content": "echo: tides and reefs"}],
}


async def main() -> None:
    async with epic.scope() as tasks:
        whole_task = tasks.spawn_after(
            lambda: epic.replayed(
                epic.async_client(client).chat.completions.create(**payload)
            )
        )
        streamed_task = tasks.spawn_after(
            lambda: epic.replayed(
                epic.async_client(client).chat.completions.create(
                    **payload, stream=True
                )
            )
        )
        flagged_task = tasks.spawn(
            epic.replayed(
                epic.async_client(client).chat.completions.create(
                    model="gpt-4o-mini",
                    messages=[{"role": "user", "content": "echo: kelp forests"}],
                    stream=STREAM,
                )
            )
        )
        whole = await whole_task
        print(whole.choices[0].message.content)
        streamed = await streamed_task
        for chunk in streamed:
            if chunk.choices and chunk.choices[0].delta.content:
                print(chunk.choices[0].delta.content, end="|")
        print()
        flagged = await flagged_task
        with flagged:
            for chunk in flagged:
                if chunk.choices and chunk.choices[0].delta.content:
                    print(chunk.choices[0].delta.content, end="/")
        print()


epic.run(main())
