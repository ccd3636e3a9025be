"""Dependency structure of ``sequential.py`` (a streamed plan dispatched line by line).

Step k's request needs line k of the streamed plan (not the whole plan); the report
needs every step's outcome.  The first line printed ("Step 1: ...") needs line 1 only.
"""

from __future__ import annotations

from bench.dag import Dag

GOAL = "organise a small neighbourhood book fair in the park"


def build() -> Dag:
    dag = Dag()
    plan = dag.ask(f"List the steps to {GOAL}, one per line.", stream=True, label="plan (stream)")
    dag.output_after(plan.line(0))
    outcomes = []
    for k, line in enumerate(plan.lines):
        _, step = line.split(". ", 1)
        outcomes.append(
            dag.ask(
                f"Carry out this step and report the outcome in one sentence: {step}",
                after=[plan.line(k)],
                label=f"step {k + 1}",
            )
        )
    dag.ask(
        "Write a one-sentence status report from these outcomes: "
        + " | ".join(r.text.strip() for r in outcomes),
        after=outcomes,
        label="report",
    )
    return dag
