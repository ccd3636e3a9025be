# flags: run overlap=1
"""A class whose constructor is also reached another way: `Agent` is stored in a table
(`KINDS["agent"](...)` may pass anything to `__init__`), so epic cannot tell what
`self.llm` holds, and `LLM.complete` stays a plain function. epic keeps the file as it
is and says why."""

from openai import OpenAI

client = OpenAI()


class LLM:
    def complete(self, prompt: str) -> str:
        reply = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
        )
        return reply.choices[0].message.content or ""


class Agent:
    def __init__(self, llm):
        self.llm = llm

    def answer(self, question: str) -> str:
        return self.llm.complete(f"echo: {question}")


KINDS = {"agent": Agent}
first = Agent(LLM())
second = KINDS["agent"](LLM())
print(first.answer("tides"), second.answer("reefs"))

# diagnostics
# constructor_argument_kept.py:12:5: note: `complete` stays a plain function, its calls in place: `.complete` is used on an object epic cannot tell the class of (line 24), which a sync call would not await  [kept-sync]
#         def complete(self, prompt: str) -> str:
#         ^
