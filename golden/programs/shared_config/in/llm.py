from openai import OpenAI

from settings import CONFIG

client = OpenAI()


def ask(question):
    reply = client.chat.completions.create(
        model=CONFIG["model"],
        messages=[{"role": "user", "content": CONFIG["prefix"] + question}],
    )
    return reply.choices[0].message.content
