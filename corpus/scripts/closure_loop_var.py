"""Models a quiz generator that builds prompt functions in a loop.
Shapes: a nested function closing over the loop variable, called later (late binding!),
lambdas stored in a dict, a function returning a closure that calls the model.
"""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=9
    )
    return r.choices[0].message.content


def make_asker(level):
    def asker(topic):
        return ask(f"Write a {level} quiz question about {topic}")

    return asker


builders = {}
for level in ["easy", "hard"]:
    builders[level] = lambda topic: f"[{level}] {topic}"  # late binding: both say "hard"

askers = [make_asker(level) for level in ["easy", "medium", "hard"]]

for topic in ["volcanoes", "tides"]:
    def header():
        return f"== {topic} =="

    print(header())
    for asker in askers:
        print(" ", asker(topic))
    print("  labels:", builders["easy"](topic), builders["hard"](topic))
