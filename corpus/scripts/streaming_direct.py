"""Models a CLI storyteller that streams tokens to the terminal as they arrive.
Shapes: `stream=True` passed directly, `for chunk in stream:` printing deltas with
`end=""` and `flush=True`, collecting the text for a follow-up non-streamed call.
"""

from openai import OpenAI

client = OpenAI()

print("Once upon a time...", flush=True)
stream = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Tell a three-sentence story about a lighthouse."}],
    stream=True,
)
parts = []
for chunk in stream:
    if not chunk.choices:
        continue
    delta = chunk.choices[0].delta.content or ""
    parts.append(delta)
    print(delta, end="", flush=True)
print()

story = "".join(parts)
title = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": f"Give this story a title: {story}"}],
    max_tokens=4,
)
moral = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": f"State the moral of this story: {story}"}],
    max_tokens=10,
)
print("Title:", title.choices[0].message.content)
print("Moral:", moral.choices[0].message.content)
print(f"({len(story.split())} words streamed)")
