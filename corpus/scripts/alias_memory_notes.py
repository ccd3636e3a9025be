"""Models an interviewer bot with a running memory that each question's prompt includes.
Shapes: `notes = memory["notes"]` (an alias) read to build every prompt, the list grown
through the dict (`memory["notes"].append(...)`) after each call, so each request sees
the questions before it; a final recap.
"""

from openai import OpenAI

client = OpenAI()
memory = {"candidate": "Jo", "notes": []}
notes = memory["notes"]

QUESTIONS = [
    "What drew you to backend work?",
    "Describe a tricky outage you handled.",
    "How do you review code?",
    "Where do you want to grow?",
]

for q in QUESTIONS:
    context = "; ".join(notes) or "nothing yet"
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": f"You interview {memory['candidate']}. Already covered: {context}"},
            {"role": "user", "content": f"Rephrase this question naturally: {q}"},
        ],
        max_tokens=10,
    )
    print(f"Q{len(notes) + 1}: {r.choices[0].message.content}")
    memory["notes"].append(q.split()[0].lower())

print("covered:", notes)
