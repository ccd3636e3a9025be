"""Dependency structures of the scripts in ``examples/``, for their critical-path bound.

One module per example, named after the script (``examples/<name>.py`` ->
``bench/example_dags/<name>.py``), with ``build() -> bench.dag.Dag``: every request the
sequential script sends, in its order, with its exact reply (predicted from the
deterministic offline endpoint) and the replies it truly needs, for its data (a prompt
contains a reply, or something derived from one) and for control (a decision taken from
replies: which candidate is best, which branch runs).

``python -m bench.examples`` runs each example and its transpiled version and checks the
model against the endpoint's request log of the sequential run.

The endpoint's reply depends on the model, the messages and ``seed`` only (not on
``temperature``), so :meth:`bench.dag.Dag.ask` predicts every request of these examples:
they all send one user message to ``gpt-4o-mini``, without ``seed`` or ``n``.
"""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from bench.dag import Dag

EXAMPLES_DIR = Path(__file__).resolve().parent.parent.parent / "examples"

_T = TypeVar("_T")


def constant(example: str, name: str, kind: type[_T]) -> _T:
    """The literal value of ``name = ...`` at the top level of ``examples/<example>.py``,
    read from its source (importing it would build an OpenAI client): the model uses
    the script's own prompts and sizes instead of a copy that could drift."""
    tree = ast.parse((EXAMPLES_DIR / f"{example}.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            if not isinstance(value, kind):
                raise TypeError(f"{example}.{name} is {type(value).__name__}, not {kind.__name__}")
            return value
    raise LookupError(f"examples/{example}.py has no top-level {name} = <literal>")


@dataclass(frozen=True)
class Example:
    name: str  # the script's file name without ``.py``

    @property
    def script(self) -> Path:
        return EXAMPLES_DIR / f"{self.name}.py"

    def dag(self) -> Dag:
        module = importlib.import_module(f"bench.example_dags.{self.name}")
        dag: Dag = module.build()
        return dag


EXAMPLES: tuple[Example, ...] = (
    Example("tot_bfs_value_cache"),
    Example("tree_of_thoughts"),
    Example("multi_tool_qa"),
    Example("map_reduce_summary"),
    Example("self_consistency"),
)


def by_name(names: list[str]) -> list[Example]:
    """The examples called ``names`` (``examples/x.py`` and ``x.py`` are accepted for ``x``)."""
    known = {e.name: e for e in EXAMPLES}
    wanted = [Path(n).name.removesuffix(".py") for n in names]
    unknown = [n for n, w in zip(names, wanted, strict=True) if w not in known]
    if unknown:
        raise ValueError(f"unknown example(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[w] for w in wanted]
