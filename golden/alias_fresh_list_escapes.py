# flags: run overlap=1
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


# `notes = []` makes a new list, but `shared` holds it too before the loop: each
# request reads how many notes `shared` has, so it waits for the append before it.
topics = ["echo: tea", "echo: coffee"]
notes = []
shared = {"notes": notes}
for topic in topics:
    notes.append(topic)
    print(ask(f"echo: {len(shared['notes'])} notes"))


# A function reads `seen` when it is called: the list is reachable through it, so the
# loop's appends change what each request sends.
def count_seen():
    return len(seen)


seen = []
for topic in topics:
    seen.append(topic)
    print(ask(f"echo: seen {count_seen()}"))

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


# `notes = []` makes a new list, but `shared` holds it too before the loop: each
# request reads how many notes `shared` has, so it waits for the append before it.
topics = ["echo: tea", "echo: coffee"]
notes = []
shared = {"notes": notes}


async def main() -> None:
    for topic in topics:
        notes.append(topic)
        print(await ask(f"echo: {len(shared['notes'])} notes"))
    for topic in topics:
        seen.append(topic)
        print(await ask(f"echo: seen {count_seen()}"))


# A function reads `seen` when it is called: the list is reachable through it, so the
# loop's appends change what each request sends.
def count_seen():
    return len(seen)


seen = []
epic.run(main())

# diagnostics
# alias_fresh_list_escapes.py:18:1: note: `for topic in topics:` runs iteration by iteration: `ask(...)` needs `shared`, which the loop body sets or changes, so it cannot start before the previous iteration is done (line 20: `print(ask(f"echo: {len(shared['notes'])} notes"))`)  [kept-in-order]
#     for topic in topics:
#     ^
# alias_fresh_list_escapes.py:30:1: note: `for topic in topics:` runs iteration by iteration: `ask(...)` reads `seen` when it runs, which the loop changes each iteration (line 32: `print(ask(f"echo: seen {count_seen()}"))`)  [kept-in-order]
#     for topic in topics:
#     ^
