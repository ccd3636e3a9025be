"""Dependency structure of ``sequential.py`` (Tree-of-Thoughts BFS with a value cache).

Per level: every proposal needs only the state it extends (the previous level's
selection, which needs *all* of that level's scores); every score needs its proposal;
a repeated value prompt is asked once (the cache).  The story needs the final selection.
"""

from __future__ import annotations

from bench.dag import Dag, Request

PUZZLE = "Pick three words, one per clue, that tell a tiny story about the sea."
CLUES = ["a calm morning", "something that shines", "a long journey"]
PROPOSALS = 3
BEAM = 2


def build() -> Dag:
    dag = Dag()
    cache: dict[str, tuple[int, Request]] = {}
    frontier: list[list[str]] = [[]]
    selection: list[Request] = []  # everything the current frontier was chosen from
    first_print: Request | None = None
    for level, clue in enumerate(CLUES, start=1):
        candidates: list[tuple[list[str], Request]] = []
        for state in frontier:
            for k in range(1, PROPOSALS + 1):
                so_far = " ".join(state) or "(nothing yet)"
                prompt = f"{PUZZLE}\nWords so far: {so_far}\nClue: {clue}\nPropose one word, idea #{k}:"
                r = dag.ask(prompt, max_tokens=1, after=selection, label=f"L{level} propose")
                candidates.append((state + [r.text.strip().strip(".").lower()], r))
        scored: list[tuple[int, list[str]]] = []
        scores: list[Request] = []
        for candidate, proposal in candidates:
            prompt = (
                f"Rate how well the word '{candidate[-1]}' fits a tiny story about the sea, "
                "from 1 to 10, number first."
            )
            if prompt not in cache:
                r = dag.ask(prompt, after=[proposal], label=f"L{level} value")
                first = r.text.strip().split()[0]
                cache[prompt] = (int(first) if first.isdigit() else 0, r)
            score, r = cache[prompt]
            scores.append(r)
            if first_print is None:
                first_print = r
            scored.append((score, candidate))
        scored.sort(key=lambda pair: pair[0], reverse=True)
        frontier = [candidate for _, candidate in scored[:BEAM]]
        selection = scores
    dag.ask(
        f"Write one sentence of a story that uses the words: {', '.join(frontier[0])}",
        after=selection,
        label="story",
    )
    assert first_print is not None
    dag.output_after(first_print)
    return dag
