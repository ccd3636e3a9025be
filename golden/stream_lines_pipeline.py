# flags: run overlap=3 during=verify:alpha/echo:
"""The lines of a streamed answer, checked after the stream: each line's check starts
as soon as that line has arrived, while the rest of the answer is still streaming. The
tokens are printed as they come; the verdicts come out in line order."""

from openai import OpenAI

client = OpenAI()


def check(claim):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"verify:{claim}"}]
    )
    return reply.choices[0].message.content


stream = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "echo: alpha\nbeta\ngamma"}],
    stream=True,
)
answer = ""
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        piece = chunk.choices[0].delta.content
        print(piece, end="", flush=True)
        answer += piece
print()
verdicts = []
for line in answer.splitlines():
    verdicts.append(check(line))
print(verdicts)

# output

"""The lines of a streamed answer, checked after the stream: each line's check starts
as soon as that line has arrived, while the rest of the answer is still streaming. The
tokens are printed as they come; the verdicts come out in line order."""

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
            messages=[{"role": "user", "content": "echo: alpha\nbeta\ngamma"}],
            stream=True,
        )
        answer = ""
        check_tasks = []
        lines_of_answer = epic.line_splitter(splitlines=True)
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                piece = chunk.choices[0].delta.content
                print(piece, end="", flush=True)
                answer += piece
                for line in lines_of_answer.feed(answer):
                    check_task = tasks.spawn(check(line))
                    check_tasks.append(check_task)
        for line in lines_of_answer.end():
            check_task = tasks.spawn(check(line))
            check_tasks.append(check_task)
        print()
        verdicts = []
        for check_task in check_tasks:
            verdicts.append(await check_task)
        print(verdicts)


epic.run(main())
