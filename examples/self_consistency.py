"""Self-consistency voting: sample several answers, keep the most common one."""

from collections import Counter

from openai import OpenAI

client = OpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
SAMPLES = 5
QUESTION = "A farmer has 17 sheep; all but 9 run away. How many are left?"


def ask(prompt, temperature=1.0):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
        temperature=temperature,
    )
    return response.choices[0].message.content


def sample_answer(i):
    """One reasoning path; the endpoint returns its confidence score first."""
    print(f"sampling path {i}")
    reply = ask(f"Path {i}. Think step by step, then rate your confidence: {QUESTION}")
    return reply.split()[0]


def main():
    answers = [sample_answer(i) for i in range(SAMPLES)]
    votes = Counter(answers)
    winner, count = votes.most_common(1)[0]
    print("Votes:", dict(votes))
    print(f"Majority answer: {winner} ({count} of {SAMPLES})")
    check = ask(f"Double-check the answer {winner} to: {QUESTION}", temperature=0.0)
    print("Check:", check)


if __name__ == "__main__":
    main()
