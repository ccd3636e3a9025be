# flags: run overlap=2 extra=1
"""A comprehension computed line by line while the answer streams fails on the line
without a number (`IndexError`): the error is kept and raised where the comprehension
stands, after the whole answer and the newline are printed, as in the original. (The
checks of the claims before that line may have been sent: a run that ends in an
exception may have sent calls that were started early.)"""

from openai import OpenAI

client = OpenAI()


def check(claim):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"verify:{claim}"}]
    )
    return reply.choices[0].message.content


stream = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "echo: 1. alpha\nno claim here\n2. beta"}],
    stream=True,
)
answer = ""
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="", flush=True)
        answer += chunk.choices[0].delta.content
print()
claims = [line.split(". ", 1)[1] for line in answer.splitlines()]
verdicts = []
for claim in claims:
    verdicts.append(check(claim))
print(verdicts)

# output

"""A comprehension computed line by line while the answer streams fails on the line
without a number (`IndexError`): the error is kept and raised where the comprehension
stands, after the whole answer and the newline are printed, as in the original. (The
checks of the claims before that line may have been sent: a run that ends in an
exception may have sent calls that were started early.)"""

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
                {"role": "user", "content": "echo: 1. alpha\nno claim here\n2. beta"}
            ],
            stream=True,
        )
        answer = ""
        check_tasks = []
        claims_ahead = epic.ahead(
            lambda lines: [line.split(". ", 1)[1] for line in lines]
        )
        lines_of_answer = epic.line_splitter(splitlines=True)
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                print(chunk.choices[0].delta.content, end="", flush=True)
                answer += chunk.choices[0].delta.content
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
        print(verdicts)


epic.run(main())
