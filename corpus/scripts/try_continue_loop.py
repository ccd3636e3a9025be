"""Models an FAQ answerer that skips questions the API rejects and logs answers to a CSV.
Shapes: `for q in questions:` with `try: answer = ask(q)` / `except openai.BadRequestError
as e: print("skipped", ...); continue` (the endpoint fails prompts marked `[fail:400]`),
more processing after the try, a `csv.writer` writing each result to `answers.csv` in the
working directory as it goes, the file read back and printed at the end.
"""

import csv

import openai
from openai import OpenAI

client = OpenAI(max_retries=0)
MODEL = "gpt-4o-mini"

questions = [
    "echo: Returns are accepted within 30 days.",
    "echo: Shipping is free over 50 euros.",
    "[fail:400] echo: Can I pay with a gift card and a coupon at once?",
    "echo: We ship to the EU and the UK.",
    "[fail:400] echo: What is your CEO's phone number?",
    "echo: Gift wrapping costs 3 euros.",
]


def ask(question):
    response = client.chat.completions.create(
        model=MODEL,
        messages=[
            {"role": "system", "content": "Answer customer questions in one sentence."},
            {"role": "user", "content": question},
        ],
        max_tokens=20,
    )
    return response.choices[0].message.content.strip()


skipped = 0
with open("answers.csv", "w", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(["question", "answer", "words"])
    for q in questions:
        try:
            answer = ask(q)
        except openai.BadRequestError as e:
            print("skipped", repr(q[:30]), "status", e.status_code)
            skipped += 1
            continue
        answer = answer.rstrip(".")
        words = len(answer.split())
        short_q = q.removeprefix("echo: ")[:24]
        writer.writerow([short_q, answer, words])
        print(f"answered {short_q!r}: {words} words")

print(f"{skipped} skipped; answers.csv now holds:")
with open("answers.csv", newline="") as f:
    for row in csv.reader(f):
        print(" | ".join(row))
