# flags: run overlap=5
"""The retry loop batch scripts write most: ``for attempt in range(N)``, ``break`` on
success, and re-raise on the last attempt (``if attempt == N - 1: raise``). Its last
iteration cannot fall through, so the loop cannot run out of attempts without raising,
and ``response`` is set on every way out but an exception: the retry loop becomes a
function of its own, and every item's retries run at once. The bound may be a literal
or a module constant; ``[fail-once:400]`` makes an item's first attempt fail, and the
last item always fails, so its third attempt re-raises the error the program ends with."""

import openai
from openai import OpenAI

client = OpenAI(max_retries=0)
MAX_ATTEMPTS = 3

ITEMS = ["[fail-once:400] echo: tides", "echo: reefs", "[fail-once:400] echo: kelp"]

answers = []
for item in ITEMS:
    for attempt in range(MAX_ATTEMPTS):
        try:
            response = client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": item}]
            )
            break
        except openai.BadRequestError as e:
            if attempt == MAX_ATTEMPTS - 1:
                raise
            print("retrying", item.split()[-1], e.status_code, attempt)
    answers.append(response.choices[0].message.content)
print(answers)

for name in ["gulls", "[fail-once:400] foam", "[fail:400] sand"]:
    for attempt in range(1, 4):
        try:
            text = client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: {name}"}]
            ).choices[0].message.content
        except openai.BadRequestError:
            if attempt < 3:
                print("again", name.split()[-1])
                continue
            raise
        break
    print(name, "->", text)

# output

"""The retry loop batch scripts write most: ``for attempt in range(N)``, ``break`` on
success, and re-raise on the last attempt (``if attempt == N - 1: raise``). Its last
iteration cannot fall through, so the loop cannot run out of attempts without raising,
and ``response`` is set on every way out but an exception: the retry loop becomes a
function of its own, and every item's retries run at once. The bound may be a literal
or a module constant; ``[fail-once:400]`` makes an item's first attempt fail, and the
last item always fails, so its third attempt re-raises the error the program ends with.
"""

import openai
from openai import OpenAI
from typing import Any
import runtime_shim as epic

client = OpenAI(max_retries=0)
MAX_ATTEMPTS = 3

ITEMS = ["[fail-once:400] echo: tides", "echo: reefs", "[fail-once:400] echo: kelp"]


async def get_response(item: Any) -> Any:
    for attempt in range(MAX_ATTEMPTS):
        try:
            response = await epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": item}]
            )
            break
        except openai.BadRequestError as e:
            if attempt == MAX_ATTEMPTS - 1:
                raise
            print("retrying", item.split()[-1], e.status_code, attempt)
    return response


async def get_text(name: Any) -> Any:
    for attempt in range(1, 4):
        try:
            text = (
                (
                    await epic.async_client(client).chat.completions.create(
                        model="gpt-4o-mini",
                        messages=[{"role": "user", "content": f"echo: {name}"}],
                    )
                )
                .choices[0]
                .message.content
            )
        except openai.BadRequestError:
            if attempt < 3:
                print("again", name.split()[-1])
                continue
            raise
        break
    return text


async def main() -> None:
    async with epic.scope() as tasks:
        answers = []
        response_tasks = []
        for item in ITEMS:
            response_task = tasks.spawn(get_response(item))
            response_tasks.append(response_task)
        text_tasks = []
        for name in ["gulls", "[fail-once:400] foam", "[fail:400] sand"]:
            text_task = tasks.spawn(get_text(name))
            text_tasks.append((name, text_task))
        for response_task in response_tasks:
            response = await response_task
            answers.append(response.choices[0].message.content)
        print(answers)

        for name, text_task in text_tasks:
            text = await text_task
            print(name, "->", text)


epic.run(main())

# diagnostics
# retry_loop_reraise.py:19:5: note: `for attempt in range(MAX_ATTEMPTS):` runs iteration by iteration: `break` can end the loop early, so a later iteration's calls may not be due (line 24: `break`)  [kept-in-order]
#         for attempt in range(MAX_ATTEMPTS):
#         ^
# retry_loop_reraise.py:33:5: note: `for attempt in range(1, 4):` runs iteration by iteration: `break` can end the loop early, so a later iteration's calls may not be due (line 43: `break`)  [kept-in-order]
#         for attempt in range(1, 4):
#         ^
