# flags: run overlap=2
"""A wrapper class holds the object that makes the request: `self.llm = llm`, from a
parameter annotated with `LLM`, is the only write of an attribute `llm` in the script,
so `self.llm.complete(...)` is a call of `LLM.complete` or of a subclass's override
(`Echo.complete`), made async together. The two requests (`Echo` makes none) start at once."""

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


class Echo(LLM):
    def complete(self, prompt: str) -> str:
        return prompt


class Agent:
    def __init__(self, llm: LLM, name: str) -> None:
        self.llm = llm
        self.name = name

    def answer(self, question: str) -> str:
        text = self.llm.complete(f"echo: {self.name} on {question}")
        print(f"{self.name} answered")
        return text


alice = Agent(LLM("gpt-4o-mini"), "alice")
bob = Agent(Echo("none"), "bob")
carol = Agent(LLM("gpt-4o"), "carol")
print(alice.answer("tides"), bob.answer("reefs"), carol.answer("kelp"))

# output

"""A wrapper class holds the object that makes the request: `self.llm = llm`, from a
parameter annotated with `LLM`, is the only write of an attribute `llm` in the script,
so `self.llm.complete(...)` is a call of `LLM.complete` or of a subclass's override
(`Echo.complete`), made async together. The two requests (`Echo` makes none) start at once.
"""

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


class Echo(LLM):
    async def complete(self, prompt: str) -> str:
        return prompt


class Agent:
    def __init__(self, llm: LLM, name: str) -> None:
        self.llm = llm
        self.name = name

    async def answer(self, question: str) -> str:
        text = await self.llm.complete(f"echo: {self.name} on {question}")
        print(f"{self.name} answered")
        return text


alice = Agent(LLM("gpt-4o-mini"), "alice")
bob = Agent(Echo("none"), "bob")
carol = Agent(LLM("gpt-4o"), "carol")


async def main() -> None:
    async with epic.scope() as tasks:
        answer_task2 = tasks.spawn(bob.answer("reefs"))
        answer_task3 = tasks.spawn(carol.answer("kelp"))
        print(await alice.answer("tides"), await answer_task2, await answer_task3)


epic.run(main())
