"""Facts the planner derives from syntax about what may raise.

Moving a statement or starting a call early is only safe when what moves cannot raise
(an exception is an observable effect, in program order). These predicates answer
conservatively, on the values scripts use: anything not listed may raise.
"""

from __future__ import annotations

import libcst as cst

from transpiler.analysis.effects import keyed_pair


def is_safe(node: cst.BaseExpression) -> bool:
    """Expressions that cannot raise (on the values scripts use), so may move freely."""
    if isinstance(node, (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.Name)):
        return True
    if isinstance(node, cst.ConcatenatedString):
        return is_safe(node.left) and is_safe(node.right)
    if isinstance(node, cst.FormattedString):
        return all(
            isinstance(part, cst.FormattedStringText)
            or (
                isinstance(part, cst.FormattedStringExpression)
                and part.format_spec is None
                and part.conversion is None
                and is_safe(part.expression)
            )
            for part in node.parts
        )
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        return all(isinstance(e, cst.Element) and is_safe(e.value) for e in node.elements)
    if isinstance(node, cst.Dict):
        return all(
            isinstance(e, cst.DictElement) and is_safe(e.key) and is_safe(e.value)
            for e in node.elements
        )
    return False


def cannot_raise(node: cst.BaseStatement) -> bool:
    """Statements made only of code that cannot raise: safe assignments, ``print`` of
    safe values, ``pass``. Anything else is assumed to possibly raise."""
    if not isinstance(node, cst.SimpleStatementLine):
        return False
    for small in node.body:
        if isinstance(small, cst.Pass):
            continue
        if isinstance(small, cst.Assign) and all(
            isinstance(t.target, cst.Name) for t in small.targets
        ):
            if is_safe(small.value):
                continue
            return False
        if isinstance(small, cst.Expr):
            value = small.value
            if is_safe(value):
                continue
            if (
                isinstance(value, cst.Call)
                and isinstance(value.func, cst.Name)
                and value.func.value == "print"
                and all(is_safe(arg.value) for arg in value.args)
            ):
                continue
        return False
    return True


def call_args_safe(call: cst.Call) -> bool:
    """Arguments, and the object whose method it calls, that cannot raise: the call may
    be started ahead of other code. Unpacking (``*parts``, ``**options``) may raise
    (``None`` is not iterable), and so may a receiver that is computed
    (``make_model(name).ask(q)``, ``agents[3].ask(q)``) rather than a name or its
    attributes (``self.llm.complete(q)``, ``client.chat.completions.create(...)``)."""
    receiver = call.func
    while isinstance(receiver, cst.Attribute):
        receiver = receiver.value
    return is_safe(receiver) and all(not arg.star and is_safe(arg.value) for arg in call.args)


def safe_iterable(node: cst.BaseExpression) -> bool:
    """An iterable evaluated without raising: a name, a display, ``range(...)``."""
    if is_safe(node):
        return True
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value == "range"
        and call_args_safe(node)
    )


def gather_safe(comp: cst.ListComp | cst.GeneratorExp) -> bool:
    """Whether starting a gathered comprehension's calls cannot raise: ``tasks.gather``
    runs the comprehension at once (iterables, conditions, the element's arguments),
    so anything there that may raise would raise where the calls start, ahead of the
    code before the comprehension."""
    element = comp.elt
    pair = keyed_pair(element)
    if pair is not None and isinstance(element, cst.Tuple):
        # ``(key, call(...))``: the key is evaluated where the call starts, too.
        key = element.elements[0].value
        if not is_safe(key):
            return False
        element = pair
    if not isinstance(element, cst.Call) or not call_args_safe(element):
        return False
    for_in: cst.CompFor | None = comp.for_in
    while for_in is not None:
        if not isinstance(for_in.target, cst.Name) or not safe_iterable(for_in.iter):
            return False
        if any(not is_safe(condition.test) for condition in for_in.ifs):
            return False
        for_in = for_in.inner_for_in
    return True
