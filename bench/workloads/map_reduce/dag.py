"""Dependency structure of ``sequential.py`` (map-reduce summarisation).

Every section summary needs nothing; every merge needs exactly the two summaries it
merges (not the whole previous round).  The first line printed needs section 1.
"""

from __future__ import annotations

from bench.dag import Dag, Request
from bench.workloads.map_reduce.sections import SECTIONS


def build() -> Dag:
    dag = Dag()
    level: list[Request] = [
        dag.ask(f"Summarise this section of a quarterly report in one sentence: {text}",
                label=f"summarise {n}")
        for n, text in enumerate(SECTIONS, start=1)
    ]  # fmt: skip
    dag.output_after(level[0])
    round_number = 1
    while len(level) > 1:
        merged: list[Request] = []
        for i in range(0, len(level), 2):
            if i + 1 < len(level):
                a, b = level[i], level[i + 1]
                merged.append(
                    dag.ask(
                        f"Merge these two summaries into a single sentence: {a.text.strip()} / {b.text.strip()}",
                        after=[a, b],
                        label=f"merge r{round_number}",
                    )
                )
            else:
                merged.append(level[i])
        level = merged
        round_number += 1
    return dag
