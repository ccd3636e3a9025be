# flags: run overlap=2
"""A computation started in a task from a loop's pending values raises where the
second loop reaches it, in program order: the first topic's line is printed, then the
second topic's reply of three words fails to unpack into two names with Python's own
message. A computation no early call needs (``shout``) stays in the second loop."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


for topic in ["sea wind", "sky has stars"]:
    reply = ask(f"echo: {topic}")
    head, tail = reply.split()
    shout = reply.upper()
    detail = ask(f"echo: {tail} after {head}")
    print(topic, "->", detail, shout)

# output

"""A computation started in a task from a loop's pending values raises where the
second loop reaches it, in program order: the first topic's line is printed, then the
second topic's reply of three words fails to unpack into two names with Python's own
message. A computation no early call needs (``shout``) stays in the second loop."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        reply_tasks = []
        for topic in ["sea wind", "sky has stars"]:
            reply_task = tasks.spawn(ask(f"echo: {topic}"))
            head_tail_task = tasks.spawn_after(
                lambda reply: reply.split(), reply_task, unpack=2
            )
            detail_task = tasks.spawn_after(
                lambda head, tail: ask(f"echo: {tail} after {head}"),
                epic.spread(head_tail_task),
            )
            reply_tasks.append((topic, reply_task, head_tail_task, detail_task))
        for topic, reply_task, head_tail_task, detail_task in reply_tasks:
            reply = await reply_task
            head, tail = await head_tail_task
            shout = reply.upper()
            detail = await detail_task
            print(topic, "->", detail, shout)


epic.run(main())
