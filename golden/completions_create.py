# flags: run overlap=2
from openai import OpenAI

client = OpenAI()

completion = client.completions.create(
    model="gpt-3.5-turbo-instruct",
    prompt="Write a tagline for a coffee shop.",
    max_tokens=12,
)
other = client.completions.create(
    model="gpt-3.5-turbo-instruct",
    prompt="Write a tagline for a bookshop.",
    max_tokens=12,
)
print(completion.choices[0].text.strip())
print(other.choices[0].text.strip())

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def main() -> None:
    async with epic.scope() as tasks:
        completion_task = tasks.spawn(
            epic.async_client(client).completions.create(
                model="gpt-3.5-turbo-instruct",
                prompt="Write a tagline for a coffee shop.",
                max_tokens=12,
            )
        )
        other_task = tasks.spawn(
            epic.async_client(client).completions.create(
                model="gpt-3.5-turbo-instruct",
                prompt="Write a tagline for a bookshop.",
                max_tokens=12,
            )
        )
        completion = await completion_task
        other = await other_task
        print(completion.choices[0].text.strip())
        print(other.choices[0].text.strip())


epic.run(main())
