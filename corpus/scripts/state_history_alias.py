"""Models a tutoring chatbot whose state dict holds the conversation history.
Shapes: `history = state["history"]; history.append(...)` (an alias into the dict) right
before a request that sends `state["history"]`, the reply appended through the alias,
`state["turns"]` counter, the state dumped as JSON at the end.
"""

import json

from openai import OpenAI

client = OpenAI()

state = {
    "student": "Sam",
    "history": [{"role": "system", "content": "You are a patient maths tutor."}],
    "turns": 0,
}

QUESTIONS = ["What is a prime number?", "Is 51 prime?", "How can I check quickly?"]

for question in QUESTIONS:
    history = state["history"]
    history.append({"role": "user", "content": question})
    r = client.chat.completions.create(model="gpt-4o-mini", messages=state["history"], max_tokens=12)
    answer = r.choices[0].message.content
    history.append({"role": "assistant", "content": answer})
    state["turns"] += 1
    print(f"{state['student']}: {question}")
    print(f"Tutor: {answer}")

print(json.dumps({"turns": state["turns"], "messages": len(state["history"])}))
