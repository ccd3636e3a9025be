"""Integer constants and the integer expressions they decide.

Retry loops count their attempts against a bound written once::

    MAX_RETRIES = 3

    for attempt in range(MAX_RETRIES):
        try:
            ...
            break
        except openai.APIError:
            if attempt == MAX_RETRIES - 1:
                raise

Whether such a loop can run out of attempts without raising depends on the value
``attempt`` has in its last iteration and on the test that value meets. This module
knows the module's integer constants (a name bound once, at module level, to an
integer literal, and bound by no function, as a parameter, a local or a global) and
evaluates expressions over them and any other known names (``+ - * // %``, unary
``-``, ``not``, comparisons, ``and``/``or``). Anything else is unknown (None): a call,
an attribute, a name with no known value.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import libcst as cst

from transpiler.analysis.names import names_of, param_names

Value = int | bool

_BINARY: dict[type[cst.BaseBinaryOp], Callable[[int, int], int]] = {
    cst.Add: operator.add,
    cst.Subtract: operator.sub,
    cst.Multiply: operator.mul,
    cst.FloorDivide: operator.floordiv,
    cst.Modulo: operator.mod,
}

_COMPARE: dict[type[cst.BaseCompOp], Callable[[int, int], bool]] = {
    cst.Equal: operator.eq,
    cst.NotEqual: operator.ne,
    cst.LessThan: operator.lt,
    cst.LessThanEqual: operator.le,
    cst.GreaterThan: operator.gt,
    cst.GreaterThanEqual: operator.ge,
}


class _FunctionBindings(cst.CSTVisitor):
    """Every name a function or lambda binds (parameters, locals, globals it sets)."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.names |= names_of(node.body).binds | set(param_names(node.params))

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.names |= set(param_names(node.params))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.names |= names_of(node.body).binds


@dataclass(frozen=True, slots=True)
class Constants:
    """The module's integer constants, and every name it binds anywhere (so that
    ``range`` is known to be the builtin)."""

    values: Mapping[str, int]
    bound: frozenset[str]


def int_constants(module: cst.Module) -> Constants:
    """The module's integer constants (see the module docstring)."""
    counts: dict[str, int] = {}
    values: dict[str, int] = {}
    for statement in module.body:
        for name in names_of(statement).binds:
            counts[name] = counts.get(name, 0) + 1
        if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
            small = statement.body[0]
            if isinstance(small, cst.Assign) and isinstance(small.value, cst.Integer):
                for target in small.targets:
                    if isinstance(target.target, cst.Name):
                        values[target.target.value] = int(small.value.evaluated_value)
    functions = _FunctionBindings()
    module.visit(functions)
    return Constants(
        {
            name: value
            for name, value in values.items()
            if counts.get(name) == 1 and name not in functions.names
        },
        frozenset(counts) | frozenset(functions.names),
    )


def evaluate(expression: cst.BaseExpression, known: Mapping[str, int]) -> Value | None:
    """The value of ``expression`` when it is decided by ``known``, else None."""
    if isinstance(expression, cst.Integer):
        return int(expression.evaluated_value)
    if isinstance(expression, cst.Name):
        if expression.value in ("True", "False"):
            return expression.value == "True"
        return known.get(expression.value)
    if isinstance(expression, cst.UnaryOperation):
        operand = evaluate(expression.expression, known)
        if operand is None:
            return None
        if isinstance(expression.operator, cst.Not):
            return not operand
        if isinstance(expression.operator, cst.Minus):
            return -operand
        return None
    if isinstance(expression, cst.BinaryOperation):
        apply = _BINARY.get(type(expression.operator))
        left = evaluate(expression.left, known)
        right = evaluate(expression.right, known)
        if apply is None or left is None or right is None:
            return None
        if isinstance(expression.operator, cst.FloorDivide | cst.Modulo) and right == 0:
            return None
        return apply(left, right)
    if isinstance(expression, cst.Comparison):
        left = evaluate(expression.left, known)
        for target in expression.comparisons:
            compare = _COMPARE.get(type(target.operator))
            right = evaluate(target.comparator, known)
            if compare is None or left is None or right is None:
                return None
            if not compare(left, right):
                return False
            left = right
        return True
    if isinstance(expression, cst.BooleanOperation):
        left = evaluate(expression.left, known)
        if left is None:
            return None
        if isinstance(expression.operator, cst.And):
            return evaluate(expression.right, known) if left else left
        return left if left else evaluate(expression.right, known)
    return None


def last_of_range(call: cst.BaseExpression, known: Mapping[str, int]) -> int | None:
    """The last value of ``range(...)`` when its arguments are known and it is not
    empty, else None (the caller makes sure ``range`` is the builtin)."""
    if not (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Name)
        and call.func.value == "range"
        and 1 <= len(call.args) <= 3
        and all(arg.keyword is None and not arg.star for arg in call.args)
    ):
        return None
    bounds = [evaluate(arg.value, known) for arg in call.args]
    if any(b is None or isinstance(b, bool) for b in bounds):
        return None
    numbers = [int(b) for b in bounds if b is not None]
    if len(numbers) == 3 and numbers[2] == 0:
        return None
    values = range(*numbers)
    return values[-1] if len(values) else None
