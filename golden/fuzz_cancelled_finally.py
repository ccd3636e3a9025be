# flags: run overlap=0
"""Found by the fuzzer: a function whose ``finally`` makes a call is not started early.
Started ahead of a statement that then raised, its task would be cancelled, and the
``finally`` would still send its call, which the original never makes: the original
never called the function at all."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def fetch(topic):
    try:
        reply = ask(f"[latency:0.3] echo: {topic}")
    finally:
        ask(f"echo: cleanup after {topic}")
    return reply


first = ask("[fail:400] first")
second = fetch("second")
print(first, second)

# output

"""Found by the fuzzer: a function whose ``finally`` makes a call is not started early.
Started ahead of a statement that then raised, its task would be cancelled, and the
``finally`` would still send its call, which the original never makes: the original
never called the function at all."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def fetch(topic):
    try:
        reply = await ask(f"[latency:0.3] echo: {topic}")
    finally:
        await ask(f"echo: cleanup after {topic}")
    return reply


async def main() -> None:
    first = await ask("[fail:400] first")
    second = await fetch("second")
    print(first, second)


epic.run(main())
