# flags: run overlap=3 during=verify:alpha/echo:
"""Claims taken from a streamed answer by a comprehension (only the numbered lines,
each without its number), then checked one by one: the comprehension is computed line by
line while the answer streams (`epic.ahead`), so each claim's check starts as soon as
its line has arrived. Its value is taken where it stood; the verdicts come out in order."""

from openai import OpenAI

client = OpenAI()


def check(claim):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"verify:{claim}"}]
    )
    return reply.choices[0].message.content


stream = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "echo: 1. alpha\nno claim here\n2. beta\n3. gamma"}],
    stream=True,
)
answer = ""
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        piece = chunk.choices[0].delta.content
        print(piece, end="", flush=True)
        answer += piece
print()
claims = [line.split(". ", 1)[1] for line in answer.splitlines() if ". " in line]
verdicts = []
for claim in claims:
    verdicts.append(check(claim))
print(len(claims), "claims:", verdicts)

# output

"""Claims taken from a streamed answer by a comprehension (only the numbered lines,
each without its number), then checked one by one: the comprehension is computed line by
line while the answer streams (`epic.ahead`), so each claim's check starts as soon as
its line has arrived. Its value is taken where it stood; the verdicts come out in order.
"""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def check(claim):
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"verify:{claim}"}]
    )
    return reply.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        stream = await epic.async_client(client).chat.completions.create(
            model="gpt-4o-mini",
            messages=[
                {
                    "role": "user",
                    "content": "echo: 1. alpha\nno claim here\n2. beta\n3. gamma",
                }
            ],
            stream=True,
        )
        answer = ""
        check_tasks = []
        claims_ahead = epic.ahead(
            lambda lines: [line.split(". ", 1)[1] for line in lines if ". " in line]
        )
        lines_of_answer = epic.line_splitter(splitlines=True)
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                piece = chunk.choices[0].delta.content
                print(piece, end="", flush=True)
                answer += piece
                for line2 in lines_of_answer.feed(answer):
                    for claim in claims_ahead.add(line2):
                        check_task = tasks.spawn(check(claim))
                        check_tasks.append(check_task)
        for line2 in lines_of_answer.end():
            for claim in claims_ahead.add(line2):
                check_task = tasks.spawn(check(claim))
                check_tasks.append(check_task)
        print()
        claims = claims_ahead.result()
        verdicts = []
        for check_task in check_tasks:
            verdicts.append(await check_task)
        print(len(claims), "claims:", verdicts)


epic.run(main())
