# flags: run overlap=4
"""Objects handed to a constructor without an annotation: `Agent(llm, name)` where every
`Agent(...)` passes an instance of `LLM` (or of a subclass) makes `self.llm` one, and
`Bot(client)` passing the script's client makes `self.client` a client. Every reference
to `Agent` and `Bot` is such a call, so `__init__` sees no other arguments; the
requests start at once."""

from openai import OpenAI

client = OpenAI()


class LLM:
    def __init__(self, model: str) -> None:
        self.model = model

    def complete(self, prompt: str) -> str:
        reply = client.chat.completions.create(
            model=self.model, messages=[{"role": "user", "content": prompt}]
        )
        return reply.choices[0].message.content or ""


class Mini(LLM):
    def complete(self, prompt: str) -> str:
        return "mini: " + super().complete(prompt)


class Agent:
    def __init__(self, llm, name):
        self.llm = llm
        self.name = name

    def answer(self, question: str) -> str:
        return f"{self.name}: " + self.llm.complete(f"echo: {question}")


class Bot:
    def __init__(self, client):
        self.client = client

    def say(self, text: str) -> str:
        reply = self.client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: {text}"}]
        )
        return reply.choices[0].message.content or ""


models = [LLM("gpt-4o-mini"), Mini("gpt-4o-mini")]
agents = [Agent(m, f"agent{i}") for i, m in enumerate(models)]
bot = Bot(client)
print(agents[0].answer("tides"), agents[1].answer("reefs"))
print(bot.say("kelp"), bot.say("currents"))

# output

"""Objects handed to a constructor without an annotation: `Agent(llm, name)` where every
`Agent(...)` passes an instance of `LLM` (or of a subclass) makes `self.llm` one, and
`Bot(client)` passing the script's client makes `self.client` a client. Every reference
to `Agent` and `Bot` is such a call, so `__init__` sees no other arguments; the
requests start at once."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


class LLM:
    def __init__(self, model: str) -> None:
        self.model = model

    async def complete(self, prompt: str) -> str:
        reply = await epic.async_client(client).chat.completions.create(
            model=self.model, messages=[{"role": "user", "content": prompt}]
        )
        return reply.choices[0].message.content or ""


class Mini(LLM):
    async def complete(self, prompt: str) -> str:
        return "mini: " + await super().complete(prompt)


class Agent:
    def __init__(self, llm, name):
        self.llm = llm
        self.name = name

    async def answer(self, question: str) -> str:
        return f"{self.name}: " + await self.llm.complete(f"echo: {question}")


class Bot:
    def __init__(self, client):
        self.client = client

    async def say(self, text: str) -> str:
        reply = await epic.async_client(self.client).chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: {text}"}]
        )
        return reply.choices[0].message.content or ""


models = [LLM("gpt-4o-mini"), Mini("gpt-4o-mini")]
agents = [Agent(m, f"agent{i}") for i, m in enumerate(models)]
bot = Bot(client)


async def main() -> None:
    async with epic.scope() as tasks:
        answer_task = tasks.spawn_after(lambda: agents[0].answer("tides"))
        answer_task2 = tasks.spawn_after(lambda: agents[1].answer("reefs"))
        say_task = tasks.spawn(bot.say("kelp"))
        say_task2 = tasks.spawn(bot.say("currents"))
        print(await answer_task, await answer_task2)
        print(await say_task, await say_task2)


epic.run(main())
