from openai import OpenAI

client = OpenAI()


class Assistant:
    def __init__(self, model):
        self.model = model

    def ask(self, prompt):
        response = client.chat.completions.create(
            model=self.model,
            messages=[{"role": "user", "content": prompt}],
        )
        return response.choices[0].message.content


bot = Assistant("gpt-4o-mini")
print(bot.ask("What is a monad?"))
print(bot.ask("What is a functor?"))

# diagnostics
# method_unsupported.py:10:5: warning: a method that makes external calls: the file is kept sequential  [unsupported-construct]
#         def ask(self, prompt):
#         ^
# note: epic cannot yet parallelise this construct correctly; the output is the input unchanged
