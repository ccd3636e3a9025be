# flags: run overlap=3 during=step:beta/echo:
"""A streamed plan shown token by token as it arrives, each complete line handed to a
helper that prints, asks and collects: the helper's calls start as soon as their line
is complete, while the plan streams on; the tokens the loop prints and the helper's
text come out in program order (a token printed after a line waits for that line's
step), so the text is the sequential text."""

from openai import OpenAI

client = OpenAI()
results = []


def ask(prompt):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


def carry_out(line):
    print(f"\n[step {line}]")
    results.append(ask(f"step:{line}"))
    print(f"[done {line}]")


stream = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "echo: alpha\nbeta\ngamma"}],
    stream=True,
)
buffer = ""
for chunk in stream:
    piece = (chunk.choices[0].delta.content or "") if chunk.choices else ""
    print(piece, end="", flush=True)
    buffer += piece
    while "\n" in buffer:
        line, buffer = buffer.split("\n", 1)
        carry_out(line)
print()
if buffer:
    carry_out(buffer)
print(len(results), "steps done")

# output

"""A streamed plan shown token by token as it arrives, each complete line handed to a
helper that prints, asks and collects: the helper's calls start as soon as their line
is complete, while the plan streams on; the tokens the loop prints and the helper's
text come out in program order (a token printed after a line waits for that line's
step), so the text is the sequential text."""

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
    print(f"\n[step {line}]")
    epic.append_in_order(results, await ask(f"step:{line}"))
    print(f"[done {line}]")


async def main() -> None:
    stream = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "echo: alpha\nbeta\ngamma"}],
        stream=True,
    )
    buffer = ""
    async with epic.in_order() as carry_out_calls:
        async for chunk in stream:
            piece = (chunk.choices[0].delta.content or "") if chunk.choices else ""
            carry_out_calls.print(piece, end="", flush=True)
            buffer += piece
            while "\n" in buffer:
                line, buffer = buffer.split("\n", 1)
                carry_out_calls.spawn(carry_out(line))
        carry_out_calls.print()
        if buffer:
            carry_out_calls.spawn(carry_out(buffer))
    print(len(results), "steps done")


epic.run(main())
