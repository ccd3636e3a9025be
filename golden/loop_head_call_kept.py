# flags: run overlap=1
"""Loop heads whose call cannot move: one that needs the value before it, one that
evaluates something else first (`pick(intro, ask(...))`: `pick` is looked up and
`intro` read before the call), and a builtin the script rebinds. Each waits where it
is."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


def pick(first, text):
    return [first, *text.split()]


def sorted(items):
    return list(reversed(items))


intro = ask("echo: alpha beta")
for word in ask("echo: " + intro).split():
    print(word)
for word in pick(intro, ask("echo: gamma delta")):
    print(word)
for word in sorted(ask("echo: epsilon zeta").split()):
    print(word)

# output

"""Loop heads whose call cannot move: one that needs the value before it, one that
evaluates something else first (`pick(intro, ask(...))`: `pick` is looked up and
`intro` read before the call), and a builtin the script rebinds. Each waits where it
is."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


def pick(first, text):
    return [first, *text.split()]


def sorted(items):
    return list(reversed(items))


async def main() -> None:
    intro = await ask("echo: alpha beta")
    for word in (await ask("echo: " + intro)).split():
        print(word)
    for word in pick(intro, await ask("echo: gamma delta")):
        print(word)
    for word in sorted((await ask("echo: epsilon zeta")).split()):
        print(word)


epic.run(main())
