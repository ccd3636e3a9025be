"""Decorators written in the script that wrap the function they decorate.

The shape people write for retries, logging and timing::

    def retry(fn, attempts=3):              # or a factory: def retry(attempts=3):
        @functools.wraps(fn)                #                   def decorate(fn): ...
        def wrapper(*args, **kwargs):       #                   return decorate
            for attempt in range(attempts):
                try:
                    return fn(*args, **kwargs)
                except ValueError:
                    time.sleep(1)
            raise RuntimeError("failed")

        return wrapper

Applied to a function that becomes async, the wrapper becomes ``async def`` and awaits
``fn(...)``: the same code around the same calls, now awaited. That is only the same
program when the wrapper does nothing with ``fn`` but call it (or read its name), and the
decorator nothing but define the wrapper and return it. This module finds the shapes;
whether every use of the decorator allows the rewrite is decided by the call pass
(``calls.py``), which sees the references.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

# What a wrapper may read of the function it wraps besides calling it: attributes
# ``functools.wraps`` copies, which a coroutine function has too.
FUNCTION_ATTRIBUTES = frozenset({"__name__", "__qualname__", "__doc__", "__module__"})

# Code that runs later, or in a scope of its own: a call of the parameter there is not
# one the function itself makes (and awaits) where it stands.
_DEFERRED = (cst.FunctionDef, cst.Lambda, cst.ClassDef, cst.GeneratorExp)
# Comprehensions run in place, but in a scope of their own.
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp)


@dataclass(frozen=True, slots=True)
class WrapperShape:
    """``def decorator(fn): def wrapper(...): ... fn(...) ...; return wrapper``."""

    decorator: cst.FunctionDef
    wrapper: cst.FunctionDef
    # The parameter that receives the decorated function.
    parameter: str
    # ``fn(...)`` inside the wrapper: they run the decorated function.
    calls: tuple[cst.Call, ...]
    # ``wrapper`` in ``return wrapper``: the one reference to it.
    returned: cst.Name
    # ``except errors:`` naming a parameter of the decorator (or of its factory): what
    # it catches is decided where the decorator is applied.
    handler_names: frozenset[str]


@dataclass(frozen=True, slots=True)
class FactoryShape:
    """``def retry(times=3): def decorate(fn): ...; return decorate``."""

    factory: cst.FunctionDef
    shape: WrapperShape
    returned: cst.Name


def _statements(function: cst.FunctionDef) -> list[cst.BaseStatement] | None:
    """The body without its docstring (None: a one-line body)."""
    body = function.body
    if not isinstance(body, cst.IndentedBlock):
        return None
    statements = list(body.body)
    if statements and isinstance(statements[0], cst.SimpleStatementLine):
        first = statements[0].body
        if len(first) == 1 and isinstance(first[0], cst.Expr):
            if isinstance(first[0].value, cst.SimpleString | cst.ConcatenatedString):
                statements = statements[1:]
    return statements


def _define_and_return(function: cst.FunctionDef) -> tuple[cst.FunctionDef, cst.Name] | None:
    """``def inner(...): ...`` then ``return inner``, and nothing else."""
    if function.asynchronous is not None:
        return None
    statements = _statements(function)
    if statements is None or len(statements) != 2:
        return None
    inner, last = statements
    if not isinstance(inner, cst.FunctionDef) or inner.asynchronous is not None:
        return None
    if not (isinstance(last, cst.SimpleStatementLine) and len(last.body) == 1):
        return None
    returned = last.body[0]
    if not (
        isinstance(returned, cst.Return)
        and isinstance(returned.value, cst.Name)
        and returned.value.value == inner.name.value
    ):
        return None
    return inner, returned.value


def _wraps_parameter(decorator: cst.Decorator, parameter: str) -> bool:
    """``@functools.wraps(fn)`` / ``@wraps(fn)`` (the name is checked by the caller)."""
    expression = decorator.decorator
    if not isinstance(expression, cst.Call) or len(expression.args) != 1:
        return False
    func = expression.func
    named = (isinstance(func, cst.Name) and func.value == "wraps") or (
        isinstance(func, cst.Attribute)
        and func.attr.value == "wraps"
        and isinstance(func.value, cst.Name)
        and func.value.value == "functools"
    )
    argument = expression.args[0]
    return (
        named
        and argument.keyword is None
        and not argument.star
        and isinstance(argument.value, cst.Name)
        and argument.value.value == parameter
    )


class ParameterUses(cst.CSTVisitor):
    """The calls of a parameter ``name`` in a function's body, when the body does
    nothing else with it but read its ``__name__`` (``ok``), never rebinds it and has
    no ``yield``, ``await``, ``global`` or ``nonlocal``; ``own``: a name the body must
    not mention (a wrapper's own). ``comprehensions``: calls in a list, set or dict
    comprehension count (they run in place); else they make it not ``ok``. Also the
    names ``except`` clauses catch (``except errors:``)."""

    def __init__(self, name: str, *, own: str | None = None, comprehensions: bool = False) -> None:
        self.parameter = name
        self.own = own
        self.nested = _DEFERRED if comprehensions else _DEFERRED + _COMPREHENSIONS
        self.calls: list[cst.Call] = []
        self.allowed: set[cst.Name] = set()
        self.ok = True
        self.handler_names: set[str] = set()
        self._depth = 0  # nested scopes entered

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, self.nested):
            self._depth += 1
        if isinstance(node, cst.Yield | cst.Await | cst.Global | cst.Nonlocal):
            self.ok = False
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
            if node.func.value == self.parameter:
                if self._depth:
                    self.ok = False
                self.calls.append(node)
                self.allowed.add(node.func)
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            if node.value.value == self.parameter and node.attr.value in FUNCTION_ATTRIBUTES:
                self.allowed.add(node.value)
        if isinstance(node, cst.ExceptHandler):
            kinds = node.type.elements if isinstance(node.type, cst.Tuple) else ()
            for kind in (node.type, *(e.value for e in kinds)):
                if isinstance(kind, cst.Name):
                    self.handler_names.add(kind.value)
        if isinstance(node, cst.Name) and node not in self.allowed:
            if node.value == self.parameter or node.value == self.own:
                self.ok = False
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if isinstance(original_node, self.nested):
            self._depth -= 1


def wrapper_shape(function: cst.FunctionDef) -> WrapperShape | None:
    """The shape, if ``function`` is a decorator that wraps what it decorates."""
    params = function.params
    positional = [*params.posonly_params, *params.params]
    if not positional or params.star_kwarg is not None or isinstance(params.star_arg, cst.Param):
        return None
    if any(p.default is None for p in positional[1:]) or any(
        p.default is None for p in params.kwonly_params
    ):
        return None  # ``@decorator`` passes the function only
    parameter = positional[0].name.value
    found = _define_and_return(function)
    if found is None:
        return None
    wrapper, returned = found
    if not all(_wraps_parameter(d, parameter) for d in wrapper.decorators):
        return None
    if parameter in {p.name.value for p in all_params(wrapper.params)}:
        return None
    uses = ParameterUses(parameter, own=wrapper.name.value)
    wrapper.body.visit(uses)
    for param in all_params(wrapper.params):
        if param.default is not None:
            param.default.visit(uses)
    if not uses.ok or not uses.calls:
        return None
    return WrapperShape(
        function,
        wrapper,
        parameter,
        tuple(uses.calls),
        returned,
        frozenset(uses.handler_names),
    )


def factory_shape(function: cst.FunctionDef) -> FactoryShape | None:
    """The shape, if ``function`` makes such a decorator (``@retry(times=3)``)."""
    found = _define_and_return(function)
    if found is None or function.decorators:
        return None
    inner, returned = found
    shape = wrapper_shape(inner)
    if shape is None or inner.decorators:
        return None
    return FactoryShape(function, shape, returned)


def all_params(params: cst.Parameters) -> list[cst.Param]:
    found = [*params.posonly_params, *params.params, *params.kwonly_params]
    if isinstance(params.star_arg, cst.Param):
        found.append(params.star_arg)
    if params.star_kwarg is not None:
        found.append(params.star_kwarg)
    return found


def positional_params(params: cst.Parameters) -> list[cst.Param]:
    return [*params.posonly_params, *params.params]


def catches_cancellation(kind: cst.BaseExpression | None) -> bool:
    """Whether ``except <kind>:`` catches ``asyncio.CancelledError``."""
    if kind is None:
        return True
    if isinstance(kind, cst.Tuple):
        return any(catches_cancellation(e.value) for e in kind.elements)
    name = (
        kind.attr.value
        if isinstance(kind, cst.Attribute)
        else (kind.value if isinstance(kind, cst.Name) else None)
    )
    return name in ("BaseException", "CancelledError")
