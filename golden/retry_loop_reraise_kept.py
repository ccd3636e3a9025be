# flags: run overlap=1
"""Retry loops that look like the re-raising kind but can run out of attempts: the
first re-raises on its second attempt of three (``attempt == 1``), so a third failure
falls through and leaves the previous word's reply for the print; the second's bound
is read at run time, so ``range(attempts)`` may be empty. Both stay inline, in order."""

import os
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
            if attempt == 1:
                raise
            time.sleep(0.05)
    print(reply.choices[0].message.content)

attempts = int(os.environ.get("ATTEMPTS", "2"))
for word in ["kelp", "[fail-once:400] gulls"]:
    for attempt in range(attempts):
        try:
            reply = client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: {word}"}]
            )
            break
        except openai.BadRequestError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05)
    print(reply.choices[0].message.content)

# output

"""Retry loops that look like the re-raising kind but can run out of attempts: the
first re-raises on its second attempt of three (``attempt == 1``), so a third failure
falls through and leaves the previous word's reply for the print; the second's bound
is read at run time, so ``range(attempts)`` may be empty. Both stay inline, in order."""

import os

import openai
from openai import OpenAI
import asyncio
import runtime_shim as epic

client = OpenAI(max_retries=0)


async def main() -> None:
    for word in ["tides", "reefs"]:
        for attempt in range(3):
            try:
                reply = await epic.async_client(client).chat.completions.create(
                    model="gpt-4o-mini",
                    messages=[{"role": "user", "content": f"echo: {word}"}],
                )
                break
            except openai.BadRequestError:
                if attempt == 1:
                    raise
                await asyncio.sleep(0.05)
        print(reply.choices[0].message.content)

    attempts = int(os.environ.get("ATTEMPTS", "2"))
    for word in ["kelp", "[fail-once:400] gulls"]:
        for attempt in range(attempts):
            try:
                reply = await epic.async_client(client).chat.completions.create(
                    model="gpt-4o-mini",
                    messages=[{"role": "user", "content": f"echo: {word}"}],
                )
                break
            except openai.BadRequestError:
                if attempt == attempts - 1:
                    raise
                await asyncio.sleep(0.05)
        print(reply.choices[0].message.content)


epic.run(main())

# diagnostics
# retry_loop_reraise_kept.py:14:1: note: `for word in ["tides", "reefs"]:` runs iteration by iteration: its retry loop cannot become a function of its own: it can end without setting `reply`, which is read after it (a loop with no `else` that raises leaves the previous value in place) (line 15: `for attempt in range(3):`)  [kept-in-order]
#     for word in ["tides", "reefs"]:
#     ^
# retry_loop_reraise_kept.py:15:5: note: `for attempt in range(3):` runs iteration by iteration: `break` can end the loop early, so a later iteration's calls may not be due (line 20: `break`)  [kept-in-order]
#         for attempt in range(3):
#         ^
# retry_loop_reraise_kept.py:28:1: note: `for word in ["kelp", "[fail-once:400] gulls"]:` runs iteration by iteration: its retry loop cannot become a function of its own: it can end without setting `reply`, which is read after it (a loop with no `else` that raises leaves the previous value in place) (line 29: `for attempt in range(attempts):`)  [kept-in-order]
#     for word in ["kelp", "[fail-once:400] gulls"]:
#     ^
# retry_loop_reraise_kept.py:29:5: note: `for attempt in range(attempts):` runs iteration by iteration: `break` can end the loop early, so a later iteration's calls may not be due (line 34: `break`)  [kept-in-order]
#         for attempt in range(attempts):
#         ^
