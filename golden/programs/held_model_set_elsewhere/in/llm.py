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
