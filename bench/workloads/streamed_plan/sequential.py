"""A streamed plan whose steps are carried out line by line: the plan is requested with
`stream=True`, and every time a full line (one step) has arrived it is printed and
executed by another request, then a final request writes a status report."""

from openai import OpenAI

client = OpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
MODEL = "gpt-4o-mini"
GOAL = "organise a small neighbourhood book fair in the park"


def ask(prompt):
    response = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content.strip()


results = []


def carry_out(line):
    number, step = line.split(". ", 1)
    print(f"Step {number}: {step}")
    outcome = ask(f"Carry out this step and report the outcome in one sentence: {step}")
    print(f"  done: {outcome}")
    results.append(outcome)


stream = client.chat.completions.create(
    model=MODEL,
    messages=[{"role": "user", "content": f"List the steps to {GOAL}, one per line."}],
    stream=True,
)
buffer = ""
for chunk in stream:
    if not chunk.choices:
        continue
    buffer += chunk.choices[0].delta.content or ""
    while "\n" in buffer:
        line, buffer = buffer.split("\n", 1)
        carry_out(line)
if buffer.strip():
    carry_out(buffer)

report = ask("Write a one-sentence status report from these outcomes: " + " | ".join(results))
print("Report:", report)
