"""Models a one-off FAQ generator that opens the client as a context manager.
Shapes: `with OpenAI() as c:` around the whole job, calls through `c` inside the block,
a list comprehension building prompts, enumerate() numbering.
"""

from openai import OpenAI

QUESTIONS = [
    "How do I reset my password?",
    "Can I change my username?",
    "How do I export my data?",
    "How do I delete my account?",
]

with OpenAI() as c:
    prompts = [f"Answer this support question in one sentence: {q}" for q in QUESTIONS]
    answers = []
    for prompt in prompts:
        r = c.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
        )
        answers.append(r.choices[0].message.content)
    intro = c.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "One welcoming sentence for an FAQ page."}],
    )

print(intro.choices[0].message.content)
print()
for i, (q, a) in enumerate(zip(QUESTIONS, answers), start=1):
    print(f"Q{i}. {q}")
    print(f"A{i}. {a}")
