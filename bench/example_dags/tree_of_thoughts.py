"""Dependency structure of ``examples/tree_of_thoughts.py`` (two-level Tree-of-Thoughts).

Per level: the three proposals need only the path so far; every scoring needs its
proposal (and the path).  The kept thought is the best-scored one, so level 2 (whose
prompts contain it) needs *all three* of level 1's scores (control), not only the
winner's.  The first line printed needs nothing.
"""

from __future__ import annotations

from bench.dag import Dag, Request
from bench.example_dags import constant

PROBLEM = constant("tree_of_thoughts", "PROBLEM", str)
BREADTH = constant("tree_of_thoughts", "BREADTH", int)  # candidate thoughts per node
LEVELS = 2


def describe(path: list[str]) -> str:
    return " -> ".join(path) or "(nothing yet)"


def best_child(
    dag: Dag, path: list[str], after: list[Request], level: int
) -> tuple[str, list[Request]]:
    """One node's expansion: the best thought, and the scores it was chosen from."""
    proposals = [
        dag.ask(f"{PROBLEM}\nWork so far: {describe(path)}\nPropose next step, idea #{k}:",
                max_tokens=12, after=after, label=f"L{level} propose #{k}")
        for k in range(1, BREADTH + 1)
    ]  # fmt: skip
    best_score, best_thought = -1, ""
    scores: list[Request] = []
    for k, proposal in enumerate(proposals, start=1):
        thought = proposal.text.strip()
        r = dag.ask(
            f"{PROBLEM}\nWork so far: {describe(path)}\nCandidate: {thought}\n"
            "Score this candidate from 1 to 10. Reply with the score first.",
            after=[proposal, *after],
            label=f"L{level} value #{k}",
        )
        scores.append(r)
        reply = r.text.strip()
        first = reply.split()[0] if reply else ""
        score = int(first) if first.isdigit() else 0
        if score > best_score:
            best_score, best_thought = score, thought
    return best_thought, scores


def build() -> Dag:
    dag = Dag()
    path: list[str] = []
    after: list[Request] = []
    for level in range(1, LEVELS + 1):
        thought, after = best_child(dag, path, after, level)
        path = [*path, thought]
    return dag
