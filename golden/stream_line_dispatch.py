# flags: run overlap=3 during=step:beta/echo:
"""A streamed plan carried out line by line inside the stream loop: each complete line
goes to a helper that prints it, asks for its outcome, prints that and collects it.
The helper's calls start as soon as its line is complete, while the plan is still
streaming; the steps and their outcomes come out in plan order, and the report that
reads the collected outcomes waits for all of them."""

from openai import OpenAI

client = OpenAI()
results = []


def ask(prompt):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


def carry_out(line):
    number, step = line.split(". ", 1)
    print(f"Step {number}: {step}")
    outcome = ask(f"step:{step}")
    print(f"  done: {outcome}")
    results.append(outcome)


stream = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "echo: 1. alpha\n2. beta\n3. gamma"}],
    stream=True,
)
buffer = ""
for chunk in stream:
    if not chunk.choices:
        continue
    buffer += chunk.choices[0].delta.content or ""
    while "\n" in buffer:
        line, buffer = buffer.split("\n", 1)
        carry_out(line)
if buffer.strip():
    carry_out(buffer)
print("collected", len(results))
print("report:", ask("report: " + " | ".join(results)))

# output

"""A streamed plan carried out line by line inside the stream loop: each complete line
goes to a helper that prints it, asks for its outcome, prints that and collects it.
The helper's calls start as soon as its line is complete, while the plan is still
streaming; the steps and their outcomes come out in plan order, and the report that
reads the collected outcomes waits for all of them."""

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
    number, step = line.split(". ", 1)
    print(f"Step {number}: {step}")
    outcome = await ask(f"step:{step}")
    print(f"  done: {outcome}")
    epic.append_in_order(results, outcome)


async def main() -> None:
    stream = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "echo: 1. alpha\n2. beta\n3. gamma"}],
        stream=True,
    )
    buffer = ""
    async with epic.in_order() as carry_out_calls:
        async for chunk in stream:
            if not chunk.choices:
                continue
            buffer += chunk.choices[0].delta.content or ""
            while "\n" in buffer:
                line, buffer = buffer.split("\n", 1)
                carry_out_calls.spawn(carry_out(line))
        if buffer.strip():
            carry_out_calls.spawn(carry_out(buffer))
    print("collected", len(results))
    print("report:", await ask("report: " + " | ".join(results)))


epic.run(main())
