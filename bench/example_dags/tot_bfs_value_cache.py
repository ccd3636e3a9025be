"""Dependency structure of ``examples/tot_bfs_value_cache.py`` (ToT BFS with a value cache).

Per step: every proposal needs the state it extends, and the frontier is chosen from
*all* of the previous step's scores (cached ones included), so every proposal of a step
needs every score of the step before (control).  Every scoring needs its proposal (the
candidate contains it).  A candidate already in the value cache is not asked again; its
earlier request stands in for it.  The first line printed needs all of step 1's scores.
"""

from __future__ import annotations

from bench.dag import Dag, Request
from bench.example_dags import constant

PROBLEM = constant("tot_bfs_value_cache", "PROBLEM", str)
STEPS = constant("tot_bfs_value_cache", "STEPS", int)
BREADTH = constant("tot_bfs_value_cache", "BREADTH", int)  # proposals per state
KEEP = constant("tot_bfs_value_cache", "KEEP", int)  # states kept per level


def build() -> Dag:
    dag = Dag()
    value_cache: dict[str, tuple[int, Request]] = {}
    frontier = [""]
    chosen_from: list[Request] = []  # the scores the current frontier was ranked by
    for step in range(1, STEPS + 1):
        candidates: list[tuple[str, Request]] = []
        for state in frontier:
            for k in range(BREADTH):
                r = dag.ask(f"{PROBLEM}\nSo far: {state}\nPropose idea #{k}:", max_tokens=8,
                            after=chosen_from, label=f"step {step} propose {len(candidates) + 1}")  # fmt: skip
                candidates.append((f"{state} | {r.text.strip()}".strip(" |"), r))
        scores: list[int] = []
        scored_by: list[Request] = []
        for n, (candidate, proposal) in enumerate(candidates, start=1):
            if candidate not in value_cache:  # a duplicate state is scored once
                r = dag.ask(f"{PROBLEM}\nState: {candidate}\nScore this state from 1 to 10.",
                            after=[proposal, *chosen_from], label=f"step {step} value {n}")  # fmt: skip
                first = r.text.strip().split()[0]
                value_cache[candidate] = (int(first) if first.isdigit() else 0, r)
            score, r = value_cache[candidate]
            scores.append(score)
            scored_by.append(r)
        ranked = sorted(zip(scores, [c for c, _ in candidates], strict=False), reverse=True)
        frontier = [candidate for _, candidate in ranked[:KEEP]]
        chosen_from = scored_by
        if step == 1:
            dag.output_after(*scored_by)
    return dag
