"""Models a meeting-notes tool built on a small `LLM` wrapper class.
Shapes: a class holding `self.client = OpenAI()` and `self.model`, methods calling each
other (`summarise` -> `complete`), an instance at module level, a running call counter
kept on the instance.
"""

from openai import OpenAI


class LLM:
    def __init__(self, model="gpt-4o-mini", temperature=0.2):
        self.client = OpenAI()
        self.model = model
        self.temperature = temperature
        self.calls = 0

    def complete(self, prompt, max_tokens=None):
        self.calls += 1
        response = self.client.chat.completions.create(
            model=self.model,
            temperature=self.temperature,
            messages=[{"role": "user", "content": prompt}],
            max_tokens=max_tokens,
        )
        return response.choices[0].message.content

    def summarise(self, text):
        return self.complete(f"Summarise in one sentence: {text}")

    def action_items(self, text):
        return self.complete(f"List the action items in: {text}").splitlines()


MEETINGS = {
    "standup": "Ana finished the parser. Ben is blocked on CI. Cleo will review PR 42.",
    "planning": "We agreed to ship v2 in May. Dan owns the migration guide.",
    "retro": "Deploys were slow. We will cache docker layers and pin the base image.",
}

llm = LLM()
for name, notes in MEETINGS.items():
    print(f"== {name} ==")
    print(llm.summarise(notes))
    for item in llm.action_items(notes):
        print("  [ ]", item)
print(f"{llm.calls} model calls")
