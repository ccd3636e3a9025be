"""Models a glossary lookup that memoises definitions with `functools.cache`.
Shapes: `@functools.cache` on a function making a request (nothing printed inside it),
called with repeated arguments in a `for` loop and again in a list comprehension (the
repeats served from the cache, so each distinct term is requested once), results printed.
"""

import functools

from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"


@functools.cache
def define(term, audience="engineers"):
    response = client.chat.completions.create(
        model=MODEL,
        messages=[
            {"role": "system", "content": f"Define terms for {audience} in one line."},
            {"role": "user", "content": f"echo: {term}: a {audience} term"},
        ],
        max_tokens=12,
    )
    return response.choices[0].message.content.strip()


DOC_TERMS = ["latency", "throughput", "latency", "backpressure", "jitter", "throughput", "latency"]

definitions = {}
for term in DOC_TERMS:
    definitions[term] = define(term)

print("glossary:")
for term in sorted(definitions):
    print(f"  {definitions[term]}")

# the sidebar reuses the same terms, plus one for a different audience
sidebar = [define(t) for t in ["jitter", "latency", "jitter"]]
sidebar.append(define("latency", audience="managers"))
for line in sidebar:
    print("sidebar:", line)

lengths = {term: len(define(term)) for term in DOC_TERMS}
print("longest:", max(lengths, key=lengths.get), "| distinct:", len(lengths))
