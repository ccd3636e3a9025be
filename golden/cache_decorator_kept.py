# flags: run overlap=1
"""Caches that stay sync: a bounded cache evicts by the order of its calls, which
calls started early would change; a cached function that prints prints on a miss,
and a call started early could be the one that misses."""

from functools import lru_cache

from openai import OpenAI

client = OpenAI()


@lru_cache(maxsize=2)
def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


@lru_cache(maxsize=None)
def loud(prompt):
    print("asking", prompt)
    return ask(prompt)


print([ask(f"echo: {t}") for t in ["tides", "reefs", "kelp", "tides"]])
print(loud("echo: gulls"), loud("echo: gulls"))

# diagnostics
# cache_decorator_kept.py:13:1: note: `ask` stays a plain function, its calls in place: its cache (`@lru_cache(maxsize=2)`) is bounded or typed: what it evicts depends on the order of the calls, which calls started early would change  [kept-sync]
#     def ask(prompt):
#     ^
