# Modelled on princeton-nlp/tree-of-thought-llm, src/tot/models.py
# (commit 3bc03cf11d2854f1a3d3b35714aa66ffe43844a9, MIT licence).
# Rewritten, not copied, and ported from the pre-1.0 `openai.ChatCompletion.create` (which
# the installed openai release no longer has) to the v1 client: `gpt()` wraps `chatgpt()`,
# which asks for `n` choices in chunks of at most 20, keeps global token counters, and
# `gpt_usage()` prices them; the retry decorator (the `backoff` package) is left out. A small
# driver (propose, then value each proposal) stands in for the repository's search code.
"""Models Tree-of-Thoughts' model layer: n-choice requests, chunked, with token accounting.
Shapes: `global completion_tokens, prompt_tokens` updated after each request, a `while n > 0`
chunking loop, `n=` choices, a list comprehension of value calls, usage priced at the end.
"""

import os

from openai import OpenAI

completion_tokens = prompt_tokens = 0
client = OpenAI(api_key=os.getenv("OPENAI_API_KEY", ""))


def gpt(prompt, model="gpt-4o", temperature=0.7, max_tokens=1000, n=1, stop=None):
    messages = [{"role": "user", "content": prompt}]
    return chatgpt(messages, model=model, temperature=temperature, max_tokens=max_tokens, n=n, stop=stop)


def chatgpt(messages, model="gpt-4o", temperature=0.7, max_tokens=1000, n=1, stop=None):
    global completion_tokens, prompt_tokens
    outputs = []
    while n > 0:
        cnt = min(n, 20)
        n -= cnt
        res = client.chat.completions.create(
            model=model, messages=messages, temperature=temperature, max_tokens=max_tokens, n=cnt, stop=stop
        )
        outputs.extend([choice.message.content for choice in res.choices])
        completion_tokens += res.usage.completion_tokens
        prompt_tokens += res.usage.prompt_tokens
    return outputs


def gpt_usage(backend="gpt-4o"):
    if backend == "gpt-4o":
        cost = completion_tokens / 1000 * 0.06 + prompt_tokens / 1000 * 0.03
    else:
        cost = (completion_tokens + prompt_tokens) / 1000 * 0.0002
    return {"completion_tokens": completion_tokens, "prompt_tokens": prompt_tokens, "cost": round(cost, 6)}


proposals = gpt("Input: 4 9 10 13. List possible next steps:", n=3, max_tokens=30)
values = [gpt(f"Evaluate if this step can reach 24, rate 1-10: {p}", n=2, max_tokens=5) for p in proposals]
for p, v in zip(proposals, values):
    print(p.splitlines()[0], "->", [x.split()[0] for x in v])
print(gpt_usage())
