# flags: run overlap=3 extra=1
"""A call whose argument may raise (`words[-1]` of an empty list) still starts early:
the argument is evaluated inside the task, so the IndexError surfaces where the
sequential program raises it, after the earlier iterations have printed."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


phrases = [["a", "calm", "sea"], ["the", "sun"], [], ["long", "boat"]]
for words in phrases:
    reply = ask(f"echo: {words[-1]}")
    print(len(words), reply)
print("never printed")

# output

"""A call whose argument may raise (`words[-1]` of an empty list) still starts early:
the argument is evaluated inside the task, so the IndexError surfaces where the
sequential program raises it, after the earlier iterations have printed."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


phrases = [["a", "calm", "sea"], ["the", "sun"], [], ["long", "boat"]]


async def main() -> None:
    async with epic.scope() as tasks:
        reply_tasks = []
        for words in phrases:
            reply_task = tasks.spawn_after(
                lambda words=words: ask(f"echo: {words[-1]}")
            )
            reply_tasks.append((words, reply_task))
        for words, reply_task in reply_tasks:
            reply = await reply_task
            print(len(words), reply)
        print("never printed")


epic.run(main())
