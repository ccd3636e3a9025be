# flags: run overlap=2
from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"


def _chat(messages):
    response = client.chat.completions.create(model=MODEL, messages=messages)
    return response.choices[0].message.content


def ask(prompt, system="You are a helpful assistant."):
    messages = [
        {"role": "system", "content": system},
        {"role": "user", "content": prompt},
    ]
    return _chat(messages)


def translate(text, language):
    return ask(f"Translate into {language}: {text}", system="You are a translator.")


def summarize(text):
    summary = ask(f"Summarize in one sentence: {text}")
    return summary.strip()


article = "The city council approved a new bike lane network after months of debate."
summary = summarize(article)
french = translate(article, "French")
print("Summary:", summary)
print("French:", french)

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
MODEL = "gpt-4o-mini"


async def _chat(messages):
    response = await epic.async_client(client).chat.completions.create(
        model=MODEL, messages=messages
    )
    return response.choices[0].message.content


async def ask(prompt, system="You are a helpful assistant."):
    messages = [
        {"role": "system", "content": system},
        {"role": "user", "content": prompt},
    ]
    return await _chat(messages)


async def translate(text, language):
    return await ask(
        f"Translate into {language}: {text}", system="You are a translator."
    )


async def summarize(text):
    summary = await ask(f"Summarize in one sentence: {text}")
    return summary.strip()


article = "The city council approved a new bike lane network after months of debate."


async def main() -> None:
    async with epic.scope() as tasks:
        summary_task = tasks.spawn(summarize(article))
        french_task = tasks.spawn(translate(article, "French"))
        summary = await summary_task
        french = await french_task
        print("Summary:", summary)
        print("French:", french)


epic.run(main())
