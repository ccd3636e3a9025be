"""Models a definition lookup with a hand-rolled memo cache keyed by the prompt.
Shapes: a module-level `CACHE = {}`, `if prompt in CACHE: return CACHE[prompt]`, cache
filled by the helper, duplicates in the input, `len(CACHE)` reported.
"""

from openai import OpenAI

client = OpenAI()
CACHE = {}


def cached_ask(prompt):
    if prompt in CACHE:
        return CACHE[prompt]
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=7
    )
    answer = r.choices[0].message.content
    CACHE[prompt] = answer
    return answer


TERMS = ["latency", "throughput", "latency", "jitter", "throughput", "bandwidth"]
for term in TERMS:
    print(f"{term}: {cached_ask(f'Define {term} briefly')}")
print(f"{len(CACHE)} distinct prompts for {len(TERMS)} lookups")
