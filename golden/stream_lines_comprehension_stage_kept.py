# flags: run overlap=2
"""A comprehension over a streamed answer's lines that is not computed ahead, each for a
reason: its element reads a name bound after the stream (`prefix`: it does not exist
yet while the answer streams), or the list changes before the loop (`claims.sort()`).
The checks start once the loop is reached."""

from openai import OpenAI

client = OpenAI()


def check(claim):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"verify:{claim}"}]
    )
    return reply.choices[0].message.content


def streamed(prompt):
    stream = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], stream=True
    )
    text = ""
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            text += chunk.choices[0].delta.content
    return text


answer = ""
for piece in ["1. alpha\n", "2. beta\n"]:
    answer += streamed(f"echo: {piece}")
prefix = "claim:"
claims = [prefix + line for line in answer.splitlines() if line]
verdicts = []
for claim in claims:
    verdicts.append(check(claim))
print(verdicts)
ordered = [line for line in answer.splitlines() if line]
ordered.sort()
for claim in ordered:
    verdicts.append(check(claim))
print(verdicts)

# output

"""A comprehension over a streamed answer's lines that is not computed ahead, each for a
reason: its element reads a name bound after the stream (`prefix`: it does not exist
yet while the answer streams), or the list changes before the loop (`claims.sort()`).
The checks start once the loop is reached."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def check(claim):
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"verify:{claim}"}]
    )
    return reply.choices[0].message.content


async def streamed(prompt):
    stream = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], stream=True
    )
    text = ""
    async for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            text += chunk.choices[0].delta.content
    return text


answer = ""


async def main() -> None:
    global answer
    async with epic.scope() as tasks:
        streamed_tasks = []
        for piece in ["1. alpha\n", "2. beta\n"]:
            streamed_task = tasks.spawn(streamed(f"echo: {piece}"))
            streamed_tasks.append(streamed_task)
        for streamed_task in streamed_tasks:
            answer += await streamed_task
        prefix = "claim:"
        claims = [prefix + line for line in answer.splitlines() if line]
        verdicts = []
        check_tasks = []
        for claim in claims:
            check_task = tasks.spawn(check(claim))
            check_tasks.append(check_task)
        for check_task in check_tasks:
            verdicts.append(await check_task)
        print(verdicts)
        ordered = [line for line in answer.splitlines() if line]
        ordered.sort()
        check_tasks2 = []
        for claim in ordered:
            check_task2 = tasks.spawn(check(claim))
            check_tasks2.append(check_task2)
        for check_task2 in check_tasks2:
            verdicts.append(await check_task2)
        print(verdicts)


epic.run(main())
