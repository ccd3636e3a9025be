"""Memo functions: a function that keeps its results in a module-level dict.

    value_cache = {}

    def value(word):
        prompt = f"Rate '{word}' from 1 to 10."
        if prompt in value_cache:
            return value_cache[prompt]
        score = int(ask(prompt))
        value_cache[prompt] = score
        return score

Sequentially, each distinct key is computed once and every later call with that key
gets the stored value. Calls of such a function may run at the same time when the
runtime lets one call per key compute while the others with that key wait and then
find it stored (``epic.single_flight``): the requests made are the same, and so is
every returned value, whichever call computes first, provided that

* the code before the check is quick and pure (every call reaches the check at once),
  and the code after it reads nothing of the call's own but the key (so any call with
  that key would ask the very same thing);
* the dict is only ever used through ``key in cache``, ``cache[key]``, ``len(cache)``
  and ``cache.get(key)``, and bound once, at module level, to an empty dict: its order
  of insertion (the only thing that differs) can never be seen.

This module finds the shape (syntax only); :mod:`transpiler.analysis.effects` checks
the effects (pure prefix, nothing ordered after the check, no call back into the
cache) before it lets the calls run concurrently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst
import libcst.matchers as m

from transpiler.analysis.names import names_of, param_names


@dataclass(frozen=True, slots=True)
class MemoShape:
    """Where a memo function checks its cache, and with what."""

    cache: str  # the module-level dict
    key: str  # the local name used as the key
    check: cst.If  # ``if key in cache: return cache[key]``
    prefix: tuple[cst.BaseStatement, ...]  # statements before the check
    rest: tuple[cst.BaseStatement, ...]  # statements after it (the miss path)


def find_memo_functions(
    module: cst.Module, functions: Sequence[cst.FunctionDef]
) -> dict[cst.FunctionDef, MemoShape]:
    """The functions of the script that have the memo shape over a cache that is only
    used in ways that cannot tell the order of its insertions."""
    shapes = {}
    for function in functions:
        shape = _shape_of(function)
        if shape is not None:
            shapes[function] = shape
    caches = {shape.cache for shape in shapes.values()}
    if not caches:
        return {}
    usable = _order_blind_caches(module, caches)
    return {f: s for f, s in shapes.items() if s.cache in usable}


def _body(function: cst.FunctionDef) -> list[cst.BaseStatement]:
    if not isinstance(function.body, cst.IndentedBlock):
        return []
    body = list(function.body.body)
    if body and m.matches(
        body[0],
        m.SimpleStatementLine(body=[m.Expr(value=m.SimpleString() | m.ConcatenatedString())]),
    ):
        body = body[1:]  # the docstring
    return body


def _shape_of(function: cst.FunctionDef) -> MemoShape | None:
    if function.asynchronous is not None or function.decorators:
        return None
    body = _body(function)
    for index, statement in enumerate(body):
        found = _check_of(statement)
        if found is None:
            continue
        key, cache = found
        prefix, rest = tuple(body[:index]), tuple(body[index + 1 :])
        if not all(_is_simple_assignment(s) for s in prefix):
            return None
        if not _miss_path_ok(function, prefix, rest, key, cache):
            return None
        assert isinstance(statement, cst.If)
        return MemoShape(cache, key, statement, prefix, rest)
    return None


def _check_of(statement: cst.BaseStatement) -> tuple[str, str] | None:
    """``if key in cache: return cache[key]`` (no ``else``): (key, cache)."""
    if not isinstance(statement, cst.If) or statement.orelse is not None:
        return None
    test = statement.test
    if not (
        isinstance(test, cst.Comparison)
        and isinstance(test.left, cst.Name)
        and len(test.comparisons) == 1
        and isinstance(test.comparisons[0].operator, cst.In)
        and isinstance(test.comparisons[0].comparator, cst.Name)
    ):
        return None
    key, cache = test.left.value, test.comparisons[0].comparator.value
    body = statement.body
    if not isinstance(body, cst.IndentedBlock) or len(body.body) != 1:
        return None
    returned = m.SimpleStatementLine(
        body=[
            m.Return(
                value=m.Subscript(
                    value=m.Name(cache),
                    slice=[m.SubscriptElement(slice=m.Index(value=m.Name(key)))],
                )
            )
        ]
    )
    return (key, cache) if m.matches(body.body[0], returned) else None


def _is_simple_assignment(statement: cst.BaseStatement) -> bool:
    return m.matches(
        statement, m.SimpleStatementLine(body=[m.Assign(targets=[m.AssignTarget(target=m.Name())])])
    )


def _miss_path_ok(
    function: cst.FunctionDef,
    prefix: tuple[cst.BaseStatement, ...],
    rest: tuple[cst.BaseStatement, ...],
    key: str,
    cache: str,
) -> bool:
    """After the check: the cache is only stored to under the key, the key is not
    rebound, and nothing of the call's own (parameters, the other prefix values) is
    read but the key."""
    if not rest:
        return False
    own = (set(param_names(function.params)) | _bound_in(prefix)) - {key}
    stores = 0
    for statement in rest:
        use = names_of(statement)
        if key in use.binds or cache in use.binds or use.reads & own:
            return False
        store = _cache_store(statement, cache, key)
        if store:
            stores += 1
        elif cache in use.reads or cache in use.mutates:
            return False
        if _declares_global(statement):
            return False
    return stores > 0


def _bound_in(statements: tuple[cst.BaseStatement, ...]) -> set[str]:
    bound: set[str] = set()
    for statement in statements:
        bound |= names_of(statement).binds
    return bound


def _cache_store(statement: cst.BaseStatement, cache: str, key: str) -> bool:
    """``cache[key] = value`` where ``value`` does not read the cache."""
    if not m.matches(
        statement,
        m.SimpleStatementLine(
            body=[
                m.Assign(
                    targets=[
                        m.AssignTarget(
                            target=m.Subscript(
                                value=m.Name(cache),
                                slice=[m.SubscriptElement(slice=m.Index(value=m.Name(key)))],
                            )
                        )
                    ]
                )
            ]
        ),
    ):
        return False
    assert isinstance(statement, cst.SimpleStatementLine)
    assign = statement.body[0]
    assert isinstance(assign, cst.Assign)
    return cache not in names_of(assign.value).reads


def _declares_global(statement: cst.BaseStatement) -> bool:
    return bool(m.findall(statement, m.Global() | m.Nonlocal()))


class _CacheUses(cst.CSTVisitor):
    """Marks the uses of each cache name that cannot observe insertion order; any
    other occurrence of the name disqualifies the cache."""

    def __init__(self, caches: set[str]) -> None:
        self.caches = caches
        self.allowed: set[cst.Name] = set()
        self.seen: list[cst.Name] = []
        self.bindings: dict[str, int] = {}
        self.bad: set[str] = set()

    def _allow(self, node: cst.BaseExpression) -> None:
        if isinstance(node, cst.Name) and node.value in self.caches:
            self.allowed.add(node)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        for target in node.comparisons:
            if isinstance(target.operator, (cst.In, cst.NotIn)):
                self._allow(target.comparator)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self._allow(node.value)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if m.matches(func, m.Name("len")) and len(node.args) == 1:
            self._allow(node.args[0].value)
        if isinstance(func, cst.Attribute) and func.attr.value == "get":
            self._allow(func.value)

    def visit_Del(self, node: cst.Del) -> None:
        for name in m.findall(node, m.Name()):
            if isinstance(name, cst.Name) and name.value in self.caches:
                self.bad.add(name.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Name) and target.target.value in self.caches:
                name = target.target.value
                self.bindings[name] = self.bindings.get(name, 0) + 1
                if m.matches(
                    node.value, m.Dict(elements=[]) | m.Call(func=m.Name("dict"), args=[])
                ):
                    self.allowed.add(target.target)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # the attribute name after the dot is not a use
        return False

    def visit_Name(self, node: cst.Name) -> None:
        if node.value in self.caches:
            self.seen.append(node)


def _order_blind_caches(module: cst.Module, caches: set[str]) -> set[str]:
    visitor = _CacheUses(caches)
    module.visit(visitor)
    usable = set(caches) - visitor.bad
    for name in visitor.seen:
        if name not in visitor.allowed:
            usable.discard(name.value)
    # Bound exactly once, at module level (a binding inside a function would be a
    # disallowed use: only the module-level one is checked here).
    module_bound = {
        target.target.value
        for statement in module.body
        if isinstance(statement, cst.SimpleStatementLine)
        for small in statement.body
        if isinstance(small, cst.Assign)
        for target in small.targets
        if isinstance(target.target, cst.Name)
    }
    return {c for c in usable if visitor.bindings.get(c) == 1 and c in module_bound}
