"""Retry loops inside a loop body, as a function of their own.

Batch scripts retry each item's request in place::

    for item in items:
        while True:                          # or: for attempt in range(3): ... else: raise
            try:
                response = client.chat.completions.create(...)
                break
            except openai.RateLimitError:
                time.sleep(2)
        results.append(response.choices[0].message.content)

The retry loop is one unit: it can only run whole, in order, for one item. Written as a
function of the names it reads that the outer loop sets (``item``), returning the names
it sets that are read after it (``response``), it is a call like any other, which the
loop rules may start early for every item (the function then becomes async and its
sleeps ``asyncio.sleep``). This module finds the retry loops that can be moved into such
a function without changing what the program does; ``desugar.py`` writes the function,
and ``pipeline.py`` keeps the rewrite only where the loop rules then start its calls
early.

When the function is the same program: it runs where the loop ran, with the values the
loop would have read (each name it reads that the outer loop sets is a parameter, and
definitely bound there: the outer loop's variables, or set earlier in its body), and
leaves the names it sets that anything reads afterwards bound to the same values (every
way out of the loop but an exception sets all of them; no function reads them while it
runs, as globals or closures; the scope reads no name by a computed name, ``locals()``
or ``eval``; no ``return``, ``yield``, ``await``, ``global``,
``nonlocal``, ``del``, nested ``def``/``class``/``lambda``, ``:=``, ``finally``, or
``break``/``continue`` of the outer loop inside it). An exception leaves the function
without the names the loop had set before it: the outer loop is in no ``try`` or
``with`` of its scope, so the exception leaves the scope too, and nothing reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import libcst as cst

from transpiler.analysis.constants import Constants, evaluate, int_constants, last_of_range
from transpiler.analysis.names import names_of, names_of_target, param_names
from transpiler.syntax import holders


@dataclass(frozen=True, slots=True)
class Outline:
    """A retry loop ``statement`` directly in the body of ``loop``, to be written as
    ``returns = function(*params)`` with the loop as the function's body."""

    loop: cst.For
    statement: cst.For | cst.While
    params: tuple[str, ...]
    returns: tuple[str, ...]
    # Assignments of a literal right before it that it reads (``attempts = 0``): they
    # move into the function with it.
    prefix: tuple[cst.SimpleStatementLine, ...] = ()

    @property
    def result(self) -> str | None:
        """The name the function is named after: what it computes, not its counters."""
        counters = {n for line in self.prefix for n in names_of(line).binds}
        named = [r for r in self.returns if r not in counters and r not in self.params]
        choices = named or list(self.returns)
        return choices[0] if choices else None


@dataclass(frozen=True, slots=True)
class Refusal:
    """A retry loop that stays where it is, and why (for the outer loop's note)."""

    loop: cst.For
    statement: cst.For | cst.While
    reason: str


class _Reject(Exception):
    """The statement cannot be moved into a function of its own."""


_FORBIDDEN = (
    cst.Return,
    cst.Yield,
    cst.Await,
    cst.Global,
    cst.Nonlocal,
    cst.Del,
    cst.FunctionDef,
    cst.ClassDef,
    cst.Lambda,
    cst.NamedExpr,
    cst.Match,
)


class _Checks(cst.CSTVisitor):
    """Forbidden nodes, ``break``/``continue`` of an enclosing loop, ``finally``, and
    the names bound by ``except ... as``."""

    def __init__(self) -> None:
        self.ok = True
        self.handler_names: set[str] = set()
        self._loops = 0  # loops entered inside the statement (the statement is one)

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, _FORBIDDEN) or (isinstance(node, cst.Try) and node.finalbody):
            self.ok = False
        if isinstance(node, cst.TryStar):
            self.ok = False
        if isinstance(node, cst.Break | cst.Continue) and self._loops == 0:
            self.ok = False
        if isinstance(node, cst.ExceptHandler) and node.name is not None:
            self.handler_names |= names_of_target(node.name.name)
        return self.ok and super().on_visit(node)

    def visit_For(self, node: cst.For) -> bool:
        node.iter.visit(self)
        self._loops += 1
        node.body.visit(self)
        self._loops -= 1
        if node.orelse is not None:
            node.orelse.visit(self)  # a ``break`` there leaves the enclosing loop
        return False

    def visit_While(self, node: cst.While) -> bool:
        node.test.visit(self)
        self._loops += 1
        node.body.visit(self)
        self._loops -= 1
        if node.orelse is not None:
            node.orelse.visit(self)
        return False


