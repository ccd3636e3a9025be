# flags: run overlap=2
import sys

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


if __name__ == "__main__":
    language = sys.argv[1] if len(sys.argv) > 1 else "Python"
    intro = ask(f"Explain what {language} is in two sentences.")
    history = ask(f"Give a short history of {language}.")
    print(intro)
    print(history)

# output

import sys

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
        language = sys.argv[1] if len(sys.argv) > 1 else "Python"
        intro_task = tasks.spawn(ask(f"Explain what {language} is in two sentences."))
        history_task = tasks.spawn(ask(f"Give a short history of {language}."))
        intro = await intro_task
        history = await history_task
        print(intro)
        print(history)


if __name__ == "__main__":
    epic.run(main())
