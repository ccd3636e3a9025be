# flags: run overlap=1
"""Inline retry loops that stay where they are. The first can end without binding
``reply`` (three failures leave the previous item's reply in place, which the line
after it would then read), so it is not a function of its own. The second counts
failures across items in ``failures``, which each item's loop reads and changes."""

import time

import openai
from openai import OpenAI

client = OpenAI(max_retries=0)

for word in ["tides", "reefs"]:
    for attempt in range(3):
        try:
            reply = client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: {word}"}]
            )
            break
        except openai.BadRequestError:
            time.sleep(0.05)
    print(reply.choices[0].message.content)

failures = 0
for word in ["kelp", "[fail-once:400] gulls"]:
    while True:
        try:
            reply = client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: {word}"}]
            )
            break
        except openai.BadRequestError:
            failures += 1
            time.sleep(0.05)
    print(reply.choices[0].message.content, failures)

# output

"""Inline retry loops that stay where they are. The first can end without binding
``reply`` (three failures leave the previous item's reply in place, which the line
after it would then read), so it is not a function of its own. The second counts
failures across items in ``failures``, which each item's loop reads and changes."""

import openai
from openai import OpenAI
import asyncio
import runtime_shim as epic

client = OpenAI(max_retries=0)


async def main() -> None:
    async with epic.scope() as tasks:
        for word in ["tides", "reefs"]:
            for attempt in range(3):
                try:
                    reply = await epic.async_client(client).chat.completions.create(
                        model="gpt-4o-mini",
                        messages=[{"role": "user", "content": f"echo: {word}"}],
                    )
                    break
                except openai.BadRequestError:
                    await asyncio.sleep(0.05)
            print(reply.choices[0].message.content)

        failures = 0
        for word in ["kelp", "[fail-once:400] gulls"]:
            while True:
                try:
                    reply = await epic.async_client(client).chat.completions.create(
                        model="gpt-4o-mini",
                        messages=[{"role": "user", "content": f"echo: {word}"}],
                    )
                    break
                except openai.BadRequestError:
                    sleep_task2 = tasks.spawn(asyncio.sleep(0.05))
                    failures += 1
                    await sleep_task2
            print(reply.choices[0].message.content, failures)


epic.run(main())

# diagnostics
# retry_loop_inline_kept.py:13:1: note: `for word in ["tides", "reefs"]:` runs iteration by iteration: its retry loop cannot become a function of its own: it can end without setting `reply`, which is read after it (a loop with no `else` that raises leaves the previous value in place) (line 14: `for attempt in range(3):`)  [kept-in-order]
#     for word in ["tides", "reefs"]:
#     ^
# retry_loop_inline_kept.py:14:5: note: `for attempt in range(3):` runs iteration by iteration: `break` can end the loop early, so a later iteration's calls may not be due (line 19: `break`)  [kept-in-order]
#         for attempt in range(3):
#         ^
# retry_loop_inline_kept.py:25:1: note: `for word in ["kelp", "[fail-once:400] gulls"]:` runs iteration by iteration: its retry loop cannot become a function of its own: it reads `failures` before setting it, and the loop body does not set it before it (a value carried from item to item) (line 26: `while True:`)  [kept-in-order]
#     for word in ["kelp", "[fail-once:400] gulls"]:
#     ^
