# flags: run overlap=1
from openai import OpenAI

client = OpenAI()


class Shelf:
    def __init__(self, topic):
        self.topic = topic

    # A property is read, not called: it stays a plain method.
    @property
    def title(self):
        answer = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": self.topic}]
        )
        return answer.choices[0].message.content

    # Passed to `sorted` as a key, which calls it and never awaits it.
    @staticmethod
    def weight(text):
        answer = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": text}]
        )
        return len(answer.choices[0].message.content)

    # Called through a subclass, which inherits it: it becomes async.
    @classmethod
    def label(cls, text):
        answer = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: {text}"}]
        )
        return f"{cls.__name__}: {answer.choices[0].message.content}"


class Box(Shelf):
    pass


print(Shelf("echo: tea").title)
print(sorted(["echo: aa", "echo: b"], key=Shelf.weight))
print(Box.label("cup"))

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


class Shelf:
    def __init__(self, topic):
        self.topic = topic

    # A property is read, not called: it stays a plain method.
    @property
    def title(self):
        answer = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": self.topic}]
        )
        return answer.choices[0].message.content

    # Passed to `sorted` as a key, which calls it and never awaits it.
    @staticmethod
    def weight(text):
        answer = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": text}]
        )
        return len(answer.choices[0].message.content)

    # Called through a subclass, which inherits it: it becomes async.
    @classmethod
    async def label(cls, text):
        answer = await epic.async_client(client).chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: {text}"}]
        )
        return f"{cls.__name__}: {answer.choices[0].message.content}"


class Box(Shelf):
    pass


async def main() -> None:
    print(Shelf("echo: tea").title)
    print(sorted(["echo: aa", "echo: b"], key=Shelf.weight))
    print(await Box.label("cup"))


epic.run(main())

# diagnostics
# methods_decorated_kept.py:12:5: note: `title` stays a plain function, its calls in place: it is decorated (`@property`), and the decorator expects a plain function  [kept-sync]
#         def title(self):
#         ^
# methods_decorated_kept.py:20:5: note: `weight` stays a plain function, its calls in place: it is used as a value, not called (line 40)  [kept-sync]
#         def weight(text):
#         ^
