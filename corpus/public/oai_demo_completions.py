# Modelled on openai/openai-python, examples/demo.py
# (commit 116db5953f2715bea7cadd37ef4ba98bd70e430a, Apache-2.0 licence).
# Rewritten, not copied: the same shape (a text completion, then the same prompt streamed
# and printed piece by piece); model names changed to ones the offline endpoint lists.
"""Models the SDK's quick-start demo: a completion, then the same prompt streamed.
Shapes: `client.completions.create(prompt=...)`, then `stream=True` and a `for` loop
printing `choices[0].text` with `end=""`.
"""

from openai import OpenAI

client = OpenAI()  # OPENAI_API_KEY / OPENAI_BASE_URL from the environment

# Non-streaming
completion = client.completions.create(model="gpt-3.5-turbo-instruct", prompt="Say this is a test")
print(completion.choices[0].text)

# Streaming
stream = client.completions.create(
    model="gpt-3.5-turbo-instruct", prompt="Say this is a test", stream=True
)
for piece in stream:
    print(piece.choices[0].text, end="")
print()
