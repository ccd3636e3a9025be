"""Models an iterative refiner: rewrite a draft until the critic's score is high enough.
Shapes: a `while` loop whose condition depends on the last reply, the draft fed back into
the next prompt, a bounded number of rounds, `break` on success, a critic helper.
"""

from openai import OpenAI

client = OpenAI()


def chat(prompt, n=None):
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=n
    )
    return r.choices[0].message.content


def critic(text):
    return int(chat(f"Rate this product blurb 1-10: {text}").split()[0])


draft = chat("Write a product blurb for a solar lantern", 12)
score = critic(draft)
rounds = 0
history = [(draft, score)]
while score < 8 and rounds < 4:
    rounds += 1
    draft = chat(f"Improve this blurb (score {score}/10): {draft}", 12)
    score = critic(draft)
    history.append((draft, score))
    if score >= 8:
        print("good enough after", rounds, "rounds")
        break

for i, (text, s) in enumerate(history):
    print(f"v{i} [{s}/10] {text}")
