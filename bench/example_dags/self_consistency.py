"""Dependency structure of ``examples/self_consistency.py`` (self-consistency voting).

The samples need nothing; the check asks about the majority answer, so it needs *every*
sample (control: any vote can change the winner).  The script's ``temperature`` does not
change the endpoint's reply, so the check is predicted like any other request.  The
first line printed needs nothing.
"""

from __future__ import annotations

from collections import Counter

from bench.dag import Dag
from bench.example_dags import constant

SAMPLES = constant("self_consistency", "SAMPLES", int)
QUESTION = constant("self_consistency", "QUESTION", str)


def build() -> Dag:
    dag = Dag()
    samples = [
        dag.ask(f"Path {i}. Think step by step, then rate your confidence: {QUESTION}",
                label=f"sample {i}")
        for i in range(SAMPLES)
    ]  # fmt: skip
    votes = Counter(r.text.split()[0] for r in samples)
    winner, _ = votes.most_common(1)[0]
    dag.ask(f"Double-check the answer {winner} to: {QUESTION}", after=samples, label="check")
    return dag
