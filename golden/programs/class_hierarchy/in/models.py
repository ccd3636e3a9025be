from openai import OpenAI

client = OpenAI()


class ModelBase:
    def __init__(self, name: str) -> None:
        self.name = name

    def generate(self, prompt: str) -> str:
        raise NotImplementedError


class Chat(ModelBase):
    def generate(self, prompt: str) -> str:
        reply = client.chat.completions.create(
            model=self.name, messages=[{"role": "user", "content": prompt}]
        )
        return reply.choices[0].message.content or ""


class Canned(ModelBase):
    def generate(self, prompt: str) -> str:
        return f"canned: {prompt}"


class Mini(Chat):
    def __init__(self) -> None:
        super().__init__("gpt-4o-mini")
