"""Models a ReAct-style agent loop: the model picks a tool, the script runs it, repeat.
Shapes: a `TOOLS` dict of Python functions, a loop with a step budget and `break`, the
message list grown with tool results, the reply parsed to pick the next tool (here by
a deterministic rule on the free text), a final answer call.
"""

import json

from openai import OpenAI

client = OpenAI()


def calculator(expr):
    a, op, b = expr.split()
    return {"+": float(a) + float(b), "*": float(a) * float(b)}[op]


def weather(city):
    return {"Paris": "18C cloudy", "Rome": "24C sunny"}.get(city, "unknown")


def search(query):
    return f"3 results for {query!r}"


TOOLS = {"calculator": calculator, "weather": weather, "search": search}
ARGS = {"calculator": "12 * 7", "weather": "Rome", "search": "best gelato in Rome"}

messages = [
    {"role": "system", "content": "Pick one of these tools each turn: " + ", ".join(TOOLS)},
    {"role": "user", "content": "Plan a sunny afternoon in Rome for 7 friends at 12 euros each."},
]
used = []
for step in range(1, 5):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=messages, max_tokens=6)
    thought = reply.choices[0].message.content
    messages.append({"role": "assistant", "content": thought})
    names = sorted(set(TOOLS) - set(used))
    if not names:
        break
    tool = names[len(thought) % len(names)]
    result = TOOLS[tool](ARGS[tool])
    used.append(tool)
    print(f"step {step}: {tool}({ARGS[tool]!r}) -> {result}")
    messages.append({"role": "user", "content": f"Tool {tool} returned: {json.dumps(result)}"})

final = client.chat.completions.create(
    model="gpt-4o",
    messages=messages + [{"role": "user", "content": "Give the final plan in one sentence."}],
)
print("answer:", final.choices[0].message.content)
print("tools used:", used, "| messages:", len(messages))
