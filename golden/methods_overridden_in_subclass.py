# flags: run overlap=1
from openai import OpenAI

client = OpenAI()


class Base:
    def ask(self, prompt):
        return prompt.upper()

    # `self` may be a `Remote`: `self.ask` may run `Remote.ask`, which makes a request,
    # so `Base.ask` becomes async too (awaited at once, it computes as before).
    def run(self, prompt):
        return self.ask(prompt)


class Remote(Base):
    def ask(self, prompt):
        response = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
        )
        return response.choices[0].message.content


print(Remote().run("echo: one"))
print(Base().run("echo: two"))

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


class Base:
    async def ask(self, prompt):
        return prompt.upper()

    # `self` may be a `Remote`: `self.ask` may run `Remote.ask`, which makes a request,
    # so `Base.ask` becomes async too (awaited at once, it computes as before).
    async def run(self, prompt):
        return await self.ask(prompt)


class Remote(Base):
    async def ask(self, prompt):
        response = await epic.async_client(client).chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
        )
        return response.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        run_task = tasks.spawn_after(lambda: Remote().run("echo: one"))
        run_task2 = tasks.spawn_after(lambda: Base().run("echo: two"))

        print(await run_task)
        print(await run_task2)


epic.run(main())
