"""A stream handed to another function: not supported yet, kept sequential."""

from openai import OpenAI

client = OpenAI()


def collect(stream):
    return "".join(c.choices[0].delta.content or "" for c in stream if c.choices)


stream = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Tell me about the sea."}],
    stream=True,
)
print(collect(stream))

# diagnostics
# streaming_unsupported.py:17:15: warning: a streamed response (`stream=True`) used other than by a `for` loop over a name it was assigned to: the file is kept sequential  [unsupported-construct]
#     print(collect(stream))
#                   ^
# note: epic cannot yet parallelise this construct correctly; the output is the input unchanged
