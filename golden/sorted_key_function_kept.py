# flags: run overlap=1
"""Key functions that stay sync: ``list.sort(key=f)`` sorts the list in place (it
looks empty while the keys are computed), ``max(a, b, key=f)`` compares its
arguments, and a lambda's call of ``f`` is not one the output can await."""

from openai import OpenAI

client = OpenAI()


def score(title):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: {len(title) % 3}"}],
    )
    return int(response.choices[0].message.content.split()[0])


def rate(title):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: {len(title) % 2}"}],
    )
    return int(response.choices[0].message.content.split()[0])


def grade(title):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: {len(title) % 5}"}],
    )
    return int(response.choices[0].message.content.split()[0])


drafts = ["Shipping a CLI", "Moving off Kubernetes", "My desk"]
drafts.sort(key=score)
print(drafts)
print(max("tides", "reefs", key=rate))
print(sorted(drafts, key=lambda t: -grade(t)))

# diagnostics
# sorted_key_function_kept.py:10:1: note: `score` stays a plain function, its calls in place: it is used as a value, not called (line 35)  [kept-sync]
#     def score(title):
#     ^
# sorted_key_function_kept.py:18:1: note: `rate` stays a plain function, its calls in place: it is used as a value, not called (line 37)  [kept-sync]
#     def rate(title):
#     ^
# sorted_key_function_kept.py:26:1: note: `grade` stays a plain function, its calls in place: it is called in a lambda (line 38), where nothing can await it  [kept-sync]
#     def grade(title):
#     ^
