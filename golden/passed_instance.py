# flags: run overlap=4
"""A function whose parameter is not annotated, every call of which passes it an
instance of one class: `translator` is a `Translator`, so `translator.translate(...)` is
a call of `Translator.translate`: the comprehension's three requests and the last
line's start at once."""

from openai import OpenAI

client = OpenAI()


class Translator:
    def __init__(self, language: str) -> None:
        self.language = language

    def translate(self, text: str) -> str:
        reply = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"echo: {text} in {self.language}"}],
        )
        return reply.choices[0].message.content or ""


def translate_all(translator, texts):
    return [translator.translate(text) for text in texts]


french = Translator("French")
print(translate_all(french, ["tides", "reefs", "kelp"]))
print(translate_all(Translator("Welsh"), ["sand"]))

# output

"""A function whose parameter is not annotated, every call of which passes it an
instance of one class: `translator` is a `Translator`, so `translator.translate(...)` is
a call of `Translator.translate`: the comprehension's three requests and the last
line's start at once."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


class Translator:
    def __init__(self, language: str) -> None:
        self.language = language

    async def translate(self, text: str) -> str:
        reply = await epic.async_client(client).chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"echo: {text} in {self.language}"}],
        )
        return reply.choices[0].message.content or ""


async def translate_all(translator, texts):
    async with epic.scope() as tasks:
        return await tasks.gather(translator.translate(text) for text in texts)


french = Translator("French")


async def main() -> None:
    async with epic.scope() as tasks:
        translate_all_task = tasks.spawn(
            translate_all(french, ["tides", "reefs", "kelp"])
        )
        translate_all_task2 = tasks.spawn_after(
            lambda: translate_all(Translator("Welsh"), ["sand"])
        )
        print(await translate_all_task)
        print(await translate_all_task2)


epic.run(main())
