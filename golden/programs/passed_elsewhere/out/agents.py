from openai import OpenAI

client = OpenAI()


class LLM:
    def complete(self, prompt):
        reply = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
        )
        return reply.choices[0].message.content


class Agent:
    def __init__(self, llm):
        self.llm = llm

    def answer(self, question):
        return self.llm.complete("echo: " + question)


def run(model, question):
    return model.complete("echo: " + question)


def ask_all(questions):
    agent = Agent(LLM())
    return [agent.answer(q) for q in questions] + [run(LLM(), q) for q in questions]
