"""Models a prompt-template runner that cleans its payload in place before sending it.
Shapes: `for m in payload["messages"]: m["content"] = ...` then `create(**payload)`,
the same payload dict reused and mutated for the next request, `copy.deepcopy` of a
template.
"""

import copy

from openai import OpenAI

client = OpenAI()

TEMPLATE = {
    "model": "gpt-4o-mini",
    "max_tokens": 10,
    "messages": [
        {"role": "system", "content": "  You write product FAQs.  "},
        {"role": "user", "content": "  Answer: {question}  "},
    ],
}

QUESTIONS = ["Is it waterproof?", "Does it ship abroad?", "What is the warranty?"]

payload = copy.deepcopy(TEMPLATE)
for question in QUESTIONS:
    for m in payload["messages"]:
        m["content"] = m["content"].strip()
    payload["messages"][1]["content"] = TEMPLATE["messages"][1]["content"].strip().format(question=question)
    r = client.chat.completions.create(**payload)
    print(f"{question} {r.choices[0].message.content}")

payload["max_tokens"] = 4
payload["messages"].append({"role": "user", "content": "Summarise the FAQ in four words."})
r = client.chat.completions.create(**payload)
print("Summary:", r.choices[0].message.content)
