"""Models a product-FAQ builder that stores each model answer in an SQLite table.
Shapes: `sqlite3.connect(":memory:")`, a loop marked `# epic: independent` on its `for`
line whose body first asks the model and then inserts the answer with `db.execute(...)`
(epic cannot see into the database), a helper `def ask(client, prompt)` taking the client
as a parameter, `db.commit()`, a summary `GROUP BY` query printed at the end.
"""

import sqlite3

from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"


def ask(client, prompt):
    completion = client.chat.completions.create(
        model=MODEL,
        messages=[
            {"role": "system", "content": "Answer product questions briefly."},
            {"role": "user", "content": prompt},
        ],
        max_tokens=24,
    )
    return completion.choices[0].message.content.strip()


db = sqlite3.connect(":memory:")
db.execute(
    "CREATE TABLE faq (id INTEGER PRIMARY KEY, product TEXT, question TEXT, answer TEXT, words INTEGER)"
)

QUESTIONS = [
    ("kettle", "How long does it take to boil?", "About three minutes for a full litre"),
    ("kettle", "Is the handle heat proof?", "Yes the handle stays cool"),
    ("toaster", "Does it fit bagels?", "Yes the slots are wide enough for bagels"),
    ("toaster", "Can I clean the crumb tray?", "The tray slides out for cleaning"),
    ("toaster", "What is the warranty?", "Two years on all parts"),
    ("blender", "Can it crush ice?", "Yes use the pulse setting"),
]

for product, question, expected in QUESTIONS:  # epic: independent
    answer = ask(client, f"echo: {expected}")
    db.execute(
        "INSERT INTO faq (product, question, answer, words) VALUES (?, ?, ?, ?)",
        (product, question, answer, len(answer.split())),
    )
db.commit()

for row in db.execute("SELECT id, product, question, answer FROM faq ORDER BY id"):
    print(f"{row[0]}. [{row[1]}] {row[2]} -> {row[3]}")

print("summary:")
summary = db.execute(
    "SELECT product, COUNT(*), SUM(words) FROM faq GROUP BY product ORDER BY product"
)
for product, count, words in summary:
    print(f"  {product:<8} {count} answers, {words} words")
intro = ask(client, f"echo: FAQ ready with {sum(1 for _ in db.execute('SELECT 1 FROM faq'))} entries")
print(intro)
db.close()
