# flags: run overlap=3
"""Token accounting in a global counter, as in Tree-of-Thoughts: the calls still start
early. Each addition is held back with its task and made where the task is awaited, in
program order, so a read of the total sees exactly the calls before it."""

from openai import OpenAI

client = OpenAI()
completion_tokens = prompt_tokens = 0


def ask(prompt):
    global completion_tokens, prompt_tokens
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    completion_tokens += response.usage.completion_tokens
    prompt_tokens += response.usage.prompt_tokens
    return response.choices[0].message.content


first = ask("echo: a first answer")
print("after one call:", completion_tokens, prompt_tokens)
answers = []
for topic in ["sea", "sky", "sand"]:
    answers.append(ask(f"echo: a line about the {topic}"))
print(answers)
print("tokens:", completion_tokens, prompt_tokens)

# output

"""Token accounting in a global counter, as in Tree-of-Thoughts: the calls still start
early. Each addition is held back with its task and made where the task is awaited, in
program order, so a read of the total sees exactly the calls before it."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
completion_tokens = prompt_tokens = 0


async def ask(prompt):
    global completion_tokens, prompt_tokens
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    epic.add_in_order(globals(), "completion_tokens", response.usage.completion_tokens)
    epic.add_in_order(globals(), "prompt_tokens", response.usage.prompt_tokens)
    return response.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        first = await ask("echo: a first answer")
        print("after one call:", completion_tokens, prompt_tokens)
        answers = []
        ask_tasks = []
        for topic in ["sea", "sky", "sand"]:
            ask_task = tasks.spawn(ask(f"echo: a line about the {topic}"))
            ask_tasks.append(ask_task)
        for ask_task in ask_tasks:
            answers.append(await ask_task)
        print(answers)
        print("tokens:", completion_tokens, prompt_tokens)


epic.run(main())
