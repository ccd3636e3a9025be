from openai import OpenAI

from settings import CONFIG
import runtime_shim as epic

client = OpenAI()


async def ask(question):
    reply = await epic.async_client(client).chat.completions.create(
        model=CONFIG["model"],
        messages=[{"role": "user", "content": CONFIG["prefix"] + question}],
    )
    return reply.choices[0].message.content
