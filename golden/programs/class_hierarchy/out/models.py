from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


class ModelBase:
    def __init__(self, name: str) -> None:
        self.name = name

    async def generate(self, prompt: str) -> str:
        raise NotImplementedError


class Chat(ModelBase):
    async def generate(self, prompt: str) -> str:
        reply = await epic.async_client(client).chat.completions.create(
            model=self.name, messages=[{"role": "user", "content": prompt}]
        )
        return reply.choices[0].message.content or ""


class Canned(ModelBase):
    async def generate(self, prompt: str) -> str:
        return f"canned: {prompt}"


class Mini(Chat):
    def __init__(self) -> None:
        super().__init__("gpt-4o-mini")
