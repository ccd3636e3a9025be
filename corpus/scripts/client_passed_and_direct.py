"""Models a support-macro generator that uses one client both directly and via helpers.
Shapes: a module-level `client = OpenAI()` called directly at module level and also
passed to `def ask(client, q)` / `def polish(llm, text)` helpers, a loop over macros.
"""

from openai import OpenAI

client = OpenAI()


def ask(client, question, max_tokens=10):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
        max_tokens=max_tokens,
    )
    return r.choices[0].message.content


def polish(llm, text):
    return ask(llm, f"Polish this support reply: {text}", max_tokens=12)


greeting = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "A warm one-line greeting for support replies."}],
).choices[0].message.content
print("greeting:", greeting)

MACROS = ["refund approved", "password reset link sent", "bug forwarded to engineering"]
for macro in MACROS:
    draft = ask(client, f"Write a support reply saying: {macro}")
    print(f"[{macro}] {polish(client, draft)}")
