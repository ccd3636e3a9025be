# flags: run overlap=1
"""A parameter is a client only when every call passes one: here one call passes an
object epic cannot tell is a client (made through ``getattr``), so the helper's
requests stay as they are; so do those of a helper that rebinds its parameter."""

import openai
from openai import OpenAI


def ask(client, prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def ask_fresh(client, prompt):
    client = client.with_options(timeout=30)
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


client = OpenAI()
other = getattr(openai, "OpenAI")()
print(ask(client, "echo: tides"), ask(other, "echo: reefs"))
print(ask_fresh(client, "echo: kelp"))
