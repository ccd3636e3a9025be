"""The benchmark workloads: one directory each, with

- ``sequential.py``: the plain script, as people write it (the specification);
- ``expert.py``: the best hand-written asyncio version (AsyncOpenAI, TaskGroup/gather,
  streaming where the script streams);
- ``dag.py``: ``build() -> bench.dag.Dag``, the requests the script sends, their exact
  replies and what each one needs (for the critical-path lower bound).

epic's version is never stored: the harness transpiles ``sequential.py`` at bench time.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from bench.dag import Dag

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Workload:
    name: str
    title: str

    @property
    def directory(self) -> Path:
        return HERE / self.name

    @property
    def sequential(self) -> Path:
        return self.directory / "sequential.py"

    @property
    def expert(self) -> Path:
        return self.directory / "expert.py"

    def dag(self) -> Dag:
        module = importlib.import_module(f"bench.workloads.{self.name}.dag")
        dag: Dag = module.build()
        return dag


WORKLOADS: tuple[Workload, ...] = (
    Workload("tot", "Tree-of-Thoughts BFS with a value cache"),
    Workload("multi_tool", "Multi-tool question answering"),
    Workload("map_reduce", "Map-reduce summarisation"),
    Workload("self_consistency", "Self-consistency voting"),
    Workload("streamed_plan", "Streamed plan, steps dispatched line by line"),
    Workload("claim_check", "Claim verification fed by a stream"),
)


def by_name(names: list[str]) -> list[Workload]:
    known = {w.name: w for w in WORKLOADS}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown workload(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[n] for n in names]
