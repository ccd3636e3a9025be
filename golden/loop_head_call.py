# flags: run overlap=4
"""The call a loop's iterable evaluates first starts early like a call of its own:
`ask(...).split()`, `enumerate(ask(...).splitlines())` and a stream iterated directly
are bound just before their loop, so they overlap the independent calls around them;
the loops themselves still run in order."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


intro = ask("echo: Words follow.")
print(intro)
for word in ask("echo: alpha beta gamma").split():
    print(word.upper())
for number, line in enumerate(ask("echo: one\ntwo").splitlines(), start=1):
    print(number, line)
for chunk in client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "echo: streamed words"}], stream=True
):
    if chunk.choices:
        print(chunk.choices[0].delta.content or "", end="", flush=True)
print()

# output

"""The call a loop's iterable evaluates first starts early like a call of its own:
`ask(...).split()`, `enumerate(ask(...).splitlines())` and a stream iterated directly
are bound just before their loop, so they overlap the independent calls around them;
the loops themselves still run in order."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        intro_task = tasks.spawn(ask("echo: Words follow."))
        ask_result_task = tasks.spawn(ask("echo: alpha beta gamma"))
        ask_result2_task = tasks.spawn(ask("echo: one\ntwo"))
        stream_task = tasks.spawn(
            epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "echo: streamed words"}],
                stream=True,
            )
        )
        intro = await intro_task
        print(intro)
        ask_result = await ask_result_task
        for word in ask_result.split():
            print(word.upper())
        ask_result2 = await ask_result2_task
        for number, line in enumerate(ask_result2.splitlines(), start=1):
            print(number, line)
        stream = await stream_task
        async for chunk in stream:
            if chunk.choices:
                print(chunk.choices[0].delta.content or "", end="", flush=True)
        print()


epic.run(main())