class _Flow:
    """Definite assignment through the retry loop's body: which names are bound at
    each ``break`` of it and where control falls through, and which names a statement
    may read before the body binds them (upward-exposed reads)."""

    def __init__(self, known: Mapping[str, int] | None = None) -> None:
        self.breaks: list[frozenset[str]] = []
        self.exposed: set[str] = set()
        # Values known in the iteration followed (its last one), deciding ``if`` tests.
        self.known = known
        self.continues = False  # a ``continue`` of the retry loop is reachable

    def _reads(self, node: cst.CSTNode, bound: frozenset[str]) -> None:
        self.exposed |= names_of(node).reads - bound

    def block(
        self, statements: Sequence[cst.BaseStatement], bound: frozenset[str], depth: int
    ) -> frozenset[str] | None:
        """The names bound where ``statements`` fall through (None: they never do)."""
        current: frozenset[str] | None = bound
        for statement in statements:
            if current is None:
                return None  # unreachable code binds nothing anyone sees
            current = self.statement(statement, current, depth)
        return current

    def _body(
        self, node: cst.BaseSuite, bound: frozenset[str], depth: int
    ) -> frozenset[str] | None:
        if isinstance(node, cst.IndentedBlock):
            return self.block(node.body, bound, depth)
        suite = cst.ensure_type(node, cst.SimpleStatementSuite)
        return self.block([cst.SimpleStatementLine(suite.body)], bound, depth)

    def statement(
        self, statement: cst.BaseStatement, bound: frozenset[str], depth: int
    ) -> frozenset[str] | None:
        if isinstance(statement, cst.SimpleStatementLine):
            current = set(bound)
            for small in statement.body:
                self._reads(small, frozenset(current))
                if isinstance(small, cst.Raise):
                    return None
                if isinstance(small, cst.Continue):
                    self.continues |= depth == 0
                    return None
                if isinstance(small, cst.Break):
                    if depth == 0:
                        self.breaks.append(frozenset(current))
                    return None
                current |= names_of(small).binds
            return frozenset(current)
        if isinstance(statement, cst.If):
            self._reads(statement.test, bound)
            decided = None if self.known is None else evaluate(statement.test, self.known)
            taken = None if decided is False else self._body(statement.body, bound, depth)
            other: frozenset[str] | None = bound
            if decided is True:
                other = None
            elif isinstance(statement.orelse, cst.If):
                other = self.statement(statement.orelse, bound, depth)
            elif isinstance(statement.orelse, cst.Else):
                other = self._body(statement.orelse.body, bound, depth)
            return _meet(taken, other)
        if isinstance(statement, cst.Try):
            body = self._body(statement.body, bound, depth)
            if statement.orelse is not None and body is not None:
                body = self._body(statement.orelse.body, body, depth)
            results = [body]
            for handler in statement.handlers:
                if handler.type is not None:
                    self._reads(handler.type, bound)
                named = names_of_target(handler.name.name) if handler.name is not None else set()
                results.append(self._body(handler.body, bound | named, depth))
            return _meet(*results)
        if isinstance(statement, cst.For | cst.While):
            head = statement.iter if isinstance(statement, cst.For) else statement.test
            self._reads(head, bound)
            inner = bound
            if isinstance(statement, cst.For):
                inner = bound | frozenset(names_of_target(statement.target))
            self._body(statement.body, inner, depth + 1)
            if statement.orelse is not None:
                self._body(statement.orelse.body, bound, depth)
            return bound  # it may run no iteration (or leave by a break)
        if isinstance(statement, cst.With):
            for item in statement.items:
                self._reads(item.item, bound)
            self._body(statement.body, bound, depth)
            return bound  # a context manager may swallow an exception halfway
        raise _Reject


def _meet(*results: frozenset[str] | None) -> frozenset[str] | None:
    reached = [r for r in results if r is not None]
    if not reached:
        return None
    out = reached[0]
    for r in reached[1:]:
        out &= r
    return out


def _is_true(test: cst.BaseExpression) -> bool:
    return isinstance(test, cst.Name) and test.value == "True"


