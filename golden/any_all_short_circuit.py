# flags: run overlap=1
"""``any`` and ``all`` stop at the deciding element, so their calls run one after the
other, in order: the calls after that element are never sent, as in the original.
The generator expression awaits (an async generator), consumed by ``epic.any`` and
``epic.all``; the rest of the file is still made parallel."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


claims = ["echo: no", "echo: yes", "echo: never asked"]
supported = any(ask(claim) == "yes" for claim in claims)
print("supported:", supported)
fine = all(ask(claim) != "yes" for claim in claims)
print("all fine:", fine)

# output

"""``any`` and ``all`` stop at the deciding element, so their calls run one after the
other, in order: the calls after that element are never sent, as in the original.
The generator expression awaits (an async generator), consumed by ``epic.any`` and
``epic.all``; the rest of the file is still made parallel."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


claims = ["echo: no", "echo: yes", "echo: never asked"]


async def main() -> None:
    supported = await epic.any(await ask(claim) == "yes" for claim in claims)
    print("supported:", supported)
    fine = await epic.all(await ask(claim) != "yes" for claim in claims)
    print("all fine:", fine)


epic.run(main())
