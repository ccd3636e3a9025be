"""Dependency structure of ``sequential.py`` (claim verification fed by a stream).

Claim k's first check needs line k of the streamed answer; a doubted claim's search
needs that check, and the second opinion needs the search.  The first line printed is
the first streamed line of the answer.
"""

from __future__ import annotations

from bench.dag import Dag

TOPIC = "lighthouses on the Atlantic coast"


def build() -> Dag:
    dag = Dag()
    answer = dag.ask(f"List some facts about {TOPIC}, one per line.", stream=True,
                     label="answer (stream)")  # fmt: skip
    dag.output_after(answer.line(0))
    for k, line in enumerate(answer.lines):
        if ". " not in line:
            continue
        claim = line.split(". ", 1)[1]
        first = dag.ask(f"Rate from 1 to 10 how likely this claim is true: {claim}",
                        after=[answer.line(k)], label=f"claim {k + 1} check")  # fmt: skip
        if int(first.text.split()[0]) >= 6:
            continue
        evidence = dag.ask(f"You are a search engine. Give the top result snippet for: {claim}",
                           max_tokens=16, after=[first], label=f"claim {k + 1} search")  # fmt: skip
        dag.ask(
            f"Given this evidence: {evidence.text.strip()}\n"
            f"Rate from 1 to 10 how likely this claim is true: {claim}",
            after=[evidence],
            label=f"claim {k + 1} recheck",
        )
    return dag
