"""Models a unit-conversion explainer that caches answers with `functools.lru_cache`.
Shapes: `@functools.lru_cache(maxsize=None)` on a function calling the model, repeated
arguments served from the cache, `cache_info()` printed at the end.
"""

import functools

from openai import OpenAI

client = OpenAI()


@functools.lru_cache(maxsize=None)
def explain(unit_from, unit_to):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"How do I convert {unit_from} to {unit_to}? One sentence."}],
    )
    return r.choices[0].message.content


QUERIES = [("miles", "km"), ("celsius", "fahrenheit"), ("miles", "km"), ("cups", "ml"), ("celsius", "fahrenheit")]
for a, b in QUERIES:
    print(f"{a} -> {b}: {explain(a, b)}")
info = explain.cache_info()
print(f"hits={info.hits} misses={info.misses}")
