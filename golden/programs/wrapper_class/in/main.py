from llm import LLM

llm = LLM()
questions = ["what is a tide", "what is a reef", "what is kelp"]
for question in questions:
    answer = llm.complete(LLM.build(question))
    print(f"{question}? {answer}")
