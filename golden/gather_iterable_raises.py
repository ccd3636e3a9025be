# flags: run overlap=2
"""A gathered comprehension starts all its calls where it is started, running its
iterable there too. When that iterable may raise (a missing key), the comprehension
does not move above the output before it: the KeyError comes after that output, as in
the original. One that cannot raise still starts early."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


topics = {"sea": ["waves", "salt"]}
print("starting")
early = [ask(f"echo: {word}") for word in ["one", "two"]]
print("early:", early)
late = [ask(f"echo: {word}") for word in topics["sky"]]
print("never printed", late)

# output

"""A gathered comprehension starts all its calls where it is started, running its
iterable there too. When that iterable may raise (a missing key), the comprehension
does not move above the output before it: the KeyError comes after that output, as in
the original. One that cannot raise still starts early."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


topics = {"sea": ["waves", "salt"]}


async def main() -> None:
    async with epic.scope() as tasks:
        print("starting")
        early = await tasks.gather(ask(f"echo: {word}") for word in ["one", "two"])
        print("early:", early)
        late = await tasks.gather(ask(f"echo: {word}") for word in topics["sky"])
        print("never printed", late)


epic.run(main())
