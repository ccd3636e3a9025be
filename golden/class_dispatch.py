# flags: run overlap=3
"""Methods that dispatch at run time over a class hierarchy: ``self.generate(...)``
in the base class and ``model.generate(...)`` on a parameter annotated with the base
class may run any subclass's ``generate``. One of them makes a request, so they all
become ``async def`` (the abstract one and the one that only computes too: awaited at
once, they run as before), with ``super().describe(...)`` and an inherited method
reached from a subclass. The requests of the three models start at once."""

from openai import OpenAI

client = OpenAI()


def chat(prompt: str) -> str:
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content or ""


class Model:
    def __init__(self, name: str) -> None:
        self.name = name

    def generate(self, prompt: str) -> str:
        raise NotImplementedError

    def describe(self, topic: str) -> str:
        return self.generate(f"echo: {topic}").upper()


class Chat(Model):
    def generate(self, prompt: str) -> str:
        return chat(prompt)


class Canned(Model):
    def generate(self, prompt: str) -> str:
        return f"canned {prompt}"


class Loud(Chat):
    def describe(self, topic: str) -> str:
        print("loud", topic)
        return super().describe(topic) + "!"


def summarise(model: Model, topic: str) -> str:
    return model.generate(f"echo: {topic}")


def shout(model: Model, topic: str) -> str:
    return model.describe(topic)


models = [Chat("a"), Canned("b"), Loud("c")]
for m in models:
    print(summarise(m, m.name))
print([shout(m, t) for m, t in zip(models, ["x", "y", "z"])])
print(Loud("d").generate("echo: inherited"))

# output

"""Methods that dispatch at run time over a class hierarchy: ``self.generate(...)``
in the base class and ``model.generate(...)`` on a parameter annotated with the base
class may run any subclass's ``generate``. One of them makes a request, so they all
become ``async def`` (the abstract one and the one that only computes too: awaited at
once, they run as before), with ``super().describe(...)`` and an inherited method
reached from a subclass. The requests of the three models start at once."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def chat(prompt: str) -> str:
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content or ""


class Model:
    def __init__(self, name: str) -> None:
        self.name = name

    async def generate(self, prompt: str) -> str:
        raise NotImplementedError

    async def describe(self, topic: str) -> str:
        return (await self.generate(f"echo: {topic}")).upper()


class Chat(Model):
    async def generate(self, prompt: str) -> str:
        return await chat(prompt)


class Canned(Model):
    async def generate(self, prompt: str) -> str:
        return f"canned {prompt}"


class Loud(Chat):
    async def describe(self, topic: str) -> str:
        print("loud", topic)
        return await super().describe(topic) + "!"


async def summarise(model: Model, topic: str) -> str:
    return await model.generate(f"echo: {topic}")


async def shout(model: Model, topic: str) -> str:
    return await model.describe(topic)


models = [Chat("a"), Canned("b"), Loud("c")]


async def main() -> None:
    async with epic.scope() as tasks:
        generate_task = tasks.spawn_after(lambda: Loud("d").generate("echo: inherited"))
        summarise_tasks = []
        for m in models:
            summarise_task = tasks.spawn_after(lambda m=m: summarise(m, m.name))
            summarise_tasks.append(summarise_task)
        for summarise_task in summarise_tasks:
            print(await summarise_task)
        print(await tasks.gather(shout(m, t) for m, t in zip(models, ["x", "y", "z"])))
        print(await generate_task)


epic.run(main())
