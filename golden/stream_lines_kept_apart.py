# flags: run overlap=4
"""Lines of streamed text that are not checked while the stream goes on: each loop over
them starts its calls only after the stream, because starting them earlier could
change what they see. (Each stream's prompt needs the text before it, so that the
streams do not all start at once.)"""

from openai import OpenAI

client = OpenAI()


def check(claim):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"verify:{claim}"}]
    )
    return reply.choices[0].message.content


# The check reads the whole text, complete only after the stream.
whole = ""
stream = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "echo: red\ngreen"}], stream=True
)
for chunk in stream:
    if chunk.choices:
        whole += chunk.choices[0].delta.content or ""
for line in whole.splitlines():
    print(check(f"{line} of {len(whole)}"))

# The text changes between the stream and the loop.
trimmed = ""
stream = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: blue\nwhite {len(whole)}"}], stream=True
)
for chunk in stream:
    if chunk.choices:
        trimmed += chunk.choices[0].delta.content or ""
trimmed = trimmed.upper()
for line in trimmed.splitlines():
    print(check(line))

# The text does not start empty: its first line is not the stream's.
headed = "Colours: "
stream = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: black\ngrey {len(trimmed)}"}], stream=True
)
for chunk in stream:
    if chunk.choices:
        headed += chunk.choices[0].delta.content or ""
for line in headed.splitlines():
    print(check(line))

# Split at spaces, not lines.
words = ""
stream = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: pink gold {len(headed)}"}], stream=True
)
for chunk in stream:
    if chunk.choices:
        words += chunk.choices[0].delta.content or ""
for word in words.split(" "):
    print(check(word))

# A comprehension with a condition: its calls start once the stream is done.
filtered = ""
stream = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: cyan\nteal {len(words)}"}], stream=True
)
for chunk in stream:
    if chunk.choices:
        filtered += chunk.choices[0].delta.content or ""
print([check(line) for line in filtered.splitlines() if line])

# output

"""Lines of streamed text that are not checked while the stream goes on: each loop over
them starts its calls only after the stream, because starting them earlier could
change what they see. (Each stream's prompt needs the text before it, so that the
streams do not all start at once.)"""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def check(claim):
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"verify:{claim}"}]
    )
    return reply.choices[0].message.content


# The check reads the whole text, complete only after the stream.
whole = ""


async def main() -> None:
    global whole
    async with epic.scope() as tasks:
        stream = await epic.async_client(client).chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "echo: red\ngreen"}],
            stream=True,
        )
        async for chunk in stream:
            if chunk.choices:
                whole += chunk.choices[0].delta.content or ""
        stream_task2 = tasks.spawn_after(
            lambda: epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini",
                messages=[
                    {"role": "user", "content": f"echo: blue\nwhite {len(whole)}"}
                ],
                stream=True,
            )
        )
        check_tasks = []
        for line in whole.splitlines():
            check_task = tasks.spawn_after(
                lambda line=line: check(f"{line} of {len(whole)}")
            )
            check_tasks.append(check_task)
        for check_task in check_tasks:
            print(await check_task)

        # The text changes between the stream and the loop.
        trimmed = ""
        stream = await stream_task2
        async for chunk in stream:
            if chunk.choices:
                trimmed += chunk.choices[0].delta.content or ""
        trimmed = trimmed.upper()
        stream_task3 = tasks.spawn_after(
            lambda: epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini",
                messages=[
                    {"role": "user", "content": f"echo: black\ngrey {len(trimmed)}"}
                ],
                stream=True,
            )
        )
        check_tasks2 = []
        for line in trimmed.splitlines():
            check_task2 = tasks.spawn(check(line))
            check_tasks2.append(check_task2)
        for check_task2 in check_tasks2:
            print(await check_task2)

        # The text does not start empty: its first line is not the stream's.
        headed = "Colours: "
        stream = await stream_task3
        async for chunk in stream:
            if chunk.choices:
                headed += chunk.choices[0].delta.content or ""
        stream_task4 = tasks.spawn_after(
            lambda: epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini",
                messages=[
                    {"role": "user", "content": f"echo: pink gold {len(headed)}"}
                ],
                stream=True,
            )
        )
        check_tasks3 = []
        for line in headed.splitlines():
            check_task3 = tasks.spawn(check(line))
            check_tasks3.append(check_task3)
        for check_task3 in check_tasks3:
            print(await check_task3)

        # Split at spaces, not lines.
        words = ""
        stream = await stream_task4
        async for chunk in stream:
            if chunk.choices:
                words += chunk.choices[0].delta.content or ""
        stream_task5 = tasks.spawn_after(
            lambda: epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini",
                messages=[
                    {"role": "user", "content": f"echo: cyan\nteal {len(words)}"}
                ],
                stream=True,
            )
        )
        check_tasks4 = []
        for word in words.split(" "):
            check_task4 = tasks.spawn(check(word))
            check_tasks4.append(check_task4)
        for check_task4 in check_tasks4:
            print(await check_task4)

        # A comprehension with a condition: its calls start once the stream is done.
        filtered = ""
        stream = await stream_task5
        async for chunk in stream:
            if chunk.choices:
                filtered += chunk.choices[0].delta.content or ""
        print(await tasks.gather(check(line) for line in filtered.splitlines() if line))


epic.run(main())
