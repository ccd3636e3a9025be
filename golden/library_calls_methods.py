# flags: run overlap=1
import logging

from openai import OpenAI

client = OpenAI()


class ModelHandler(logging.Handler):
    def emit(self, record):
        response = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Classify: " + record.getMessage()}],
        )
        print("log class:", response.choices[0].message.content)


class Answer:
    def __init__(self, question):
        self.question = question

    def __str__(self):
        response = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": self.question}],
        )
        return response.choices[0].message.content


log = logging.getLogger("demo")
log.addHandler(ModelHandler())
log.propagate = False
log.warning("disk almost full")
print("answer:", Answer("Name a planet."))

# diagnostics
# library_calls_methods.py:9:5: note: `emit` stays a plain function, its calls in place: its class derives from `logging.Handler`, whose code may call it  [kept-sync]
#         def emit(self, record):
#         ^
# library_calls_methods.py:21:5: note: `__str__` stays a plain function, its calls in place: Python calls `__str__` itself, and never awaits it  [kept-sync]
#         def __str__(self):
#         ^
