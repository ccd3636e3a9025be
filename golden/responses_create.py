# flags: run overlap=2
from openai import OpenAI

client = OpenAI()

poem = client.responses.create(model="gpt-4o-mini", input="Write a two-line poem about tea.")
story = client.responses.create(
    model="gpt-4o-mini",
    instructions="You are a storyteller.",
    input="Tell a one-sentence story about a lighthouse.",
)
print(poem.output_text)
print(story.output_text)

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def main() -> None:
    async with epic.scope() as tasks:
        poem_task = tasks.spawn(
            epic.async_client(client).responses.create(
                model="gpt-4o-mini", input="Write a two-line poem about tea."
            )
        )
        story_task = tasks.spawn(
            epic.async_client(client).responses.create(
                model="gpt-4o-mini",
                instructions="You are a storyteller.",
                input="Tell a one-sentence story about a lighthouse.",
            )
        )
        poem = await poem_task
        story = await story_task
        print(poem.output_text)
        print(story.output_text)


epic.run(main())
