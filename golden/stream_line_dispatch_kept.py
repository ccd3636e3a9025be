# flags: run overlap=3
"""Lines of a stream handed to a helper whose calls must stay where the loop makes
them: in the first loop a `try` around the call must see the helper's errors where
they happen, in the second the loop prints what the helper collects after each call.
Each call is awaited in place (the next stream starts next to the last call)."""

from openai import OpenAI

client = OpenAI()
results = []


def ask(prompt):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


def carry_out(line):
    print("Step:", line)
    results.append(ask(f"step:{line}"))


buffer = ""
first = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "echo: alpha\nbeta\n"}], stream=True
)
for chunk in first:
    buffer += (chunk.choices[0].delta.content or "") if chunk.choices else ""
    while "\n" in buffer:
        line, buffer = buffer.split("\n", 1)
        try:
            carry_out(line)
        except ValueError:
            print("skipped", line)
second = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "echo: gamma\ndelta\n"}], stream=True
)
for chunk in second:
    buffer += (chunk.choices[0].delta.content or "") if chunk.choices else ""
    while "\n" in buffer:
        line, buffer = buffer.split("\n", 1)
        carry_out(line)
        print("so far", len(results))
print(results)

# output

"""Lines of a stream handed to a helper whose calls must stay where the loop makes
them: in the first loop a `try` around the call must see the helper's errors where
they happen, in the second the loop prints what the helper collects after each call.
Each call is awaited in place (the next stream starts next to the last call)."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
results = []


async def ask(prompt):
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


async def carry_out(line):
    print("Step:", line)
    epic.append_in_order(results, await ask(f"step:{line}"))


buffer = ""


async def main() -> None:
    global buffer
    async with epic.scope() as tasks:
        first_task = tasks.spawn(
            epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "echo: alpha\nbeta\n"}],
                stream=True,
            )
        )
        second_task = tasks.spawn(
            epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "echo: gamma\ndelta\n"}],
                stream=True,
            )
        )
        first = await first_task
        async for chunk in first:
            buffer += (chunk.choices[0].delta.content or "") if chunk.choices else ""
            while "\n" in buffer:
                line, buffer = buffer.split("\n", 1)
                try:
                    await carry_out(line)
                except ValueError:
                    print("skipped", line)
        second = await second_task
        async for chunk in second:
            buffer += (chunk.choices[0].delta.content or "") if chunk.choices else ""
            while "\n" in buffer:
                line, buffer = buffer.split("\n", 1)
                await carry_out(line)
                print("so far", len(results))
        print(results)


epic.run(main())

# diagnostics
# stream_line_dispatch_kept.py:28:1: note: `for chunk in first:` runs iteration by iteration: it consumes a streamed response as it arrives  [kept-in-order]
#     for chunk in first:
#     ^
# stream_line_dispatch_kept.py:39:1: note: `for chunk in second:` runs iteration by iteration: it consumes a streamed response as it arrives  [kept-in-order]
#     for chunk in second:
#     ^
