"""Models a study-notes generator: independent questions fanned out one after another.
Shapes: module-level `client = OpenAI()`, a helper `ask(q)`, a for loop appending results,
f-string prompts, printing between calls.
"""

from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"


def ask(question, max_tokens=None):
    response = client.chat.completions.create(
        model=MODEL,
        messages=[
            {"role": "system", "content": "You are a concise tutor."},
            {"role": "user", "content": question},
        ],
        max_tokens=max_tokens,
    )
    return response.choices[0].message.content.strip()


topics = ["monads", "functors", "applicatives", "lenses", "type classes"]
print(f"Generating notes for {len(topics)} topics")

answers = []
for topic in topics:
    answers.append(ask(f"Explain {topic} to a Python programmer in two sentences."))

for topic, answer in zip(topics, answers):
    print(f"## {topic}")
    print(answer)

summary = ask("Write one line tying these together: " + " | ".join(answers), max_tokens=12)
print("Summary:", summary)
