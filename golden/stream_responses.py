# flags: run overlap=2
"""A stream of the Responses API's typed events: its request starts at once, next to
the request before it, and a `for` loop over its events becomes `async for`, so each
text delta is printed as it arrives, after the output before it."""

from openai import OpenAI

client = OpenAI()

intro = client.responses.create(model="gpt-4o-mini", input="echo: A poem follows.")
stream = client.responses.create(
    model="gpt-4o-mini", input="echo: waves fold\ninto foam", stream=True
)
print(intro.output_text)
for event in stream:
    if event.type == "response.output_text.delta":
        print(event.delta, end="", flush=True)
    elif event.type == "response.completed":
        print()
        print("tokens:", event.response.usage.output_tokens)

# output

"""A stream of the Responses API's typed events: its request starts at once, next to
the request before it, and a `for` loop over its events becomes `async for`, so each
text delta is printed as it arrives, after the output before it."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def main() -> None:
    async with epic.scope() as tasks:
        intro_task = tasks.spawn(
            epic.async_client(client).responses.create(
                model="gpt-4o-mini", input="echo: A poem follows."
            )
        )
        stream_task = tasks.spawn(
            epic.async_client(client).responses.create(
                model="gpt-4o-mini", input="echo: waves fold\ninto foam", stream=True
            )
        )
        intro = await intro_task
        stream = await stream_task
        print(intro.output_text)
        async for event in stream:
            if event.type == "response.output_text.delta":
                print(event.delta, end="", flush=True)
            elif event.type == "response.completed":
                print()
                print("tokens:", event.response.usage.output_tokens)


epic.run(main())
