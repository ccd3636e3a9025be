"""Models a support-ticket summariser whose author wrote a retry decorator by hand.
Shapes: `def with_retries(max_attempts=3, delay=0.05)` returning a decorator that uses
`@functools.wraps(fn)`, catches `openai.BadRequestError`, prints each failure and
sleeps between attempts; two decorated helpers (`summarise`, `classify`), each called
per ticket, the first attempt of some tickets failing once (`[fail-once:400]`);
`summarise.__name__` read for the report.
"""

import functools
import time

import openai
from openai import OpenAI

client = OpenAI(max_retries=0)


def with_retries(max_attempts=3, delay=0.05):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, max_attempts + 1):
                try:
                    return fn(*args, **kwargs)
                except openai.BadRequestError as e:
                    print(f"{fn.__name__} attempt {attempt} failed: {e.status_code}")
                    if attempt == max_attempts:
                        raise
                    time.sleep(delay)
            return None

        return wrapper

    return decorate


@with_retries()
def summarise(ticket):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Summarise this ticket in five words: {ticket}"}],
        max_tokens=8,
    )
    return r.choices[0].message.content


@with_retries(max_attempts=2)
def classify(ticket):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"One word (bug/billing/other): {ticket}"}],
        max_tokens=2,
    )
    return r.choices[0].message.content


TICKETS = [
    "The export button does nothing on Firefox",
    "[fail-once:400] I was charged twice this month",
    "How do I change my avatar?",
]

report = []
for ticket in TICKETS:
    report.append((classify(ticket), summarise(ticket)))
for kind, summary in report:
    print(f"[{kind}] {summary}")
print("helpers:", summarise.__name__, classify.__name__)
