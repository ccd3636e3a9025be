# flags: run overlap=1
"""A helper that makes its own client when none is passed, used as the replacement
function of `re.sub`: `re.sub` calls it as a plain function, so `expand` stays one and
its calls stay in place. epic keeps the file as it is and says why."""

import re

from openai import OpenAI


def expand(match: re.Match, client=None) -> str:
    client = client or OpenAI()
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: {match[0]}"}]
    )
    return reply.choices[0].message.content or ""


print(re.sub(r"[a-z]+", expand, "tides, kelp and currents"))

# diagnostics
# client_default_kept.py:10:1: note: `expand` stays a plain function, its calls in place: it is used as a value, not called (line 18)  [kept-sync]
#     def expand(match: re.Match, client=None) -> str:
#     ^
