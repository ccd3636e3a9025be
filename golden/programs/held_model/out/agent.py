from llm import LLM
import runtime_shim as epic


class Agent:
    def __init__(self, llm: LLM, name: str) -> None:
        self.llm = llm
        self.name = name

    async def answer(self, question: str) -> str:
        text = await self.llm.complete(f"echo: {self.name} on {question}")
        print(f"{self.name} answered")
        return text


async def ask_all(agent: Agent, questions: list[str]) -> list[str]:
    async with epic.scope() as tasks:
        return await tasks.gather(agent.answer(q) for q in questions)
