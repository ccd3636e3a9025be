from openai import OpenAI

from . import prompts
import runtime_shim as epic


def make_client() -> OpenAI:
    return OpenAI(max_retries=0)


async def complete(client: OpenAI, prompt: str) -> str:
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


async def translate(client: OpenAI, text: str, language: str) -> str:
    return await complete(client, prompts.render(text, language))
