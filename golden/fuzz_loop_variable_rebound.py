# flags: run overlap=3
"""Found by the fuzzer: the body rebinds the loop variable before the call uses it."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


answers = []
for topic in ["tea", "rice", "salt"]:
    topic = f"echo: {topic} from the pantry"
    answers.append(ask(topic))
for topic in ["tea", "rice", "salt"]:
    reply = ask(f"echo: {topic}")
    copy = reply
    print(copy)
print(answers)

# output

"""Found by the fuzzer: the body rebinds the loop variable before the call uses it."""

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
        answers = []
        for topic in ["tea", "rice", "salt"]:
            topic = f"echo: {topic} from the pantry"
            answers.append(await ask(topic))
        reply_tasks = []
        for topic in ["tea", "rice", "salt"]:
            reply_task = tasks.spawn(ask(f"echo: {topic}"))
            reply_tasks.append(reply_task)
        for reply_task in reply_tasks:
            reply = await reply_task
            copy = reply
            print(copy)
        print(answers)


epic.run(main())

# diagnostics
# fuzz_loop_variable_rebound.py:17:1: note: `for topic in ["tea", "rice", "salt"]:` runs iteration by iteration: `ask(...)` needs `topic`, which the loop body sets or changes, so it cannot start before the previous iteration is done (line 19: `answers.append(ask(topic))`)  [kept-in-order]
#     for topic in ["tea", "rice", "salt"]:
#     ^
