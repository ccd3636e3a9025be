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
