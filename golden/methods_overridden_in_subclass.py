# flags: run overlap=1
from openai import OpenAI

client = OpenAI()


class Base:
    def ask(self, prompt):
        return prompt.upper()

    # `self` may be a `Remote`: `self.ask` may run `Remote.ask`, which must then stay a
    # plain method (an async one would hand `run` a coroutine).
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

# diagnostics
# methods_overridden_in_subclass.py:17:5: note: `ask` stays a plain function, its calls in place: `.ask` is used on an object epic cannot tell the class of (line 13), which a sync call would not await  [kept-sync]
#         def ask(self, prompt):
#         ^
