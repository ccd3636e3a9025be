# flags: run overlap=2
"""`operator.iadd`, `operator.setitem` and a method called through its type
(`list.append(box, x)`) change their first argument in place: a request that reads
it is not started before them."""

import operator

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


box = ["one"]
settings = {"tone": "plain"}
first = ask("echo: start")
second = ask(f"echo: {len(box)}")
operator.iadd(box, ["two"])
operator.setitem(settings, "tone", "warm")
list.append(box, "three")
third = ask(f"echo: {box} {settings['tone']}")
print(first, second, third)
shelf = []
fourth = ask("echo: four")
list.append(shelf, "book")
fifth = ask(f"echo: {shelf}")
print(fourth, fifth)

# output

"""`operator.iadd`, `operator.setitem` and a method called through its type
(`list.append(box, x)`) change their first argument in place: a request that reads
it is not started before them."""

import operator

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


box = ["one"]
settings = {"tone": "plain"}


async def main() -> None:
    async with epic.scope() as tasks:
        first_task = tasks.spawn(ask("echo: start"))
        second_task = tasks.spawn_after(lambda box=box: ask(f"echo: {len(box)}"))
        first = await first_task
        second = await second_task
        operator.iadd(box, ["two"])
        operator.setitem(settings, "tone", "warm")
        fourth_task = tasks.spawn(ask("echo: four"))
        list.append(box, "three")
        third = await ask(f"echo: {box} {settings['tone']}")
        print(first, second, third)
        shelf = []
        fourth = await fourth_task
        list.append(shelf, "book")
        fifth = await ask(f"echo: {shelf}")
        print(fourth, fifth)


epic.run(main())

# diagnostics
# operator_in_place.py:23:1: note: `operator.iadd(...)` is a call epic does not know the effects of: the calls before and after it stay in program order  [kept-in-order]
#     operator.iadd(box, ["two"])
#     ^
# operator_in_place.py:24:1: note: `operator.setitem(...)` is a call epic does not know the effects of: the calls before and after it stay in program order  [kept-in-order]
#     operator.setitem(settings, "tone", "warm")
#     ^
