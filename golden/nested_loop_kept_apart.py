# flags: run overlap=2
"""The inner loop's calls read what the outer body builds (the story so far): each
state's proposals wait for the previous state's, though within a state they overlap."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


story = ["once"]
for state in ["calm", "storm", "dawn"]:
    for k in range(2):
        word = ask(f"echo: {' '.join(story)} {state}{k}")
        print(word)
    story.append(state)
print(" ".join(story))

# output

"""The inner loop's calls read what the outer body builds (the story so far): each
state's proposals wait for the previous state's, though within a state they overlap."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


story = ["once"]


async def main() -> None:
    async with epic.scope() as tasks:
        for state in ["calm", "storm", "dawn"]:
            word_tasks = []
            for k in range(2):
                word_task = tasks.spawn_after(
                    lambda k=k: ask(f"echo: {' '.join(story)} {state}{k}")
                )
                word_tasks.append(word_task)
            for word_task in word_tasks:
                word = await word_task
                print(word)
            story.append(state)
        print(" ".join(story))


epic.run(main())

# diagnostics
# nested_loop_kept_apart.py:18:1: note: `for state in ["calm", "storm", "dawn"]:` runs iteration by iteration: `ask(...)` needs `k`, `story`, which the loop body sets or changes, so it cannot start before the previous iteration is done (line 20: `word = ask(f"echo: {' '.join(story)} {state}{k}")`)  [kept-in-order]
#     for state in ["calm", "storm", "dawn"]:
#     ^
