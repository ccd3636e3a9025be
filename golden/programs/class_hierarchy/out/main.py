from models import Canned, Chat, Mini, ModelBase
import runtime_shim as epic


async def answer(model: ModelBase, question: str) -> str:
    text = await model.generate(f"echo: {question}")
    print(f"{model.name} answered")
    return text.upper()


async def main() -> None:
    async with epic.scope() as tasks:
        models = [Chat("gpt-4o"), Canned("canned"), Mini(), Chat("gpt-4o")]
        answers = await tasks.gather(
            answer(model, f"question {i}") for i, model in enumerate(models)
        )
        print(answers)


epic.run(main())
