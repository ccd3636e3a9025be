# flags: run overlap=4
"""A `time.sleep` that paced a loop's requests no longer does once the loop's
iterations overlap: each such sleep gets a note pointing to the concurrency cap."""

import time

from openai import OpenAI

client = OpenAI()


def ask(question):
    time.sleep(0.01)
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content


answers = []
for question in ["echo: a", "echo: b"]:
    answers.append(ask(question))
shouted = [ask(f"echo: {answer.upper()}") for answer in answers]
for question in ["echo: c", "echo: d"]:
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    )
    time.sleep(0.01)
    print(reply.choices[0].message.content)
print(answers, shouted)

# output

"""A `time.sleep` that paced a loop's requests no longer does once the loop's
iterations overlap: each such sleep gets a note pointing to the concurrency cap."""

from openai import OpenAI
import asyncio
import runtime_shim as epic

client = OpenAI()


async def ask(question):
    async with epic.scope() as tasks:
        sleep_task = tasks.spawn(asyncio.sleep(0.01))
        reply_task = tasks.spawn(
            epic.async_client(client).chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
            )
        )
        await sleep_task
        reply = await reply_task
        return reply.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        answers = []
        ask_tasks = []
        for question in ["echo: a", "echo: b"]:
            ask_task = tasks.spawn(ask(question))
            ask_tasks.append(ask_task)
        for ask_task in ask_tasks:
            answers.append(await ask_task)
        reply_tasks = []
        for question in ["echo: c", "echo: d"]:
            reply_task = tasks.spawn(
                epic.async_client(client).chat.completions.create(
                    model="gpt-4o-mini",
                    messages=[{"role": "user", "content": question}],
                )
            )
            sleep_task = tasks.spawn(asyncio.sleep(0.01))
            reply_tasks.append((reply_task, sleep_task))
        shouted = await tasks.gather(
            ask(f"echo: {answer.upper()}") for answer in answers
        )
        for reply_task, sleep_task in reply_tasks:
            reply = await reply_task
            await sleep_task
            print(reply.choices[0].message.content)
        print(answers, shouted)


epic.run(main())

# diagnostics
# sleep_in_loop_note.py:21:20: note: `ask(...)` sleeps, in a loop whose iterations now overlap: its sleep no longer spaces out the loop's requests  [rate-limit]
#         answers.append(ask(question))
#                        ^
# note: to limit the request rate, cap the calls in flight with `EPIC_MAX_CONCURRENCY=n` or `epic.set_concurrency_limit(n)`
# sleep_in_loop_note.py:22:12: note: `ask(...)` sleeps, in a loop whose iterations now overlap: its sleep no longer spaces out the loop's requests  [rate-limit]
#     shouted = [ask(f"echo: {answer.upper()}") for answer in answers]
#                ^
# note: to limit the request rate, cap the calls in flight with `EPIC_MAX_CONCURRENCY=n` or `epic.set_concurrency_limit(n)`
# sleep_in_loop_note.py:27:5: note: `time.sleep(...)` is in a loop whose iterations now overlap: it no longer spaces out the loop's requests  [rate-limit]
#         time.sleep(0.01)
#         ^
# note: to limit the request rate, cap the calls in flight with `EPIC_MAX_CONCURRENCY=n` or `epic.set_concurrency_limit(n)`