def _runs_out(statement: cst.For | cst.While, constants: Constants) -> bool:
    """Whether the retry loop may end by running out (its test false, its iterable
    exhausted). A ``for attempt in range(N)`` loop whose last iteration cannot fall
    through or ``continue`` (``if attempt == N - 1: raise``) never does: it runs at
    least once (a ``range`` of known, non-empty bounds), and every iteration but the
    last would have to end without leaving it first."""
    if isinstance(statement, cst.While):
        return not _is_true(statement.test)
    target = statement.target
    if not isinstance(target, cst.Name) or "range" in constants.bound:
        return True
    last = last_of_range(statement.iter, constants.values)
    if last is None or target.value in names_of(statement.body).binds:
        return True
    flow = _Flow({**constants.values, target.value: last})
    ends = flow._body(statement.body, frozenset({target.value}), 0)
    return ends is not None or flow.continues


def _retry_exits(
    statement: cst.For | cst.While, params: frozenset[str], constants: Constants
) -> tuple[list[frozenset[str]], set[str]]:
    """The names bound at each way out of the retry loop but an exception, and the
    names it may read before binding them."""
    flow = _Flow()
    head = statement.iter if isinstance(statement, cst.For) else statement.test
    flow._reads(head, params)
    inner = params
    if isinstance(statement, cst.For):
        inner = params | frozenset(names_of_target(statement.target))
    flow._body(statement.body, inner, 0)
    exits = list(flow.breaks)
    if _runs_out(statement, constants):
        # Exhausted (possibly before any iteration), then the ``else`` runs.
        after: frozenset[str] | None = params
        if statement.orelse is not None:
            after = flow._body(statement.orelse.body, params, 0)
        if after is not None:
            exits.append(after)
    return exits, flow.exposed


class _Scopes(cst.CSTVisitor):
    """Each scope's ``for`` loops that sit in no ``try``/``with`` of their scope."""

    def __init__(self) -> None:
        self.loops: list[tuple[cst.CSTNode, cst.For]] = []
        self._scopes: list[cst.CSTNode] = []
        self._guards: list[int] = [0]

    def visit_Module(self, node: cst.Module) -> None:
        self._scopes.append(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scopes.append(node)
        self._guards.append(0)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._scopes.pop()
        self._guards.pop()

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False  # a class body's names are not variables of a function

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.Try | cst.TryStar | cst.With):
            self._guards[-1] += 1
        if isinstance(node, cst.For) and node.asynchronous is None and self._guards[-1] == 0:
            self.loops.append((self._scopes[-1], node))
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if isinstance(original_node, cst.Try | cst.TryStar | cst.With):
            self._guards[-1] -= 1
        super().on_leave(original_node)


