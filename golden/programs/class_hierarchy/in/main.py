from models import Canned, Chat, Mini, ModelBase


def answer(model: ModelBase, question: str) -> str:
    text = model.generate(f"echo: {question}")
    print(f"{model.name} answered")
    return text.upper()


models = [Chat("gpt-4o"), Canned("canned"), Mini(), Chat("gpt-4o")]
answers = [answer(model, f"question {i}") for i, model in enumerate(models)]
print(answers)
