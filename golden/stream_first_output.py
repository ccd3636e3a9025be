# flags: run overlap=3
"""Time to first output: both streams' requests start at once, with the question
before them; each stream's tokens are printed as they arrive, once the output before
it is out, and the second stream's text follows the first's."""

from openai import OpenAI

client = OpenAI()

intro = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "echo: Two poems follow."}]
)
print(intro.choices[0].message.content)
first = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "echo: waves fold\ninto foam"}],
    stream=True,
)
for chunk in first:
    if chunk.choices:
        print(chunk.choices[0].delta.content or "", end="", flush=True)
print()
second = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "echo: hills hold\nthe light"}],
    stream=True,
)
for chunk in second:
    if chunk.choices:
        print(chunk.choices[0].delta.content or "", end="", flush=True)
print()

# output

"""Time to first output: both streams' requests start at once, with the question
before them; each stream's tokens are printed as they arrive, once the output before
it is out, and the second stream's text follows the first's."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def main() -> None:
    async with epic.scope() as tasks:
        intro_task = tasks.spawn(
            epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "echo: Two poems follow."}],
            )
        )
        first_task = tasks.spawn(
            epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "echo: waves fold\ninto foam"}],
                stream=True,
            )
        )
        second_task = tasks.spawn(
            epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "echo: hills hold\nthe light"}],
                stream=True,
            )
        )
        intro = await intro_task
        print(intro.choices[0].message.content)
        first = await first_task
        async for chunk in first:
            if chunk.choices:
                print(chunk.choices[0].delta.content or "", end="", flush=True)
        print()
        second = await second_task
        async for chunk in second:
            if chunk.choices:
                print(chunk.choices[0].delta.content or "", end="", flush=True)
        print()


epic.run(main())
