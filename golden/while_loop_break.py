# flags: run overlap=1
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


draft = "A cat sat."
attempts = 0
while True:
    attempts += 1
    verdict = ask(f"echo: {'ok' if attempts == 3 else 'retry'}")
    if verdict == "ok":
        break
    draft = ask(f"Improve this sentence: {draft}")
print(attempts, "attempts")
print(draft)

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


draft = "A cat sat."
attempts = 0


async def main() -> None:
    global attempts, draft
    while True:
        attempts += 1
        verdict = await ask(f"echo: {'ok' if attempts == 3 else 'retry'}")
        if verdict == "ok":
            break
        draft = await ask(f"Improve this sentence: {draft}")
    print(attempts, "attempts")
    print(draft)


epic.run(main())
