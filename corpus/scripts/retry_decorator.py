"""Models a flaky-API wrapper: a hand-written retry decorator around the model call.
Shapes: a decorator factory with `functools.wraps`, retries on `openai.BadRequestError`
(the endpoint fails the first attempt of prompts marked `[fail-once:400]`), attempts
counted in a module-level dict.
"""

import functools
import time

import openai
from openai import OpenAI

client = OpenAI(max_retries=0)
attempts = {}


def retry(times=3, delay=0.01):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                attempts[fn.__name__] = attempts.get(fn.__name__, 0) + 1
                try:
                    return fn(*args, **kwargs)
                except openai.BadRequestError as e:
                    print(f"{fn.__name__}: attempt {attempt} failed ({e.status_code})")
                    time.sleep(delay)
            raise RuntimeError(f"{fn.__name__} failed {times} times")

        return wrapper

    return decorate


@retry(times=3)
def classify(text):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Classify the sentiment in one word: {text}"}],
        max_tokens=1,
    )
    return r.choices[0].message.content


REVIEWS = ["Loved it", "[fail-once:400] Meh, it was fine", "Never again", "[fail-once:400] Superb"]
for review in REVIEWS:
    print(review.replace("[fail-once:400] ", ""), "->", classify(review))
print("attempts:", attempts, "| wrapped name:", classify.__name__)
