from llm import LLM
import runtime_shim as epic


async def main() -> None:
    async with epic.scope() as tasks:
        llm = LLM()
        questions = ["what is a tide", "what is a reef", "what is kelp"]
        answer_tasks = []
        for question in questions:
            answer_task = tasks.spawn_after(
                lambda question=question: llm.complete(LLM.build(question))
            )
            answer_tasks.append((question, answer_task))
        for question, answer_task in answer_tasks:
            answer = await answer_task
            print(f"{question}? {answer}")


epic.run(main())
