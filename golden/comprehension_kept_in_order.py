# flags: run overlap=2
"""A comprehension whose element prints: the text stays in order; any() short-circuits."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    print("asking:", prompt)
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def quiet_ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


topics = ["tea", "coffee"]
answers = [ask(f"Describe {t} in one line.") for t in topics]
print(answers)
found = any([quiet_ask("echo: yes") == "yes" for _ in range(1)])
print(found)

# output

"""A comprehension whose element prints: the text stays in order; any() short-circuits."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    print("asking:", prompt)
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def quiet_ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


topics = ["tea", "coffee"]


async def main() -> None:
    async with epic.scope() as tasks:
        answers = await tasks.gather(ask(f"Describe {t} in one line.") for t in topics)
        print(answers)
        found = any([await quiet_ask("echo: yes") == "yes" for _ in range(1)])
        print(found)


epic.run(main())
