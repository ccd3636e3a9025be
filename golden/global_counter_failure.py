# flags: run overlap=2 extra=1
"""A call that was started early but never reached, because an earlier one failed,
adds nothing to the counter: its addition was held back with its task, and the task
was cancelled. The handler sees the total of the calls the original made."""

from openai import OpenAI

client = OpenAI()
used = 0


def ask(prompt):
    global used
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    used += response.usage.total_tokens
    return response.choices[0].message.content


try:
    one = ask("echo: one")
    two = ask("[latency:0.2] [fail:400] two")
    three = ask("echo: three")
    print(one, two, three)
except Exception as error:
    print("failed:", type(error).__name__)
print("tokens used:", used)

# output

"""A call that was started early but never reached, because an earlier one failed,
adds nothing to the counter: its addition was held back with its task, and the task
was cancelled. The handler sees the total of the calls the original made."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
used = 0


async def ask(prompt):
    global used
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    epic.add_in_order(globals(), "used", response.usage.total_tokens)
    return response.choices[0].message.content


async def main() -> None:
    try:
        async with epic.scope() as inner_tasks:
            one_task = inner_tasks.spawn(ask("echo: one"))
            two_task = inner_tasks.spawn(ask("[latency:0.2] [fail:400] two"))
            three_task = inner_tasks.spawn(ask("echo: three"))
            one = await one_task
            two = await two_task
            three = await three_task
            print(one, two, three)
    except Exception as error:
        print("failed:", type(error).__name__)
    print("tokens used:", used)


epic.run(main())
