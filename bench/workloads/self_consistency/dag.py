"""Dependency structure of ``sequential.py`` (self-consistency voting).

All samples of all questions need nothing; each question's justification needs that
question's samples (the majority).  The first line printed needs question 1's
justification (the question is printed after it, as in the script).
"""

from __future__ import annotations

from collections import Counter

from bench.dag import Dag

SAMPLES = 5
QUESTIONS = [
    "How hard is it for a beginner to learn to sail a small dinghy?",
    "How risky is it to cross a glacier without a guide?",
    "How useful is a paper map on a week-long hike?",
    "How likely is rain in Bergen on a day in October?",
]


def build() -> Dag:
    dag = Dag()
    for n, question in enumerate(QUESTIONS, start=1):
        samples = [
            dag.ask(f"{question} Think it through, then rate it from 1 to 10, number first.",
                    seed=seed, label=f"q{n} sample")
            for seed in range(SAMPLES)
        ]  # fmt: skip
        votes = [int(r.text.split()[0]) for r in samples]
        answer, _ = Counter(votes).most_common(1)[0]
        why = dag.ask(
            f"In one sentence, explain why the answer to '{question}' is {answer} out of 10.",
            max_tokens=20,
            after=samples,
            label=f"q{n} why",
        )
        if n == 1:
            dag.output_after(why)
    return dag
