"""Models a cost tracker: global token counters and a call log updated by the helper.
Shapes: `global prompt_tokens, completion_tokens`, `calls += 1`, a module-level list the
helper appends to, a cost computed from the counters after a fan-out of calls.
"""

from openai import OpenAI

client = OpenAI()
prompt_tokens = 0
completion_tokens = 0
calls = 0
log = []


def ask(prompt):
    global prompt_tokens, completion_tokens, calls
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    prompt_tokens += r.usage.prompt_tokens
    completion_tokens += r.usage.completion_tokens
    calls += 1
    log.append(prompt[:20])
    return r.choices[0].message.content


CITIES = ["Oslo", "Lima", "Hanoi", "Accra"]
facts = [ask(f"A surprising fact about {city}") for city in CITIES]
for city, fact in zip(CITIES, facts):
    print(f"{city}: {fact}")
print(f"after facts: {calls} calls, {prompt_tokens}+{completion_tokens} tokens")
extra = ask("A surprising fact about the number seven")
print(extra)
cost = prompt_tokens * 0.15 / 1e6 + completion_tokens * 0.6 / 1e6
print(f"{calls} calls, cost ${cost:.8f}")
print(log)
