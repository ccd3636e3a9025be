"""Models a moderation queue that survives API errors and reports them.
Shapes: `except openai.BadRequestError as e` / `openai.NotFoundError` / `openai.APIError`
reading `e.status_code` and `e.message`, a failed item among good ones (the endpoint fails
prompts marked `[fail:400]` / `[fail:404]`), a summary of failures at the end.
"""

import openai
from openai import OpenAI

client = OpenAI(max_retries=0)

POSTS = [
    "Great tutorial, thanks!",
    "[fail:400] buy cheap watches now",
    "Can someone explain decorators?",
    "[fail:404] deleted post",
    "This library changed my life",
]

failures = []
for i, post in enumerate(POSTS):
    try:
        r = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"Rate the toxicity 1-10 of: {post}"}],
        )
        print(f"post {i}: toxicity {r.choices[0].message.content.split()[0]}")
    except openai.BadRequestError as e:
        failures.append((i, e.status_code))
        print(f"post {i}: rejected ({e.status_code}): {e.message}")
    except openai.NotFoundError as e:
        failures.append((i, e.status_code))
        print(f"post {i}: not found ({e.status_code})")
    except openai.APIError as e:
        failures.append((i, "api"))
        print(f"post {i}: API error {e}")

print("failures:", failures)
