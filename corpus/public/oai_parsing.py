# Modelled on openai/openai-python, examples/parsing.py
# (commit 4430b9977005f726218fb138a1c7bf6af97bbb64, Apache-2.0 licence).
# Rewritten, not copied: a maths tutor asked for a pydantic `MathResponse` through
# `chat.completions.parse`, printing the steps or the refusal. `rich.print` is replaced by
# `print` (rich is not installed), the non-`beta` method is used (this openai release has
# it), and the offline endpoint is asked to `echo:` the JSON the real model would produce.
"""Models structured outputs with pydantic: `chat.completions.parse(response_format=...)`.
Shapes: nested pydantic models, `message.parsed` vs `message.refusal`, a loop over the
parsed steps.
"""

import json
from typing import List

from openai import OpenAI
from pydantic import BaseModel


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: List[Step]
    final_answer: str


client = OpenAI()

ANSWER = {
    "steps": [
        {"explanation": "Subtract 31 from both sides.", "output": "8x = -29"},
        {"explanation": "Divide both sides by 8.", "output": "x = -29/8"},
    ],
    "final_answer": "x = -29/8",
}

completion = client.chat.completions.parse(
    model="gpt-4o-mini",
    messages=[
        {"role": "system", "content": "You are a helpful math tutor."},
        {"role": "user", "content": "solve 8x + 31 = 2 echo: " + json.dumps(ANSWER)},
    ],
    response_format=MathResponse,
)

message = completion.choices[0].message
if message.parsed:
    for step in message.parsed.steps:
        print(step)
    print("answer: ", message.parsed.final_answer)
else:
    print(message.refusal)
