# flags: run overlap=1
"""Functions handed to a function that keep their calls in place: ``apply`` is given
a request-making function in one call and a plain one in another (one call of ``f``
serves both, so it cannot be awaited for one of them); ``maybe`` tests its parameter
before calling it; ``each`` is given a lambda."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def tell(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def shout(text):
    return text.upper()


def apply(f, items):
    return [f(item) for item in items]


def maybe(f, item):
    return f(item) if f else item


def each(f, items):
    return [f(item) for item in items]


print(apply(ask, ["echo: tides", "echo: reefs"]), apply(shout, ["kelp"]))
print(maybe(tell, "echo: gulls"))
print(each(lambda q: q + "!", ["foam"]))

# diagnostics
# function_parameter_kept.py:11:1: note: `ask` stays a plain function, its calls in place: it is passed to `apply` (as `f`) with `shout`, which stays a plain function  [kept-sync]
#     def ask(prompt):
#     ^
# function_parameter_kept.py:19:1: note: `tell` stays a plain function, its calls in place: it is used as a value, not called (line 44)  [kept-sync]
#     def tell(prompt):
#     ^
