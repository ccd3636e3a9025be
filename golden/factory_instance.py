# flags: run overlap=4
"""A factory function every `return` of which returns an instance of `Chat` or of its
subclass `Canned` (the last line raises): what it returns is a `Chat` or a subclass's
instance, so `model.ask(...)` and `make_model("canned").ask(...)` are calls of
`Chat.ask` or `Canned.ask`, made async together. The factory's call is evaluated
inside the task that starts early (it may raise: then where the original raised)."""

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
    raise ValueError(f"unknown model {name}")


model = make_model("gpt-4o-mini")
print([model.ask(q) for q in ["tides", "reefs", "kelp"]])
print(make_model("canned").ask("sand"), make_model("gpt-4o").ask("kelp"))

# output

"""A factory function every `return` of which returns an instance of `Chat` or of its
subclass `Canned` (the last line raises): what it returns is a `Chat` or a subclass's
instance, so `model.ask(...)` and `make_model("canned").ask(...)` are calls of
`Chat.ask` or `Canned.ask`, made async together. The factory's call is evaluated
inside the task that starts early (it may raise: then where the original raised)."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


class Chat:
    def __init__(self, model: str) -> None:
        self.model = model

    async def ask(self, question: str) -> str:
        reply = await epic.async_client(client).chat.completions.create(
            model=self.model,
            messages=[{"role": "user", "content": f"echo: {question}"}],
        )
        return reply.choices[0].message.content or ""


class Canned(Chat):
    async def ask(self, question: str) -> str:
        return f"canned {question}"


def make_model(name: str):
    if name == "canned":
        return Canned(name)
    if name.startswith("gpt"):
        return Chat(name)
    raise ValueError(f"unknown model {name}")


model = make_model("gpt-4o-mini")


async def main() -> None:
    async with epic.scope() as tasks:
        ask_task = tasks.spawn_after(lambda: make_model("canned").ask("sand"))
        ask_task2 = tasks.spawn_after(lambda: make_model("gpt-4o").ask("kelp"))
        print(await tasks.gather(model.ask(q) for q in ["tides", "reefs", "kelp"]))
        print(await ask_task, await ask_task2)


epic.run(main())
