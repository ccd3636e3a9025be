from openai import OpenAI


class Assistant:
    def __init__(self, model):
        self.client = OpenAI()
        self.model = model

    def ask(self, prompt):
        response = self.client.chat.completions.create(
            model=self.model,
            messages=[{"role": "user", "content": prompt}],
        )
        return response.choices[0].message.content


bot = Assistant("gpt-4o-mini")
print(bot.ask("What is a monad?"))
print(bot.ask("What is a functor?"))
