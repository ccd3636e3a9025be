# flags: run overlap=3
"""Streams used other than by a `for` loop (a helper, `"".join`, `list`, the
`stream(...)` manager, `with_streaming_response`) run as written, in place, each with a
note; the rest of the file is still parallelised (the completions stream starts with the
request after it)."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


def text_of(stream):
    return "".join(c.choices[0].delta.content or "" for c in stream if c.choices)


first = ask("echo: one")
legacy = client.completions.create(model="gpt-3.5-turbo-instruct", prompt="echo: legacy", stream=True)
for part in legacy:
    print(part.choices[0].text, end="")
print()
second = ask("echo: two")
print(first, second)
helper_stream = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "echo: via helper"}], stream=True
)
print(text_of(helper_stream))
joined = "".join(
    c.choices[0].delta.content or ""
    for c in client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "echo: joined"}], stream=True
    )
    if c.choices
)
print(joined)
chunks = list(
    client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "echo: listed"}], stream=True
    )
)
print(len(chunks) > 0)
with client.chat.completions.stream(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "echo: managed"}]
) as events:
    for event in events:
        if event.type == "content.delta":
            print(event.delta, end="")
print()
with client.chat.completions.with_streaming_response.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "echo: raw"}]
) as response:
    print(response.http_response.status_code)

# output

"""Streams used other than by a `for` loop (a helper, `"".join`, `list`, the
`stream(...)` manager, `with_streaming_response`) run as written, in place, each with a
note; the rest of the file is still parallelised (the completions stream starts with the
request after it)."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


def text_of(stream):
    return "".join(c.choices[0].delta.content or "" for c in stream if c.choices)


async def main() -> None:
    async with epic.scope() as tasks:
        first_task = tasks.spawn(ask("echo: one"))
        legacy_task = tasks.spawn(
            epic.async_client(client).completions.create(
                model="gpt-3.5-turbo-instruct", prompt="echo: legacy", stream=True
            )
        )
        second_task = tasks.spawn(ask("echo: two"))
        first = await first_task
        legacy = await legacy_task
        async for part in legacy:
            print(part.choices[0].text, end="")
        print()
        second = await second_task
        print(first, second)
        helper_stream = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "echo: via helper"}],
            stream=True,
        )
        print(text_of(helper_stream))
        joined = "".join(
            c.choices[0].delta.content or ""
            for c in client.chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "echo: joined"}],
                stream=True,
            )
            if c.choices
        )
        print(joined)
        chunks = list(
            client.chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "echo: listed"}],
                stream=True,
            )
        )
        print(len(chunks) > 0)
        with client.chat.completions.stream(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "echo: managed"}]
        ) as events:
            for event in events:
                if event.type == "content.delta":
                    print(event.delta, end="")
        print()
        with client.chat.completions.with_streaming_response.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "echo: raw"}]
        ) as response:
            print(response.http_response.status_code)


epic.run(main())
