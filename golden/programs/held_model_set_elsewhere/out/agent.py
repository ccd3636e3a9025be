from llm import LLM


class Agent:
    def __init__(self, llm: LLM, name: str) -> None:
        self.llm = llm
        self.name = name

    def complete(self, prompt: str) -> str:
        return self.llm.complete(prompt)

    def answer(self, question: str) -> str:
        text = self.llm.complete(f"echo: {self.name} on {question}")
        print(f"{self.name} answered")
        return text


def ask_all(agent: Agent, questions: list[str]) -> list[str]:
    return [agent.answer(q) for q in questions]
