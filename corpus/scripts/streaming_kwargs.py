"""Models a chat REPL replay that builds its request options in a dict.
Shapes: `stream=True` passed through `**options`, a conversation list grown turn by turn,
streamed replies joined and appended to the history, `stream_options` usage chunk.
"""

from openai import OpenAI

client = OpenAI()
options = {"model": "gpt-4o-mini", "stream": True, "stream_options": {"include_usage": True}}

USER_TURNS = ["Hi! Suggest a name for a goldfish.", "Shorter please.", "Now in French."]

history = [{"role": "system", "content": "You are a playful assistant."}]
used = 0
for turn in USER_TURNS:
    history.append({"role": "user", "content": turn})
    print(f"> {turn}")
    reply = ""
    for chunk in client.chat.completions.create(messages=history, **options):
        if chunk.usage is not None:
            used += chunk.usage.total_tokens
        if chunk.choices and chunk.choices[0].delta.content:
            reply += chunk.choices[0].delta.content
    history.append({"role": "assistant", "content": reply})
    print(reply)

print(f"{len(history)} messages, {used} tokens")
