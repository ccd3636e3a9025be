# flags: run overlap=1
"""A ``map`` consumed item by item (here by a ``for`` loop that prints between calls)
is a generator nothing can gather: ``ask`` stays a plain function and the file comes
back as written, ``map`` and all."""

from openai import OpenAI

client = OpenAI()


def ask(topic):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: one line on {topic}"}],
    )
    return response.choices[0].message.content


for summary in map(ask, ["tides", "reefs"]):
    print("->", summary)

# diagnostics
# map_function_kept.py:10:1: note: `ask` stays a plain function, its calls in place: it is used as a value, not called (line 18)  [kept-sync]
#     def ask(topic):
#     ^
