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
# lambda_unsupported.py:6:1: note: `ask` stays a plain function, its calls in place: it is called in a lambda (line 15), where nothing can await it  [kept-sync]
#     def ask(prompt):
#     ^
