# flags: run overlap=1
"""As `factory_instance.py`, but one `return` of the factory returns something else (a
plain object with an `ask` of its own): what the factory returns may be anything, so
`Chat.ask` stays a plain function, and epic keeps the file as it is and says why."""

import types

from openai import OpenAI

client = OpenAI()


class Chat:
    def __init__(self, model: str) -> None:
        self.model = model

    def ask(self, question: str) -> str:
        reply = client.chat.completions.create(
            model=self.model, messages=[{"role": "user", "content": f"echo: {question}"}]
        )
        return reply.choices[0].message.content or ""


class Canned(Chat):
    def ask(self, question: str) -> str:
        return f"canned {question}"


def make_model(name: str):
    if name == "canned":
        return Canned(name)
    if name.startswith("gpt"):
        return Chat(name)
    if name == "upper":
        return types.SimpleNamespace(ask=str.upper)
    raise ValueError(f"unknown model {name}")


model = make_model("gpt-4o-mini")
print([model.ask(q) for q in ["tides", "reefs", "kelp"]])
print(make_model("canned").ask("sand"), make_model("gpt-4o").ask("kelp"))

# diagnostics
# factory_instance_kept.py:16:5: note: `ask` stays a plain function, its calls in place: `.ask` is used on an object epic cannot tell the class of (line 39), which a sync call would not await  [kept-sync]
#         def ask(self, question: str) -> str:
#         ^
