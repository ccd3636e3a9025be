from openai import OpenAI

from . import prompts


def make_client() -> OpenAI:
    return OpenAI(max_retries=0)


def complete(client: OpenAI, prompt: str) -> str:
    response = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


def translate(client: OpenAI, text: str, language: str) -> str:
    return complete(client, prompts.render(text, language))
