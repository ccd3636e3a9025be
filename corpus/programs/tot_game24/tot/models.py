# From princeton-nlp/tree-of-thought-llm (commit ab400345c5ea39d28ea6d7d3be0e417b11113c87), MIT.
# Original path: src/tot/models.py. Ported from the pre-1.0 openai.ChatCompletion to the
# v1 client (the installed openai has no ChatCompletion); dict access became attribute access;
# max_tokens defaults to 60 (not 1000: the offline endpoint fills max_tokens words).
import os
import backoff
import openai
from openai import OpenAI

completion_tokens = prompt_tokens = 0

api_key = os.getenv("OPENAI_API_KEY", "")
if api_key == "":
    print("Warning: OPENAI_API_KEY is not set")

client = OpenAI()


@backoff.on_exception(backoff.expo, openai.OpenAIError, max_tries=3)
def completions_with_backoff(**kwargs):
    return client.chat.completions.create(**kwargs)


def gpt(prompt, model="gpt-4", temperature=0.7, max_tokens=60, n=1, stop=None) -> list:
    messages = [{"role": "user", "content": prompt}]
    return chatgpt(
        messages, model=model, temperature=temperature, max_tokens=max_tokens, n=n, stop=stop
    )


def chatgpt(messages, model="gpt-4", temperature=0.7, max_tokens=60, n=1, stop=None) -> list:
    global completion_tokens, prompt_tokens
    outputs = []
    while n > 0:
        cnt = min(n, 20)
        n -= cnt
        res = completions_with_backoff(
            model=model,
            messages=messages,
            temperature=temperature,
            max_tokens=max_tokens,
            n=cnt,
            stop=stop,
        )
        outputs.extend([choice.message.content for choice in res.choices])
        # log completion tokens
        completion_tokens += res.usage.completion_tokens
        prompt_tokens += res.usage.prompt_tokens
    return outputs


def gpt_usage(backend="gpt-4"):
    global completion_tokens, prompt_tokens
    if backend == "gpt-4":
        cost = completion_tokens / 1000 * 0.06 + prompt_tokens / 1000 * 0.03
    elif backend == "gpt-3.5-turbo":
        cost = completion_tokens / 1000 * 0.002 + prompt_tokens / 1000 * 0.0015
    return {
        "completion_tokens": completion_tokens,
        "prompt_tokens": prompt_tokens,
        "cost": round(cost, 6),
    }