class _NamesOutside(cst.CSTVisitor):
    """The variable names a scope mentions outside one statement (not inside nested
    functions, whose reads of it are checked apart; not a handler's own ``as`` name in
    that handler, which it binds first; not a ``for`` loop's variables in its body,
    which every iteration binds first, when the loop does not hold the statement)."""

    def __init__(self, skip: set[cst.CSTNode], holding: set[cst.CSTNode]) -> None:
        self.skip = skip
        self.holding = holding
        self.names: set[str] = set()
        self._bound_first: list[set[str]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if node in self.skip:
            return False
        if isinstance(node, cst.Name) and not any(node.value in h for h in self._bound_first):
            self.names.add(node.value)
        return super().on_visit(node)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # ``x.name`` mentions ``x`` only
        return False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        for decorator in node.decorators:
            decorator.visit(self)
        node.params.visit(self)  # defaults are evaluated here
        return False

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> bool:
        if node.type is not None:
            node.type.visit(self)
        self._bound_first.append(
            names_of_target(node.name.name) if node.name is not None else set()
        )
        node.body.visit(self)
        self._bound_first.pop()
        return False

    def visit_For(self, node: cst.For) -> bool:
        if node in self.holding:
            return True
        node.iter.visit(self)
        self._bound_first.append(names_of_target(node.target))
        node.target.visit(self)
        node.body.visit(self)
        self._bound_first.pop()
        if node.orelse is not None:
            node.orelse.visit(self)  # it may run after no iteration at all
        return False


def _free_reads(function: cst.FunctionDef) -> frozenset[str]:
    use = names_of(function.body)
    return use.reads - use.binds - frozenset(param_names(function.params))


def find_outlines(
    module: cst.Module,
    functions: Sequence[cst.FunctionDef],
    makes_calls: Callable[[cst.CSTNode], bool],
) -> list[Outline | Refusal]:
    """The retry loops that make external calls (``makes_calls``: directly or through
    the script's functions; ``functions``: every ``def`` of the module): those that may
    become functions of their own, and the others with the reason."""
    scopes = _Scopes()
    module.visit(scopes)
    constants = int_constants(module)
    found: list[Outline | Refusal] = []
    for scope, loop in scopes.loops:
        if not isinstance(loop.body, cst.IndentedBlock):
            continue
        for index, statement in enumerate(loop.body.body):
            if isinstance(statement, cst.While) or (
                isinstance(statement, cst.For) and statement.asynchronous is None
            ):
                if not makes_calls(statement):
                    continue
                result = _outline(scope, loop, index, statement, functions, constants)
                found.append(
                    Refusal(loop, statement, result) if isinstance(result, str) else result
                )
    return found


def _outline(
    scope: cst.CSTNode,
    loop: cst.For,
    index: int,
    statement: cst.For | cst.While,
    functions: Sequence[cst.FunctionDef],
    constants: Constants,
) -> Outline | str:
    """The outline, or why the retry loop cannot be a function of its own."""
    checks = _Checks()
    statement.visit(checks)
    if not checks.ok:
        return (
            "it has a `return`, `yield`, `global`, `del`, `finally`, nested function, "
            "`:=` or `break`/`continue` of the loop around it"
        )
    assert isinstance(loop.body, cst.IndentedBlock)
    try:
        _, exposed = _retry_exits(statement, frozenset(), constants)
    except _Reject:
        return "it has a statement epic does not follow there (a `match`, say)"
    # ``attempts = 0`` right before it, read by it: part of the function.
    start = index
    while start > 0 and _literal_assignment(loop.body.body[start - 1]) in exposed:
        start -= 1
    prefix = tuple(cst.ensure_type(s, cst.SimpleStatementLine) for s in loop.body.body[start:index])
    counters = frozenset(n for line in prefix for n in names_of(line).binds)
    binds = names_of(statement).binds | counters
    # Names set before it in this iteration: the outer loop's variables, and what the
    # body's simple statements before it set.
    before = set(names_of_target(loop.target))
    for earlier in loop.body.body[:start]:
        if isinstance(earlier, cst.SimpleStatementLine):
            before |= names_of(earlier).binds
    changing = names_of(loop.body).binds | names_of_target(loop.target)
    params = sorted((exposed & (changing | binds)) - counters)
    unbound = sorted(set(params) - before)
    if unbound:  # it may read a name not bound yet: the same error, elsewhere
        return (
            f"it reads `{unbound[0]}` before setting it, and the loop body does not set it "
            "before it (a value carried from item to item)"
        )
    try:
        exits, _ = _retry_exits(statement, frozenset(params) | counters, constants)
    except _Reject:
        return "it has a statement epic does not follow there (a `match`, say)"
    # Names read after it (or anywhere else in its scope): it must leave them bound.
    body = scope.body if isinstance(scope, cst.FunctionDef) else scope
    outside = _NamesOutside({statement, *prefix}, holders(body, [statement]))
    body.visit(outside)
    if outside.names & {"locals", "vars", "dir", "eval", "exec", "globals"}:
        return "its scope reads names by a computed name (`locals()`, `eval`, ...)"
    returns = sorted(binds & outside.names)
    if set(returns) & checks.handler_names:
        name = sorted(set(returns) & checks.handler_names)[0]
        return f"`{name}` is read after it, but an `except ... as {name}` unbinds it"
    for exit in exits:
        missing = sorted(set(returns) - exit)
        if missing:
            return (
                f"it can end without setting `{missing[0]}`, which is read after it (a "
                "loop with no `else` that raises leaves the previous value in place)"
            )
    # No function may read what it sets while it runs (a global, a closure's variable).
    for function in functions:
        shared = sorted(binds & _free_reads(function)) if function is not scope else []
        if shared:
            return f"`{function.name.value}` reads `{shared[0]}`, which it sets, while it runs"
    return Outline(loop, statement, tuple(params), tuple(returns), prefix)


def _literal_assignment(statement: cst.BaseStatement) -> str | None:
    """The name ``statement`` binds when it is ``name = <literal>`` (a number, a
    string, ``True``/``False``/``None``, an empty list or dict: nothing that runs code)."""
    if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1):
        return None
    small = statement.body[0]
    if not (
        isinstance(small, cst.Assign)
        and len(small.targets) == 1
        and isinstance(small.targets[0].target, cst.Name)
    ):
        return None
    value = small.value
    literal = isinstance(value, cst.Integer | cst.Float | cst.SimpleString) or (
        isinstance(value, cst.Name) and value.value in ("True", "False", "None")
    )
    empty = isinstance(value, cst.List | cst.Dict) and not value.elements
    return small.targets[0].target.value if literal or empty else None
