"""Self-consistency voting: sample several answers to each question (different seeds),
take the majority answer, and ask for a one-sentence justification of it."""

from collections import Counter

from openai import OpenAI

client = OpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
MODEL = "gpt-4o-mini"
SAMPLES = 5
QUESTIONS = [
    "How hard is it for a beginner to learn to sail a small dinghy?",
    "How risky is it to cross a glacier without a guide?",
    "How useful is a paper map on a week-long hike?",
    "How likely is rain in Bergen on a day in October?",
]


def ask(prompt, seed=None, max_tokens=None):
    response = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
        temperature=0.8,
        seed=seed,
        max_tokens=max_tokens,
    )
    return response.choices[0].message.content.strip()


def sample_answer(question, seed):
    reply = ask(f"{question} Think it through, then rate it from 1 to 10, number first.", seed=seed)
    return int(reply.split()[0])


for question in QUESTIONS:
    votes = [sample_answer(question, seed) for seed in range(SAMPLES)]
    answer, count = Counter(votes).most_common(1)[0]
    why = ask(f"In one sentence, explain why the answer to '{question}' is {answer} out of 10.", max_tokens=20)
    print(question)
    print(f"  votes {votes} -> {answer} ({count} of {SAMPLES})")
    print(f"  why: {why}")
