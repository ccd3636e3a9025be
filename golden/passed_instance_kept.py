# flags: run overlap=1
"""As `passed_instance.py`, but one call passes an object of another kind (a
`SimpleNamespace` whose `translate` is a plain function): `translator` may be anything,
so `Translator.translate` stays a plain function, and epic keeps the file as it is and
says why."""

import types

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
print(translate_all(types.SimpleNamespace(translate=str.upper), ["sand"]))

# diagnostics
# passed_instance_kept.py:17:5: note: `translate` stays a plain function, its calls in place: `.translate` is used on an object epic cannot tell the class of (line 26), which a sync call would not await  [kept-sync]
#         def translate(self, text: str) -> str:
#         ^
