# flags: run overlap=2
"""Statements whose effects epic cannot see keep the calls around them in order, and
each gets a note that says which line and why."""

from openai import OpenAI

client = OpenAI()
settings = {"tone": "plain"}


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"{prompt} ({settings['tone']})"}],
    )
    return response.choices[0].message.content


def use_tone(tone):
    settings["tone"] = tone


first = ask("echo: one")
second = ask("echo: two")
use_tone("warm")
third = ask("echo: three")
count = eval("1 + 2")
fourth = ask(f"echo: {count}")
print(first, second, third, fourth, sep="\n")

# output

"""Statements whose effects epic cannot see keep the calls around them in order, and
each gets a note that says which line and why."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
settings = {"tone": "plain"}


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"{prompt} ({settings['tone']})"}],
    )
    return response.choices[0].message.content


def use_tone(tone):
    settings["tone"] = tone


async def main() -> None:
    async with epic.scope() as tasks:
        first_task = tasks.spawn(ask("echo: one"))
        second_task = tasks.spawn(ask("echo: two"))
        first = await first_task
        second = await second_task
        use_tone("warm")
        third = await ask("echo: three")
        count = eval("1 + 2")
        fourth = await ask(f"echo: {count}")
        print(first, second, third, fourth, sep="\n")


epic.run(main())

# diagnostics
# kept_in_order_notes.py:24:1: note: `use_tone(...)` changes `settings`, which it does not own (a global, or an object it was given): the calls before and after it stay in program order  [kept-in-order]
#     use_tone("warm")
#     ^
# kept_in_order_notes.py:26:9: note: `eval` runs code given as a string, which epic cannot follow: the calls before and after it stay in program order  [kept-in-order]
#     count = eval("1 + 2")
#             ^
