# flags: run overlap=1
"""A wrapper class holds the object that makes the request (`self.llm = llm`), but the
script also sets `bob.llm` to something else: `self.llm` may be any object, so
`LLM.complete` stays a plain function (a sync call through the attribute could not
await it), and with it `Echo.complete`. epic keeps the file as it is and says why."""

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
    def complete(self, prompt: str) -> str:
        return f"{self.name} forwards " + self.llm.complete(prompt)

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
bob.llm = carol  # any object at all: `self.llm` may not be an `LLM`
print(alice.answer("tides"), bob.answer("reefs"), carol.answer("kelp"))

# diagnostics
# held_instance_kept.py:15:5: note: `complete` stays a plain function, its calls in place: `.complete` is used on an object epic cannot tell the class of (line 29), which a sync call would not await  [kept-sync]
#         def complete(self, prompt: str) -> str:
#         ^
