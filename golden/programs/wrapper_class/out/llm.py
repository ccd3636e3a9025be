from dataclasses import dataclass

from openai import OpenAI
import runtime_shim as epic


@dataclass
class Prompt:
    system: str
    user: str

    def messages(self) -> list[dict[str, str]]:
        return [
            {"role": "system", "content": self.system},
            {"role": "user", "content": self.user},
        ]


class LLM:
    def __init__(self, model: str = "gpt-4o-mini") -> None:
        self.client = OpenAI()
        self.model = model

    @staticmethod
    def build(question: str) -> Prompt:
        return Prompt(system="You answer briefly.", user=f"echo: {question}")

    async def complete(self, prompt: Prompt) -> str:
        response = await epic.async_client(self.client).chat.completions.create(
            model=self.model, messages=prompt.messages()
        )
        return response.choices[0].message.content
