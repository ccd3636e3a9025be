# flags: run overlap=3
"""Self-consistency: ask the same question several ways, then score every answer."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def score(answer):
    reply = ask(f"Rate this answer from 1 to 10: {answer}")
    return int(reply.split()[0])


phrasings = ["What is 17 * 3?", "Compute 17 times 3.", "Multiply seventeen by three."]
answers = [ask(p) for p in phrasings if p]
total = sum(score(a) for a in answers)
print(len(answers), "answers")
print("total score:", total)
print("best:", max(answers, key=len))

# output

"""Self-consistency: ask the same question several ways, then score every answer."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def score(answer):
    reply = await ask(f"Rate this answer from 1 to 10: {answer}")
    return int(reply.split()[0])


phrasings = ["What is 17 * 3?", "Compute 17 times 3.", "Multiply seventeen by three."]


async def main() -> None:
    async with epic.scope() as tasks:
        answers = await tasks.gather(ask(p) for p in phrasings if p)
        total = sum(await tasks.gather(score(a) for a in answers))
        print(len(answers), "answers")
        print("total score:", total)
        print("best:", max(answers, key=len))


epic.run(main())
