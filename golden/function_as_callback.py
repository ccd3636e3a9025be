# flags: run overlap=3
import atexit

from openai import OpenAI

client = OpenAI()


def score(word):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Rate the word " + word}],
    )
    return len(response.choices[0].message.content)


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def goodbye():
    print("bye:", ask("Say goodbye in French."))


atexit.register(goodbye)
words = ["delta", "alpha", "charlie"]
print(sorted(words, key=score))
x = ask("Name a river.")
y = ask("Name a mountain.")
print(x, "/", y)

# output

import atexit

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def score(word):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Rate the word " + word}],
    )
    return len(response.choices[0].message.content)


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def goodbye():
    print("bye:", ask("Say goodbye in French."))


async def main() -> None:
    async with epic.scope() as tasks:
        atexit.register(goodbye)
        words = ["delta", "alpha", "charlie"]
        print(
            [
                item
                for item, _ in sorted(
                    await tasks.gather(
                        epic.keyed(item, score(item)) for item in list(words)
                    ),
                    key=lambda pair: pair[1],
                )
            ]
        )
        x = ask("Name a river.")
        y = ask("Name a mountain.")
        print(x, "/", y)


epic.run(main())

# diagnostics
# function_as_callback.py:16:1: note: `ask` stays a plain function, its calls in place: it is called in `goodbye`, which is kept sync (line 25), where nothing can await it  [kept-sync]
#     def ask(prompt):
#     ^
# function_as_callback.py:24:1: note: `goodbye` stays a plain function, its calls in place: it is used as a value, not called (line 28)  [kept-sync]
#     def goodbye():
#     ^
