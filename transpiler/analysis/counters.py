"""Global counters: module-level totals that functions only add to.

    completion_tokens = 0

    def ask(prompt):
        global completion_tokens
        response = client.chat.completions.create(...)
        completion_tokens += response.usage.completion_tokens
        return response.choices[0].message.content

Sequentially, every call adds its amount when it returns, and code that reads the
total sees the sum of the calls before it. Calls of such a function may still start
early when the additions are made in program order, like printed text: a task holds
its additions back and they are made where the generated code awaits the task
(``epic.add_in_order``, the same mechanism that replays a task's output). A task that
is cancelled (an earlier statement raised) never adds, as the original never called
it. Code that reads the total is ordered after the calls before it ("commuting"
names, as for memo caches).

This module finds the shape (syntax only): a name bound once at module level, to a
number, and changed elsewhere only by ``name += amount`` statements in functions that
declare it ``global`` (``amount`` not mentioning it); no function reads it otherwise
(a task that reads it could run before earlier additions are made). Code outside
functions may read it.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from transpiler.analysis.names import names_of, param_names


@dataclass(frozen=True, slots=True)
class Counters:
    """The counter names and the ``name += amount`` statements that add to them."""

    names: frozenset[str]
    additions: dict[cst.AugAssign, str]


class _Uses(cst.CSTVisitor):
    """Per function (the innermost), the names it declares global, and every use of a
    name: as an addition target (``name += ...``) or any other way."""

    def __init__(self) -> None:
        self.stack: list[cst.FunctionDef | None] = [None]
        self.declared: dict[cst.FunctionDef, set[str]] = {}
        self.additions: list[tuple[cst.FunctionDef | None, cst.AugAssign, str]] = []
        self.other: list[tuple[cst.FunctionDef | None, str]] = []
        self._targets: set[cst.Name] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.stack.append(node)
        self.declared[node] = set()

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.stack.pop()

    def visit_Global(self, node: cst.Global) -> bool:
        function = self.stack[-1]
        if function is not None:
            self.declared[function].update(n.name.value for n in node.names)
        return False

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.operator, cst.AddAssign) and isinstance(node.target, cst.Name):
            name = node.target.value
            if name not in names_of(node.value).reads:
                self.additions.append((self.stack[-1], node, name))
                self._targets.add(node.target)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # ``x.total`` is not a use of ``total``
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # nor is ``f(total=1)``
        return False

    def visit_Name(self, node: cst.Name) -> None:
        if node not in self._targets:
            self.other.append((self.stack[-1], node.value))


def find_counters(module: cst.Module) -> Counters:
    """The global counters of ``module`` (see the module docstring)."""
    numbers: set[str] = set()
    bound_at_module: dict[str, int] = {}
    for statement in module.body:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            continue
        for name in names_of(statement).binds:
            bound_at_module[name] = bound_at_module.get(name, 0) + 1
        if _is_number_assignment(statement):
            assert isinstance(statement, cst.SimpleStatementLine)
            assign = statement.body[0]
            assert isinstance(assign, cst.Assign)
            numbers.update(t.target.value for t in assign.targets if isinstance(t.target, cst.Name))
    uses = _Uses()
    module.visit(uses)
    candidates = {name for name in numbers if bound_at_module.get(name) == 1}
    additions: dict[cst.AugAssign, str] = {}
    for function, node, name in uses.additions:
        if function is None or name not in uses.declared.get(function, set()):
            candidates.discard(name)  # at module level, or a local of the function
        else:
            additions[node] = name
    for function, name in uses.other:
        if function is None or name not in candidates:
            continue
        if name in uses.declared[function] or name not in _locals(function):
            candidates.discard(name)  # the global, read (or bound) inside a function
    return Counters(
        frozenset(candidates),
        {node: name for node, name in additions.items() if name in candidates},
    )


def _locals(function: cst.FunctionDef) -> set[str]:
    return set(names_of(function.body).binds) | set(param_names(function.params))


def _is_number_assignment(statement: cst.BaseStatement) -> bool:
    """``total = 0`` or ``a = b = 0.0``."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return False
    assign = statement.body[0]
    return (
        isinstance(assign, cst.Assign)
        and isinstance(assign.value, (cst.Integer, cst.Float))
        and all(isinstance(t.target, cst.Name) for t in assign.targets)
    )
