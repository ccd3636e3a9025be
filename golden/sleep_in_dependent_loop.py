# flags: run overlap=1
"""A sleep that waits for the reply before it (a back-off by the reply's length) in a
loop whose iterations stay in order still paces the requests as written: no note.
(Sleeps that depend on nothing start up front, and then they do get the note.)"""

import time

from openai import OpenAI

client = OpenAI()

answer = "start"
for step in range(3):
    reply = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: {answer} {step}"}],
    )
    answer = reply.choices[0].message.content
    time.sleep(len(answer) / 10_000)
print(answer)

# output

"""A sleep that waits for the reply before it (a back-off by the reply's length) in a
loop whose iterations stay in order still paces the requests as written: no note.
(Sleeps that depend on nothing start up front, and then they do get the note.)"""

from openai import OpenAI
import asyncio
import runtime_shim as epic

client = OpenAI()

answer = "start"


async def main() -> None:
    global answer
    for step in range(3):
        reply = await epic.async_client(client).chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"echo: {answer} {step}"}],
        )
        answer = reply.choices[0].message.content
        await asyncio.sleep(len(answer) / 10_000)
    print(answer)


epic.run(main())

# diagnostics
# sleep_in_dependent_loop.py:12:1: note: `for step in range(3):` runs iteration by iteration: `client.chat.completions.create(...)` needs `answer`, which the loop body sets or changes, so it cannot start before the previous iteration is done (line 13: `reply = client.chat.completions.create(`)  [kept-in-order]
#     for step in range(3):
#     ^
