# flags: run overlap=3
from openai import OpenAI

client = OpenAI()


class Assistant:
    model = "gpt-4o-mini"

    @staticmethod
    def ask(prompt):
        response = client.chat.completions.create(
            model=Assistant.model, messages=[{"role": "user", "content": prompt}]
        )
        return response.choices[0].message.content

    # `cls` is the class: `cls.ask` is the static method above.
    @classmethod
    def ask_tagged(cls, prompt):
        return cls.ask(f"{prompt} ({cls.__name__})")

    def __init__(self, topic):
        self.topic = topic

    def describe(self):
        return self.ask(self.topic)


# `@staticmethod` and `@classmethod` wrap an `async def` as they wrap a plain one: the
# methods become async, and the three requests start together.
helper = Assistant("echo: three")
first = Assistant.ask("echo: one")
second = Assistant.ask_tagged("echo: two")
third = helper.describe()
print(first, second, third)

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


class Assistant:
    model = "gpt-4o-mini"

    @staticmethod
    async def ask(prompt):
        response = await epic.async_client(client).chat.completions.create(
            model=Assistant.model, messages=[{"role": "user", "content": prompt}]
        )
        return response.choices[0].message.content

    # `cls` is the class: `cls.ask` is the static method above.
    @classmethod
    async def ask_tagged(cls, prompt):
        return await cls.ask(f"{prompt} ({cls.__name__})")

    def __init__(self, topic):
        self.topic = topic

    async def describe(self):
        return await self.ask(self.topic)


# `@staticmethod` and `@classmethod` wrap an `async def` as they wrap a plain one: the
# methods become async, and the three requests start together.
helper = Assistant("echo: three")


async def main() -> None:
    async with epic.scope() as tasks:
        first_task = tasks.spawn(Assistant.ask("echo: one"))
        second_task = tasks.spawn(Assistant.ask_tagged("echo: two"))
        third_task = tasks.spawn(helper.describe())
        first = await first_task
        second = await second_task
        third = await third_task
        print(first, second, third)


epic.run(main())
