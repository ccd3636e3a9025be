from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


questions = ["What is DNS?", "What is TCP?"]
answers = list(map(lambda q: ask(q), questions))
for question, answer in zip(questions, answers):
    print(question, answer)

# diagnostics
# lambda_unsupported.py:15:30: warning: an external call inside a lambda: the file is kept sequential  [unsupported-construct]
#     answers = list(map(lambda q: ask(q), questions))
#                                  ^
# note: epic cannot yet parallelise this construct correctly; the output is the input unchanged
