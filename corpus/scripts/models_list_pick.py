"""Models a model-picker that lists the available models and asks each chat model once.
Shapes: `client.models.list()` iterated, filtering on `m.id`, `client.models.retrieve`,
a loop of calls with the model chosen from the listing.
"""

from openai import OpenAI

client = OpenAI()

available = []
for m in client.models.list():
    if m.id.startswith("gpt-") and "instruct" not in m.id:
        available.append(m.id)
available.sort()
print("chat models:", ", ".join(available))

detail = client.models.retrieve(available[0])
print(f"first: {detail.id} owned by {detail.owned_by}")

answers = {}
for model in available:
    r = client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": "Name a colour in one word."}],
        max_tokens=1,
    )
    answers[model] = r.choices[0].message.content

for model, answer in answers.items():
    print(f"{model:>14}: {answer}")
