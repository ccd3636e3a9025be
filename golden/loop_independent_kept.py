# flags: run overlap=1
"""Without the pragma, a statement epic cannot see keeps the loop in order; with it,
a call after such a statement still waits for it (the statement may change what the
rest of its own iteration sends), and so does a call whose prompt the loop changes."""

import sqlite3

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


db = sqlite3.connect(":memory:")
db.execute("create table log (topic text)")
for topic in ["tides", "reefs"]:
    db.execute("insert into log values (?)", (topic,))
    print(ask(f"echo: {topic}"))

for topic in ["kelp", "gulls"]:  # epic: independent
    db.execute("insert into log values (?)", (topic,))
    count = db.execute("select count(*) from log").fetchone()[0]
    print(ask(f"echo: {topic} {count}"))

history = ""
for topic in ["sand", "foam"]:  # epic: independent
    history = ask(f"echo: {history} {topic}")
print(history)

# output

"""Without the pragma, a statement epic cannot see keeps the loop in order; with it,
a call after such a statement still waits for it (the statement may change what the
rest of its own iteration sends), and so does a call whose prompt the loop changes."""

import sqlite3

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def main() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("create table log (topic text)")
    for topic in ["tides", "reefs"]:
        db.execute("insert into log values (?)", (topic,))
        print(await ask(f"echo: {topic}"))

    for topic in ["kelp", "gulls"]:  # epic: independent
        db.execute("insert into log values (?)", (topic,))
        count = db.execute("select count(*) from log").fetchone()[0]
        print(await ask(f"echo: {topic} {count}"))

    history = ""
    for topic in ["sand", "foam"]:  # epic: independent
        history = await ask(f"echo: {history} {topic}")
    print(history)


epic.run(main())

# diagnostics
# loop_independent_kept.py:22:1: note: `for topic in ["tides", "reefs"]:` runs iteration by iteration: `db.execute(...)` is a call epic does not know the effects of (line 23: `db.execute("insert into log values (?)", (topic,))`)  [kept-in-order]
#     for topic in ["tides", "reefs"]:
#     ^
# loop_independent_kept.py:26:1: note: `for topic in ["kelp", "gulls"]:` runs iteration by iteration: `ask(...)` comes after a statement epic cannot see into, which may change what the rest of its iteration sends (`# epic: independent` only says it does not reach the other iterations) (line 29: `print(ask(f"echo: {topic} {count}"))`)  [kept-in-order]
#     for topic in ["kelp", "gulls"]:  # epic: independent
#     ^
# loop_independent_kept.py:32:1: note: `for topic in ["sand", "foam"]:` runs iteration by iteration: `ask(...)` needs `history`, which the loop body sets or changes, so it cannot start before the previous iteration is done (line 33: `history = ask(f"echo: {history} {topic}")`)  [kept-in-order]
#     for topic in ["sand", "foam"]:  # epic: independent
#     ^
