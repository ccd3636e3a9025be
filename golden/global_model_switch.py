# flags: run overlap=1
from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"


def ask(prompt):
    response = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


summary = ask("Summarize the plot of Hamlet in one sentence.")
MODEL = "gpt-4o"  # a stronger model for the creative part
poem = ask("Write a two-line poem about Denmark.")
print("Summary:", summary)
print("Poem:", poem)

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
MODEL = "gpt-4o-mini"


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def main() -> None:
    global MODEL
    summary = await ask("Summarize the plot of Hamlet in one sentence.")
    MODEL = "gpt-4o"  # a stronger model for the creative part
    poem = await ask("Write a two-line poem about Denmark.")
    print("Summary:", summary)
    print("Poem:", poem)


epic.run(main())
