# flags: run overlap=1
from openai import OpenAI

client = OpenAI()

stream = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Tell me a short story."}],
    stream=True,
)
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="", flush=True)
print()
title = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Suggest a title for a short story."}],
)
print("Title:", title.choices[0].message.content)

# diagnostics
# streaming.py:5:10: warning: a streamed request (`stream=True`): the file is kept sequential  [unsupported-construct]
#     stream = client.chat.completions.create(
#              ^
# note: epic cannot yet parallelise this construct correctly; the output is the input unchanged
