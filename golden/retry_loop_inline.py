# flags: run overlap=5
"""A retry loop around each item's request, written inline in the loop body: it
becomes a function of its own (``get_response(item)``), defined before the loop, so
every item's retry loop starts at once and runs as one unit while the others run. The
results, and what the retries print, come out in program order. ``[fail-once:400]``
makes an item's first attempt fail (the client does not retry a 400 itself)."""

import time

import openai
from openai import OpenAI

client = OpenAI(max_retries=0)

ITEMS = ["[fail-once:400] echo: tides", "echo: reefs", "[fail-once:400] echo: kelp"]

answers = []
for item in ITEMS:
    while True:
        try:
            response = client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": item}]
            )
            break
        except openai.BadRequestError as e:
            print("retrying", item.split()[-1], e.status_code)
            time.sleep(0.05)
    answers.append(response.choices[0].message.content)
print(answers)

summaries = {}
for name in ["gulls", "[fail-once:400] foam"]:
    prompt = f"echo: summary of {name}"
    for attempt in range(3):
        try:
            reply = client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
            )
            text = reply.choices[0].message.content
            break
        except openai.BadRequestError:
            time.sleep(0.05)
    else:
        raise RuntimeError(f"no summary for {name}")
    summaries[name] = text
print(summaries)

# output

"""A retry loop around each item's request, written inline in the loop body: it
becomes a function of its own (``get_response(item)``), defined before the loop, so
every item's retry loop starts at once and runs as one unit while the others run. The
results, and what the retries print, come out in program order. ``[fail-once:400]``
makes an item's first attempt fail (the client does not retry a 400 itself)."""

import openai
from openai import OpenAI
from typing import Any
import asyncio
import runtime_shim as epic

client = OpenAI(max_retries=0)

ITEMS = ["[fail-once:400] echo: tides", "echo: reefs", "[fail-once:400] echo: kelp"]


async def get_response(item: Any) -> Any:
    async with epic.scope() as tasks:
        while True:
            try:
                response = await epic.async_client(client).chat.completions.create(
                    model="gpt-4o-mini", messages=[{"role": "user", "content": item}]
                )
                break
            except openai.BadRequestError as e:
                sleep_task = tasks.spawn(asyncio.sleep(0.05))
                print("retrying", item.split()[-1], e.status_code)
                await sleep_task
        return response


async def get_text(name: Any, prompt: Any) -> Any:
    for attempt in range(3):
        try:
            reply = await epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
            )
            text = reply.choices[0].message.content
            break
        except openai.BadRequestError:
            await asyncio.sleep(0.05)
    else:
        raise RuntimeError(f"no summary for {name}")
    return text


async def main() -> None:
    async with epic.scope() as tasks:
        answers = []
        response_tasks = []
        for item in ITEMS:
            response_task = tasks.spawn(get_response(item))
            response_tasks.append(response_task)
        text_tasks = []
        for name in ["gulls", "[fail-once:400] foam"]:
            prompt = f"echo: summary of {name}"
            text_task = tasks.spawn(get_text(name, prompt))
            text_tasks.append((name, text_task))
        for response_task in response_tasks:
            response = await response_task
            answers.append(response.choices[0].message.content)
        print(answers)

        summaries = {}
        for name, text_task in text_tasks:
            text = await text_task
            summaries[name] = text
        print(summaries)


epic.run(main())

# diagnostics
# retry_loop_inline.py:18:5: note: `get_response(...)` sleeps, in a loop whose iterations now overlap: its sleep no longer spaces out the loop's requests  [rate-limit]
#         while True:
#         ^
# note: to limit the request rate, cap the calls in flight with `EPIC_MAX_CONCURRENCY=n` or `epic.set_concurrency_limit(n)`
# retry_loop_inline.py:33:5: note: `for attempt in range(3):` runs iteration by iteration: the loop has an `else` clause  [kept-in-order]
#         for attempt in range(3):
#         ^
# retry_loop_inline.py:33:5: note: `get_text(...)` sleeps, in a loop whose iterations now overlap: its sleep no longer spaces out the loop's requests  [rate-limit]
#         for attempt in range(3):
#         ^
# note: to limit the request rate, cap the calls in flight with `EPIC_MAX_CONCURRENCY=n` or `epic.set_concurrency_limit(n)`
