# flags: run overlap=4
"""A call under ``if`` in a loop body starts in the first loop when its condition
holds there: the condition needs only the loop variable and values the loop does not
change, so the first loop can evaluate it. Pairwise merging, as in map-reduce
summarisation: the odd one out is carried over without a request."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


summaries = ["alpha", "beta", "gamma", "delta", "omega"]
merged = []
for i in range(0, len(summaries), 2):
    if i + 1 < len(summaries):
        merged.append(ask(f"echo: {summaries[i]}+{summaries[i + 1]}"))
    else:
        merged.append(summaries[i])
    print("round", i, merged[-1])
print(merged)

# A condition on a value the loop computes from a reply stays in the second loop.
for word in ["sea", "sky"]:
    reply = ask(f"echo: {word}")
    if len(reply) > 2:
        print(ask(f"echo: more on {reply}"))

# output

"""A call under ``if`` in a loop body starts in the first loop when its condition
holds there: the condition needs only the loop variable and values the loop does not
change, so the first loop can evaluate it. Pairwise merging, as in map-reduce
summarisation: the odd one out is carried over without a request."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


summaries = ["alpha", "beta", "gamma", "delta", "omega"]


async def main() -> None:
    async with epic.scope() as tasks:
        merged = []
        reply_tasks = []
        for word in ["sea", "sky"]:
            reply_task = tasks.spawn(ask(f"echo: {word}"))
            reply_tasks.append(reply_task)
        ask_tasks = []
        for i in range(0, len(summaries), 2):
            ask_task = (
                tasks.spawn_after(
                    lambda i=i: ask(f"echo: {summaries[i]}+{summaries[i + 1]}")
                )
                if epic.holds(lambda: i + 1 < len(summaries))
                else epic.NOT_STARTED
            )
            ask_tasks.append((i, ask_task))
        for i, ask_task in ask_tasks:
            if i + 1 < len(summaries):
                merged.append(await ask_task)
            else:
                merged.append(summaries[i])
            print("round", i, merged[-1])
        print(merged)

        # A condition on a value the loop computes from a reply stays in the second loop.
        for reply_task in reply_tasks:
            reply = await reply_task
            if len(reply) > 2:
                print(await ask(f"echo: more on {reply}"))


epic.run(main())
