# flags: run overlap=0 extra=1
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


# A call made only for its side effect (warming a cache), then a real question.
# Both fail: the first one's exception (404) is the one that must escape.
ask("[fail:404] Warm up: reply with OK.")
answer = ask("[fail:400] What is the capital of Peru?")
print(answer)

# output

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
        # A call made only for its side effect (warming a cache), then a real question.
        # Both fail: the first one's exception (404) is the one that must escape.
        ask_task = tasks.spawn(ask("[fail:404] Warm up: reply with OK."))
        answer_task = tasks.spawn(ask("[fail:400] What is the capital of Peru?"))
        await ask_task
        answer = await answer_task
        print(answer)


epic.run(main())
