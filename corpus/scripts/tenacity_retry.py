"""Models a headline tagger that leans on retry libraries for its flaky model calls.
Shapes: `@tenacity.retry(stop=tenacity.stop_after_attempt(3), wait=tenacity.wait_fixed(0.05),
reraise=True)` on a function making a request, called for several prompts in a loop, one
marked `[fail-once:400]` so its first attempt fails and the retry succeeds;
`@backoff.on_exception(backoff.constant, openai.BadRequestError, max_tries=2, interval=0.05)`
on a second function whose first attempt also fails once.
"""

import backoff
import openai
import tenacity
from openai import OpenAI

client = OpenAI(max_retries=0)
MODEL = "gpt-4o-mini"


@tenacity.retry(stop=tenacity.stop_after_attempt(3), wait=tenacity.wait_fixed(0.05), reraise=True)
def tag(headline):
    r = client.chat.completions.create(
        model=MODEL,
        messages=[
            {"role": "system", "content": "Give one topic tag for the headline."},
            {"role": "user", "content": headline},
        ],
        max_tokens=3,
    )
    return r.choices[0].message.content


@backoff.on_exception(backoff.constant, openai.BadRequestError, max_tries=2, interval=0.05)
def shorten(headline):
    r = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": headline}],
        max_tokens=6,
    )
    return r.choices[0].message.content


HEADLINES = [
    "echo: sport (Local team wins the cup after 40 years)",
    "[fail-once:400] echo: economy (Central bank holds rates steady)",
    "echo: science (Probe sends first images from the ice moon)",
    "echo: culture (Museum reopens its Roman wing)",
]

tags = []
for headline in HEADLINES:
    tags.append(tag(headline))

for headline, t in zip(HEADLINES, tags):
    title = headline.split("(", 1)[1].rstrip(")")
    print(f"{t.split()[0]:>8} | {title}")

short = shorten("[fail-once:400] echo: Bank holds rates")
print("short:", short)
print("tagged", len(tags), "headlines")
