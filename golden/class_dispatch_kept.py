# flags: run overlap=1
"""A method call that dispatches over a class hierarchy awaits every method it may
run or none: here one of them, ``Canned.generate``, is also used as a value (a sort
key, which nothing awaits), so it stays a plain function, and with it every
``generate`` the call ``model.generate(...)`` may run, and the request inside one of
them. epic keeps the file as it is and says why."""

from openai import OpenAI

client = OpenAI()


class Model:
    def generate(self, prompt: str) -> str:
        raise NotImplementedError


class Chat(Model):
    def generate(self, prompt: str) -> str:
        reply = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
        )
        return reply.choices[0].message.content or ""


class Canned(Model):
    def generate(self, prompt: str) -> str:
        return prompt[::-1]


def summarise(model: Model, topic: str) -> str:
    return model.generate(f"echo: {topic}")


for model in [Chat(), Canned(), Chat()]:
    print(summarise(model, "tides"))
print(sorted(["b", "a"], key=Canned().generate))

# diagnostics
# class_dispatch_kept.py:18:5: note: `generate` stays a plain function, its calls in place: the call of `.generate` on line 31 may run `Canned.generate` instead, which stays a plain function (it is used as a value, not called (line 36))  [kept-sync]
#         def generate(self, prompt: str) -> str:
#         ^
