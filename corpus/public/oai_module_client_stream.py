# Modelled on openai/openai-python, examples/module_client.py
# (commit 06b35d7f42c35ef8b78c7c19b8c16c75078c5710, Apache-2.0 licence).
# Rewritten, not copied: the module-level client (`openai.chat.completions.create` with no
# `OpenAI()` object), configured through module attributes, streaming a reply. The key
# and base URL come from the environment instead of placeholders.
"""Models use of the module-level client: `openai.chat.completions.create(stream=True)`.
Shapes: `import openai`, `openai.default_headers = ...`, the module client streaming,
`chunk.choices[0].delta.content or ""` printed with `flush=True`, then a second question.
"""

import os

import openai

openai.api_key = os.environ.get("OPENAI_API_KEY")
openai.default_headers = {"x-foo": "true"}

stream = openai.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "How do I output all files in a directory using Python?"}],
    stream=True,
)
for chunk in stream:
    print(chunk.choices[0].delta.content or "", end="", flush=True)
print()

follow_up = openai.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "And only the .py files?"}],
)
print(follow_up.choices[0].message.content)
