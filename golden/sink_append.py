# flags: run overlap=3
"""A helper that prints, asks and appends its outcome to a module-level list, called
once per line of a plan: the list is only appended to in functions (and read by the
script after the loop), so each append is made in program order, as the helper's
text is, and the calls for every line start at once."""

from openai import OpenAI

client = OpenAI()
outcomes = []


def ask(prompt):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


def carry_out(step):
    print("Step:", step)
    outcome = ask(f"echo: done {step}")
    outcomes.append(outcome)
    print("  ->", outcome)


plan = ["plan the route", "book the hall", "send the invitations"]
for step in plan:
    carry_out(step)
print(len(outcomes), "outcomes:", " | ".join(outcomes))
if "done book the hall" in outcomes:
    print("the hall is booked")

# output

"""A helper that prints, asks and appends its outcome to a module-level list, called
once per line of a plan: the list is only appended to in functions (and read by the
script after the loop), so each append is made in program order, as the helper's
text is, and the calls for every line start at once."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
outcomes = []


async def ask(prompt):
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


async def carry_out(step):
    print("Step:", step)
    outcome = await ask(f"echo: done {step}")
    epic.append_in_order(outcomes, outcome)
    print("  ->", outcome)


plan = ["plan the route", "book the hall", "send the invitations"]


async def main() -> None:
    async with epic.scope() as tasks:
        carry_out_tasks = []
        for step in plan:
            carry_out_task = tasks.spawn(carry_out(step))
            carry_out_tasks.append(carry_out_task)
        for carry_out_task in carry_out_tasks:
            await carry_out_task
        print(len(outcomes), "outcomes:", " | ".join(outcomes))
        if "done book the hall" in outcomes:
            print("the hall is booked")


epic.run(main())
