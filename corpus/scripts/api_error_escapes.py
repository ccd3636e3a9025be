"""Models a summariser whose last request fails and whose error is not caught.
Shapes: an `openai.BadRequestError` escaping the script after output (traceback on stderr,
exit status 1), independent calls after the failing one that must not be reported.
"""

from openai import OpenAI

client = OpenAI(max_retries=0)


def summarise(text):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Summarise in six words: {text}"}],
        max_tokens=6,
    )
    return r.choices[0].message.content


DOCS = [
    "The quarterly report shows growth in all regions.",
    "The outage was caused by an expired certificate.",
    "[fail:400] This document is too long for the model.",
    "The hiring plan adds two engineers.",
]

summaries = []
for doc in DOCS:
    summaries.append(summarise(doc))
    print("summarised:", summaries[-1])
print("all done:", len(summaries))
