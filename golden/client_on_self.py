# flags: run overlap=2
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

# output

from openai import OpenAI
import runtime_shim as epic


class Assistant:
    def __init__(self, model):
        self.client = OpenAI()
        self.model = model

    async def ask(self, prompt):
        response = await epic.async_client(self.client).chat.completions.create(
            model=self.model,
            messages=[{"role": "user", "content": prompt}],
        )
        return response.choices[0].message.content


bot = Assistant("gpt-4o-mini")


async def main() -> None:
    async with epic.scope() as tasks:
        ask_task = tasks.spawn(bot.ask("What is a monad?"))
        ask_task2 = tasks.spawn(bot.ask("What is a functor?"))
        print(await ask_task)
        print(await ask_task2)


epic.run(main())
