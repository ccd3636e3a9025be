# flags: run overlap=3 during=verify:alpha/echo:
"""A list comprehension over the lines of a streamed answer: each line's check starts
as soon as the line has arrived, and the comprehension gathers them in line order."""

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
line = "the comprehension's variable is its own"
verdicts = [check(line) for line in answer.splitlines()]
for number, verdict in enumerate(verdicts, start=1):
    print(number, verdict)
print(line)

# output

"""A list comprehension over the lines of a streamed answer: each line's check starts
as soon as the line has arrived, and the comprehension gathers them in line order."""

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
        answer_line_tasks = []
        lines_of_answer = epic.line_splitter(splitlines=True)
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                piece = chunk.choices[0].delta.content
                print(piece, end="", flush=True)
                answer += piece
                answer_line_tasks.extend(
                    [tasks.spawn(check(line)) for line in lines_of_answer.feed(answer)]
                )
        answer_line_tasks.extend(
            [tasks.spawn(check(line)) for line in lines_of_answer.end()]
        )
        print()
        verdicts = await tasks.gather(answer_line_tasks)
        line = "the comprehension's variable is its own"
        for number, verdict in enumerate(verdicts, start=1):
            print(number, verdict)
        print(line)


epic.run(main())
